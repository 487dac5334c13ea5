"""The version is written in pyproject.toml and in app/__init__.py (read at start-up without package metadata)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_and_pyproject_agree_on_the_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert app.__version__ == project["version"]
