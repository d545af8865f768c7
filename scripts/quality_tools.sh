#!/usr/bin/env bash
# The two checkers the public-page quality test (tests/browser/test_quality.py) runs over the demo:
# axe-core from npm (injected into Debian's chromium by Playwright) and the Nu HTML checker
# (nu.validator:validator from Maven Central, run with the system java). Installed once into .tools/;
# rerunning is a no-op. Versions are pinned here.
set -euo pipefail
cd "$(dirname "$0")/.."
AXE_VERSION=4.14.1
NU_VERSION=26.5.2
TOOLS=.tools

if [ ! -f "$TOOLS/axe/node_modules/axe-core/axe.min.js" ]; then
  echo "Installing axe-core $AXE_VERSION (npm)…"
  mkdir -p "$TOOLS/axe"
  npm install --prefix "$TOOLS/axe" --no-save --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
fi

if [ ! -f "$TOOLS/nu/lib/validator-$NU_VERSION.jar" ]; then
  echo "Installing the Nu HTML checker $NU_VERSION (Maven Central)…"
  mkdir -p "$TOOLS/nu"
  cat > "$TOOLS/nu/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>cong</groupId><artifactId>nu-checker</artifactId><version>1</version>
  <dependencies><dependency><groupId>nu.validator</groupId><artifactId>validator</artifactId>
    <version>$NU_VERSION</version></dependency></dependencies>
</project>
POM
  mvn -q -B -f "$TOOLS/nu/pom.xml" dependency:copy-dependencies -DoutputDirectory=lib
fi
echo "Quality tools ready: $TOOLS/axe, $TOOLS/nu/lib"
