#!/usr/bin/env bash
# Dependency audit: every package installed in .venv checked against the known vulnerabilities,
# with pip-audit, through OSV and, when OSV cannot be reached, PyPI's JSON API.
#
# pip-audit itself "passes" when it could audit nothing (each package skipped as not found);
# this script counts what was really audited and says so:
#   exit 0  every package audited, no known vulnerability
#   exit 1  known vulnerabilities found (listed)
#   exit 2  nothing audited, or some packages not: no vulnerability service answered for them
set -uo pipefail
cd "$(dirname "$0")/.."

PIP_AUDIT=${PIP_AUDIT:-.venv/bin/pip-audit}  # a stand-in in tests/test_audit.py
[ -x "$PIP_AUDIT" ] || { echo "audit: $PIP_AUDIT missing: run make install" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for service in osv pypi; do
    echo "audit: asking $service"
    # pip-audit exits 1 both for vulnerabilities and for errors: its JSON report tells which.
    "$PIP_AUDIT" --vulnerability-service "$service" --format json --progress-spinner off \
        --timeout 15 >"$work/$service.json" 2>"$work/$service.err"
    python3 - "$service" "$work/$service.json" "$work/$service.err" <<'PY'
import json
import sys

service, report_path, errors_path = sys.argv[1:]
try:
    with open(report_path) as report:
        dependencies = json.load(report)["dependencies"]
except (OSError, ValueError, KeyError):
    last_error = (open(errors_path).read().strip().splitlines() or ["no output"])[-1]
    print(f"audit: {service} could not be asked: {last_error}")
    sys.exit(2)

audited = [d for d in dependencies if "skip_reason" not in d]
skipped = [d for d in dependencies if "skip_reason" in d]
vulnerable = [d for d in audited if d.get("vulns")]
print(f"audit: {service}: {len(audited)} of {len(dependencies)} packages audited")
for dependency in vulnerable:
    for vuln in dependency["vulns"]:
        fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
        print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
if vulnerable:
    sys.exit(1)
if not audited or skipped:
    names = ", ".join(f"{d['name']} {d.get('version', '')}".strip() for d in skipped[:10])
    print(f"audit: {service}: {len(skipped)} packages not audited ({names}{', …' if len(skipped) > 10 else ''})")
    sys.exit(2)
sys.exit(0)
PY
    status=$?
    case $status in
        0) echo "audit: passed, every package audited, no known vulnerability"; exit 0 ;;
        1) echo "audit: FAILED, known vulnerabilities (above)" >&2; exit 1 ;;
    esac
done

cat >&2 <<'MSG'
audit: NOT AUDITED. No vulnerability service answered for every package (OSV unreachable, or
PyPI's JSON API without these versions): nothing is known about their vulnerabilities.
MSG
exit 2
