"""scripts/audit.sh tells an audit that found nothing from one that could audit nothing: its
exit status and words are read here with a stand-in for pip-audit, which answers each
vulnerability service with a JSON report (or, for an unreachable one, an error)."""

import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CLEAN = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
VULNERABLE = {
    "dependencies": [
        {
            "name": "django",
            "version": "5.2.19",
            "vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["5.2.20"]}],
        }
    ]
}
NOTHING_AUDITED = {
    "dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]
}


def run_audit(tmp_path, osv, pypi):
    """scripts/audit.sh with a pip-audit that answers OSV with `osv` and PyPI with `pypi`
    (a report, or None for a service that cannot be reached)."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"osv": osv, "pypi": pypi}))
    stand_in = tmp_path / "pip-audit"
    stand_in.write_text(
        textwrap.dedent(f"""\
            #!/usr/bin/env python3
            import json, sys
            service = sys.argv[sys.argv.index("--vulnerability-service") + 1]
            report = json.load(open({str(answers)!r}))[service]
            if report is None:
                sys.exit("requests.exceptions.ConnectionError: " + service + " unreachable")
            print(json.dumps(report))
            sys.exit(1 if any(d.get("vulns") for d in report["dependencies"]) else 0)
        """)
    )
    stand_in.chmod(0o755)
    return subprocess.run(
        ["bash", "scripts/audit.sh"],
        cwd=ROOT,
        env={**os.environ, "PIP_AUDIT": str(stand_in)},
        capture_output=True,
        text=True,
    )


def test_a_clean_audit_passes(tmp_path):
    result = run_audit(tmp_path, osv=CLEAN, pypi=None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "osv: 1 of 1 packages audited" in result.stdout


def test_known_vulnerabilities_fail_and_are_named(tmp_path):
    result = run_audit(tmp_path, osv=VULNERABLE, pypi=CLEAN)
    assert result.returncode == 1
    assert "VULNERABLE django 5.2.19: PYSEC-0000-1 (fixed in 5.2.20)" in result.stdout


def test_pypi_answers_when_osv_cannot_be_reached(tmp_path):
    result = run_audit(tmp_path, osv=None, pypi=CLEAN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "osv could not be asked" in result.stdout
    assert "pypi: 1 of 1 packages audited" in result.stdout


@pytest.mark.parametrize(
    ("osv", "pypi"),
    [(None, None), (None, NOTHING_AUDITED), (NOTHING_AUDITED, NOTHING_AUDITED)],
    ids=["no-service", "pypi-skips-all", "both-skip-all"],
)
def test_an_audit_of_nothing_fails_loudly(tmp_path, osv, pypi):
    # pip-audit itself exits 0 when it skipped every package.
    result = run_audit(tmp_path, osv=osv, pypi=pypi)
    assert result.returncode == 2
    assert "NOT AUDITED" in result.stderr
