"""Each server's own requirement set declares what its code imports (requirements/*.txt),
so an action-server image built from requirements/actions.txt alone starts."""

import ast
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.project import ROOT

SETS = {
    # the action server: the actions package and its entry point, with the records tools
    "actions.txt": ["actions", "entrypoints/action_server.py", "entrypoints/threaded_actions.py"],
    # the Rasa server: graph components, channels, its entry point and the web part
    "rasa.txt": [
        "components",
        "channels",
        "entrypoints/rasa_server.py",
        "entrypoints/outage.py",
        "entrypoints/action_results.py",
        "web",
    ],
}
FIRST_PARTY = {"actions", "components", "channels", "entrypoints", "web", "benchmarks", "scripts", "tests"}


def _imports(paths):
    found = set()
    for base in paths:
        target = ROOT / base
        files = [target] if target.is_file() else sorted(target.rglob("*.py"))
        for path in files:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    found.add(node.module.split(".")[0])
    return {name for name in found if name not in FIRST_PARTY and name not in sys.stdlib_module_names}


def _declared_closure(requirement_file):
    """The distributions a requirement set installs: its own lines (with their extras) and their dependencies."""
    todo = []
    for line in (ROOT / "requirements" / requirement_file).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            parsed = Requirement(line)
            todo.append((parsed.name, frozenset(parsed.extras)))
    seen = set()
    while todo:
        name, extras = todo.pop()
        name = name.lower().replace("_", "-")
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        for requirement in metadata.requires(name) or []:
            parsed = Requirement(requirement)
            wanted = parsed.marker is None or any(parsed.marker.evaluate({"extra": e}) for e in {"", *extras})
            if wanted:
                todo.append((parsed.name, frozenset(parsed.extras)))
    return {name for name, _ in seen}


def _providers():
    """Top-level module -> distributions, from each installed distribution's RECORD
    (Python 3.10's packages_distributions only reads top_level.txt, which newer wheels lack)."""
    found = {}
    site = Path(metadata.distribution("pytest").locate_file(""))
    for record in site.glob("*.dist-info/RECORD"):
        name = metadata.Distribution.at(record.parent).metadata["Name"]
        for line in record.read_text(encoding="utf-8").splitlines():
            top = line.split(",", 1)[0].split("/", 1)[0]
            if top.endswith((".dist-info", ".data")) or top in ("..", "__pycache__", ""):
                continue
            found.setdefault(top[:-3] if top.endswith(".py") else top, set()).add(name)
    return found


@pytest.mark.parametrize("requirement_file", sorted(SETS))
def test_every_import_is_installed_by_the_servers_own_requirement_set(requirement_file):
    installed = _declared_closure(requirement_file)
    providers = _providers()
    missing = {}
    for module in sorted(_imports(SETS[requirement_file])):
        distributions = {d.lower().replace("_", "-") for d in providers.get(module, [])}
        assert distributions, f"{module}: no installed distribution provides it"
        if not distributions & installed:
            missing[module] = sorted(distributions)
    assert not missing, f"imported but not declared in requirements/{requirement_file}: {missing}"
