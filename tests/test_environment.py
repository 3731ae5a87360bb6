"""environment.yml (conda) and requirements.in (pip) declare the same packages at the same versions."""
import re

import yaml

from helpers.paths import ROOT


def _name(spec: str) -> str:
    return re.split(r"[=<>!~ ]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pins(specs) -> dict[str, str]:
    return {_name(s): re.split(r"==?", s.strip(), maxsplit=1)[1] for s in specs}


def pip_pins() -> dict[str, str]:
    lines = (line.split("#", 1)[0].strip() for line in (ROOT / "requirements.in").read_text().splitlines())
    return _pins(line for line in lines if line)


def conda_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    specs = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            specs += dep["pip"]
        elif _name(dep) not in ("python", "pip"):
            specs.append(dep)
    return _pins(specs)


def test_same_packages_and_versions():
    pip, conda = pip_pins(), conda_pins()
    assert sorted(set(pip) ^ set(conda)) == []
    assert {k: (pip[k], conda[k]) for k in pip if pip[k] != conda[k]} == {}


def test_lock_pins_every_direct_dependency():
    lock = _pins(line for line in (ROOT / "requirements.lock").read_text().splitlines()
                 if line and not line.startswith("#"))
    assert {k: v for k, v in pip_pins().items() if lock.get(k) != v} == {}
