"""The Python API: every exported name is a function or class, even after every module is imported."""

from __future__ import annotations

import importlib
import pkgutil

import kg


def test_api_names_survive_importing_every_module():
    for module in pkgutil.walk_packages(kg.__path__, "kg."):
        if module.name != "kg.__main__":
            importlib.import_module(module.name)
    for name in kg.__all__:
        value = getattr(kg, name)
        assert type(value).__name__ != "module", name
    assert callable(kg.query) and callable(kg.report) and callable(kg.validate)
