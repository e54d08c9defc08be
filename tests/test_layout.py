"""The tree shows the pipeline: one sub-package per stage, imports only down the pipeline."""

from __future__ import annotations

import ast
from pathlib import Path

import converters

PACKAGE = Path(converters.__file__).parent
# Pipeline order; a stage may import from itself and from the stages before it.
ORDER = ("read", "metadata", "page", "clean", "markdown", "markdown_body", "check", "write")


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_top_level_holds_only_the_api_the_pipeline_and_the_document() -> None:
    modules = {path.name for path in PACKAGE.glob("*.py")}
    assert modules == {"__init__.py", "pipeline.py", "document.py"}


def test_every_stage_package_says_what_comes_in_and_goes_out() -> None:
    for stage in ORDER:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text("utf-8")))
        assert doc and "In:" in doc and "Out:" in doc and "Entry" in doc, stage


def test_stages_import_only_earlier_stages_and_never_the_cli() -> None:
    wrong = []
    for rank, stage in enumerate(ORDER):
        allowed = set(ORDER[: rank + 1])
        for path in sorted((PACKAGE / stage).rglob("*.py")):
            for module in imported_modules(path):
                parts = module.split(".")
                if parts[0] == "cli":
                    wrong.append(f"{path.name} imports {module}")
                elif parts[0] == "converters" and parts[1:2] and parts[1] in set(ORDER) - allowed:
                    wrong.append(f"{stage}/{path.name} imports {module}")
    assert wrong == []


def test_the_pipeline_runs_the_stages_in_the_order_of_the_tree() -> None:
    from converters.pipeline import STAGES

    packages = [stage.__module__.split(".")[1] for _, stage in STAGES]
    ranks = [ORDER.index(package) for package in packages]
    assert ranks == sorted(ranks)
