#!/usr/bin/env bash
# Security scans run by `make test` (R111, issue 11):
#  - pip-audit: the pinned requirements against PyPI's vulnerability data; a known vulnerability
#    that has a fixed release fails the run (one without a fix is reported, not failed: there is
#    nothing to upgrade to).
#  - bandit: the project's code; any high-severity finding fails the run.
# Django's `check --deploy` under production settings is a test (tests/test_processes.py).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV_BIN="${VENV_BIN:-.venv/bin}"
REQUIREMENTS="${REQUIREMENTS:-requirements.txt}"

echo "== pip-audit ($REQUIREMENTS)"
report=$(mktemp)
trap 'rm -f "$report"' EXIT
# --no-deps: requirements.txt pins every package we install; --disable-pip: audit the pins as written.
"$VENV_BIN/pip-audit" --requirement "$REQUIREMENTS" --no-deps --disable-pip --progress-spinner off \
    --format json --output "$report" >/dev/null || true
"$VENV_BIN/python" - "$report" <<'PY'
import json
import os
import sys

data = json.load(open(sys.argv[1]))
fixable, unfixable, unaudited = [], [], []
for dependency in data.get("dependencies", []):
    if dependency.get("skip_reason"):
        unaudited.append(dependency["name"])
        continue
    for vuln in dependency.get("vulns", []):
        fixes = ", ".join(vuln["fix_versions"]) or "no release yet"
        line = f"{dependency['name']} {dependency.get('version')}: {vuln['id']} (fixed in {fixes})"
        (fixable if vuln["fix_versions"] else unfixable).append(line)
audited = len(data.get("dependencies", [])) - len(unaudited)
for line in unfixable:
    print("  known, no fix yet:", line)
for line in fixable:
    print("  VULNERABLE:", line)
print(f"  {audited} pinned packages audited; {len(fixable)} fixable vulnerabilities, {len(unfixable)} without a fix")
if unaudited:
    # PyPI's JSON API (the vulnerability data) was not reachable for these: the scan proved nothing.
    # This workplace's network reaches the package index but not its vulnerability API (nor OSV), so
    # the gap is printed loudly rather than failed: a red run here would prove nothing either way.
    # Where the data is reachable, set PIP_AUDIT_REQUIRE_DATA=true to fail on it.
    message = f"  WARNING could not audit {len(unaudited)} package(s) (no vulnerability data): {', '.join(unaudited[:8])}"
    print(message)
    if os.environ.get("PIP_AUDIT_REQUIRE_DATA", "").lower() == "true":
        sys.exit("pip-audit could not reach the vulnerability data (PIP_AUDIT_REQUIRE_DATA=true).")
sys.exit(1 if fixable else 0)
PY

echo "== bandit (high severity fails)"
# Every app, including ones added later; tests and benchmarks may use assert and fixed secrets.
"$VENV_BIN/bandit" --quiet --recursive --severity-level high --confidence-level medium \
    --exclude ./.venv,./tests,./bench,./.services,./node_modules,./media,./static .
echo "  bandit: no high-severity finding"
