"""Second test environment: the Arabic rendering tests on matplotlib 3.10.

matplotlib 3.11 shapes and reorders Arabic itself (libraqm); 3.10 does not, so
``helpers.presentation.chart_text.prepare`` takes a different branch there. This session
installs the pinned lock, swaps matplotlib for 3.10.9 and runs the rendering tests,
so that the pre-3.11 branch is exercised in CI and not dead code.

Run it with ``make test`` or ``.venv/bin/python -m nox -s rendering``.
"""
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True

OLD_MATPLOTLIB = "3.10.9"
RENDERING_TESTS = [
    "tests/test_arabic_text.py",
    "tests/test_arabic_rendering.py",
    "tests/test_charts.py",
]


# No python= : the session uses the interpreter that runs nox (the project .venv's 3.11),
# so it cannot be skipped as "interpreter missing" under --no-error-on-missing-interpreters.
@nox.session(name="rendering")
def rendering(session: nox.Session) -> None:
    """Rendering tests on matplotlib 3.10 (the reshape + bidi branch)."""
    quiet = ("--quiet", "--disable-pip-version-check")
    # The lock without its matplotlib pin, plus the old matplotlib, resolved in one go
    # (installing the lock first would swap matplotlib 3.11 in and out on every run).
    lock = Path("requirements.lock").read_text().splitlines()
    pins = [line for line in lock if not line.lower().startswith("matplotlib==")]
    requirements = Path(session.create_tmp()) / "requirements-old-matplotlib.txt"
    requirements.write_text("\n".join(pins + [f"matplotlib=={OLD_MATPLOTLIB}"]) + "\n")
    session.install(*quiet, "-r", str(requirements))
    session.install(*quiet, "--no-deps", "--no-build-isolation", "-e", ".")
    session.run(
        "python", "-c",
        "import matplotlib; assert matplotlib.__version__ == %r, matplotlib.__version__" % OLD_MATPLOTLIB,
    )
    # -p no:cacheprovider: leave the main environment's .pytest_cache alone.
    session.run("python", "-m", "pytest", "-p", "no:cacheprovider", "--mpl", *RENDERING_TESTS, *session.posargs)
