/* The main menu folds behind a button on narrow screens. Without this script the whole menu shows
   (progressive enhancement); served from 'self', so the public CSP (script-src 'self') allows it. */
(function () {
  var nav = document.querySelector(".main-menu");
  if (!nav) return;
  var button = nav.querySelector(".main-menu__toggle");
  if (!button) return;
  document.documentElement.classList.add("has-menu-toggle");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    nav.classList.toggle("is-open", !open);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && nav.classList.contains("is-open")) {
      nav.classList.remove("is-open");
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
  });
})();
