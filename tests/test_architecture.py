"""The product packages form layers: core < indexer < bot < {api, ui} < app, without cycles.

Every ``.py`` file of the product packages is parsed with ``ast``; every import in it (at module
level, inside functions, under ``TYPE_CHECKING``, relative or absolute, and
``importlib.import_module("literal")``) becomes an edge to the product module it names. The
checks then run on that graph, and the same functions run on a small synthetic tree that breaks
every rule, so a check that can never fail would show up there.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS: dict[str, int] = {"core": 0, "indexer": 1, "bot": 2, "api": 3, "ui": 3, "app": 4}
PRODUCT = tuple(LAYERS)
NOT_PRODUCT = ("bench", "tests", "train")
MAX_LINES = 300
# Inside the two big packages, their sub-packages (and top modules) are layers too, by concern:
# a sub-package imports only lower ones; equal ranks stand side by side and never import each other.
SUBLAYERS: dict[str, dict[str, int]] = {
    "indexer": {"documents": 0, "language": 0, "notice": 1, "store": 1, "embed": 2, "picker": 3, "load": 3,
                "parts": 3, "build": 4},
    "bot": {"access": 0, "answering": 0, "finder": 0, "storage": 1, "service": 2,
            "alerts": 3, "collection": 3, "evaluation": 3},
}

Graph = dict[str, set[str]]


# --- building the graph -----------------------------------------------------------------------


def module_files(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` under the given top-level packages."""
    files: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            files[".".join(parts)] = path
    return files


def _resolve(name: str, modules: set[str]) -> str | None:
    """The product module ``name`` refers to: itself, else its longest product prefix."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def _base_package(module: str, path: Path, level: int) -> str:
    """The package a relative import of ``level`` dots starts from."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(level - 1):
        package = package.rpartition(".")[0]
    return package


def imports(module: str, path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """Every import in the module as (dotted module, names taken from it), relative made absolute.

    ``import a.b`` is ``("a.b", ())``; ``from a import b, c`` is ``("a", ("b", "c"))``, where each
    name may be a submodule of ``a`` or an attribute of it.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[str, tuple[str, ...]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _base_package(module, path, node.level)
                prefix = ".".join(p for p in (base, node.module or "") if p)
            else:
                prefix = node.module or ""
            found.append((prefix, tuple(alias.name for alias in node.names)))
        elif (
            isinstance(node, ast.Call)
            and (
                (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                or (isinstance(node.func, ast.Name) and node.func.id == "import_module")
            )
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.args[0].value, ()))
    return found


def import_graph(root: Path, packages: Iterable[str]) -> Graph:
    """Module -> the product modules it imports (edges to itself dropped).

    ``from pkg import name`` is an edge to ``pkg.name`` when that is a module, else to ``pkg``.
    """
    files = module_files(root, packages)
    modules = set(files)
    graph: Graph = {}
    for module, path in files.items():
        targets: set[str | None] = set()
        for prefix, names in imports(module, path):
            if not names:
                targets.add(_resolve(prefix, modules))
            for name in names:
                sub = f"{prefix}.{name}" if prefix else name
                targets.add(sub if sub in modules else _resolve(prefix, modules))
        graph[module] = {t for t in targets if t is not None and t != module}
    return graph


def foreign_imports(root: Path, packages: Iterable[str], forbidden: Iterable[str]) -> list[str]:
    """``module -> name`` for imports of top-level packages product code must not use."""
    forbidden = tuple(forbidden)
    found = set()
    for module, path in module_files(root, packages).items():
        for prefix, names in imports(module, path):
            top = (prefix or (names[0] if names else "")).split(".")[0]
            if top in forbidden:
                found.add(f"{module} -> {prefix or ', '.join(names)}")
    return sorted(found)


# --- the checks -------------------------------------------------------------------------------


def strongly_connected(graph: Graph) -> list[list[str]]:
    """Tarjan's algorithm (iterative): the components with more than one node, each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    nodes = sorted(set(graph) | {t for targets in graph.values() for t in targets})
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return sorted(components)


def shortest_cycle(graph: Graph, component: list[str]) -> list[str]:
    """A shortest import loop inside a strongly connected component, as a path back to its start."""
    members = set(component)
    best: list[str] = []
    for start in sorted(component):
        parents: dict[str, str] = {}
        frontier = [start]
        while frontier and start not in parents:
            following = []
            for node in frontier:
                for child in sorted(graph.get(node, set()) & members):
                    if child not in parents:
                        parents[child] = node
                        following.append(child)
            frontier = following
        path = [start]
        while path[-1] != start or len(path) == 1:
            path.append(parents[path[-1]])
        path.reverse()
        if not best or len(path) < len(best):
            best = path
    return best


def describe_cycles(graph: Graph) -> list[str]:
    """One line per cycle: a shortest loop, and every module caught in it when there are more."""
    lines = []
    for component in strongly_connected(graph):
        loop = shortest_cycle(graph, component)
        line = " -> ".join(loop)
        if len(component) > len(loop) - 1:
            line += f" (all entangled: {', '.join(component)})"
        lines.append(line)
    return lines


def package_graph(graph: Graph) -> Graph:
    """Top-level package -> the other top-level packages its modules import."""
    packages: Graph = {}
    for module, targets in graph.items():
        top = module.split(".")[0]
        packages.setdefault(top, set()).update(t.split(".")[0] for t in targets)
        packages[top].discard(top)
    return packages


def layer_violations(graph: Graph, layers: dict[str, int]) -> list[str]:
    """Imports of a package at the same or a higher layer (a package may import itself)."""
    found = []
    for module, targets in sorted(graph.items()):
        source = module.split(".")[0]
        for target in sorted(targets):
            dest = target.split(".")[0]
            if dest != source and layers[dest] >= layers[source]:
                relation = "the same layer as" if layers[dest] == layers[source] else "a higher layer than"
                found.append(f"{module} -> {target} ({dest} is {relation} {source})")
    return found


def sublayer_violations(graph: Graph, sublayers: dict[str, dict[str, int]]) -> list[str]:
    """Imports between sub-packages of one package against their order, and unranked sub-packages."""
    found = []

    def room(module: str) -> tuple[str, str | None]:
        parts = module.split(".")
        return parts[0], parts[1] if len(parts) > 1 else None

    for module, targets in sorted(graph.items()):
        top, here = room(module)
        ranks = sublayers.get(top)
        if ranks is None or here is None:
            continue
        if here not in ranks:
            found.append(f"{module}: {top}.{here} has no rank in SUBLAYERS")
            continue
        for target in sorted(targets):
            dest_top, there = room(target)
            if dest_top != top or there is None or there == here or there not in ranks:
                continue
            if ranks[there] >= ranks[here]:
                found.append(f"{module} -> {target} ({top}.{there} is not below {top}.{here})")
    return found


def long_modules(root: Path, packages: Iterable[str], limit: int) -> list[str]:
    found = []
    for module, path in module_files(root, packages).items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found.append(f"{module} ({path.relative_to(root)}): {lines} lines > {limit}")
    return sorted(found)


def problems(root: Path, layers: dict[str, int], limit: int = MAX_LINES,
             sublayers: dict[str, dict[str, int]] | None = None) -> dict[str, list[str]]:
    """Every rule broken under ``root``, by rule; an empty list means the rule holds."""
    graph = import_graph(root, layers)
    return {
        "module cycles": describe_cycles(graph),
        "package cycles": describe_cycles(package_graph(graph)),
        "layers": layer_violations(graph, layers),
        "sublayers": sublayer_violations(graph, sublayers or {}),
        "length": long_modules(root, layers, limit),
    }


# --- the product ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def product_problems() -> dict[str, list[str]]:
    return problems(ROOT, LAYERS, sublayers=SUBLAYERS)


def test_every_product_package_is_seen() -> None:
    graph = import_graph(ROOT, PRODUCT)
    assert {m.split(".")[0] for m in graph} == set(PRODUCT)
    assert len(graph) > 40  # the walk found the modules, not just the packages
    # Spot checks that imports are resolved to modules: a wrong resolver would pass vacuously.
    assert "core.errors" in graph["bot.access.rules"]
    assert "indexer.store.index_dir" in graph["bot.answering.retrieve"]
    assert "ui.chat" in graph["app.server"]  # imported inside a function
    assert "indexer.embed.onnx_encoder" in graph["indexer.embed.factory"]  # importlib


def test_no_import_cycle_between_modules(product_problems: dict[str, list[str]]) -> None:
    cycles = product_problems["module cycles"]
    assert not cycles, "modules importing each other (directly or through others):\n" + "\n".join(cycles)


def test_no_import_cycle_between_packages(product_problems: dict[str, list[str]]) -> None:
    cycles = product_problems["package cycles"]
    assert not cycles, "top-level packages importing each other:\n" + "\n".join(cycles)


def test_each_package_imports_only_lower_layers(product_problems: dict[str, list[str]]) -> None:
    wrong = product_problems["layers"]
    order = "core < indexer < bot < {api, ui} < app"
    assert not wrong, f"imports against the layer order {order}:\n" + "\n".join(wrong)


def test_sub_packages_import_only_lower_ones(product_problems: dict[str, list[str]]) -> None:
    wrong = product_problems["sublayers"]
    assert not wrong, "imports against the sub-package order (SUBLAYERS):\n" + "\n".join(wrong)


def test_no_import_cycle_in_bench() -> None:
    """The benchmarks are not product code, but a cycle there is as confusing as anywhere."""
    cycles = describe_cycles(import_graph(ROOT, ("bench",)))
    assert not cycles, "bench modules importing each other:\n" + "\n".join(cycles)


def test_product_never_imports_bench_or_tests() -> None:
    wrong = foreign_imports(ROOT, PRODUCT, NOT_PRODUCT)
    assert not wrong, "product modules importing bench/ or tests/:\n" + "\n".join(wrong)


def test_no_product_module_is_too_long(product_problems: dict[str, list[str]]) -> None:
    long = product_problems["length"]
    assert not long, f"modules over {MAX_LINES} lines:\n" + "\n".join(long)


# --- the checks can fail ----------------------------------------------------------------------


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


BROKEN_TREE = {
    "low/__init__.py": "",
    "low/a.py": "from low.b import thing\n",
    # A cycle closed by a relative import inside a function.
    "low/b.py": "thing = 1\n\ndef later():\n    from . import a\n    return a\n",
    # An upward import from the lower layer.
    "low/c.py": "import high.x\n",
    "low/sub/__init__.py": "",
    "low/sub/d.py": "from ..c import high\n",  # two dots: low.c (high is a name in it)
    "high/__init__.py": "",
    "high/x.py": "from low.sub import d\n",
    "high/y.py": "import importlib\n\nmod = importlib.import_module('side.z')\n",
    "side/__init__.py": "",
    "side/z.py": "from high import y\n",
    "side/w.py": "def helper():\n    from tests.conftest import FakeEncoder\n    return FakeEncoder\n",
    "long/__init__.py": "x = 1\n" * (MAX_LINES + 1),
}
BROKEN_LAYERS = {"low": 0, "high": 1, "side": 1, "long": 2}


def test_checks_report_a_broken_tree(tmp_path: Path) -> None:
    _write(tmp_path, BROKEN_TREE)
    graph = import_graph(tmp_path, BROKEN_LAYERS)
    assert graph["low.b"] == {"low.a"}  # relative import in a function
    assert graph["low.sub.d"] == {"low.c"}  # two dots
    assert graph["high.y"] == {"side.z"}  # importlib

    found = problems(tmp_path, BROKEN_LAYERS)
    # low.a <-> low.b directly; low.c -> high.x -> low.sub.d -> low.c through two packages;
    # high.y <-> side.z between two packages of the same layer.
    assert found["module cycles"] == [
        "high.x -> low.sub.d -> low.c -> high.x",
        "high.y -> side.z -> high.y",
        "low.a -> low.b -> low.a",
    ]
    assert found["package cycles"] == ["high -> low -> high (all entangled: high, low, side)"]
    assert "low.c -> high.x (high is a higher layer than low)" in found["layers"]
    assert "high.y -> side.z (side is the same layer as high)" in found["layers"]
    assert "side.z -> high.y (high is the same layer as side)" in found["layers"]
    assert not any(v.startswith("high.x") for v in found["layers"])  # downward is fine
    assert len(found["layers"]) == 3
    assert found["length"] == [f"long (long/__init__.py): {MAX_LINES + 1} lines > {MAX_LINES}"]
    assert foreign_imports(tmp_path, BROKEN_LAYERS, NOT_PRODUCT) == ["side.w -> tests.conftest"]


def test_checks_pass_a_clean_tree(tmp_path: Path) -> None:
    _write(tmp_path, {
        "low/__init__.py": "",
        "low/a.py": "import os\nfrom low import b\n",
        "low/b.py": "def f():\n    import json\n    return json\n",
        "high/__init__.py": "from low.a import b\n",
        "high/x.py": "from . import y\nfrom low import *\n",
        "high/y.py": "import low.b\n",
    })
    assert problems(tmp_path, {"low": 0, "high": 1}) == {
        "module cycles": [], "package cycles": [], "layers": [], "sublayers": [], "length": [],
    }


def test_sublayer_check_reports_upward_side_and_unranked_imports() -> None:
    graph = {"pkg.low.a": {"pkg.high.b", "core.x"}, "pkg.high.b": {"pkg.low.a"},
             "pkg.side.c": {"pkg.low.a"}, "pkg.peer.d": {"pkg.side.c"}, "pkg.new.e": set(), "pkg": set()}
    ranks = {"pkg": {"low": 0, "high": 1, "side": 1, "peer": 1}}
    assert sublayer_violations(graph, ranks) == [
        "pkg.low.a -> pkg.high.b (pkg.high is not below pkg.low)",
        "pkg.new.e: pkg.new has no rank in SUBLAYERS",
        "pkg.peer.d -> pkg.side.c (pkg.side is not below pkg.peer)",
    ]


def test_tarjan_finds_every_component() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": {"e"}, "e": {"d"}, "f": {"a"}}
    assert strongly_connected(graph) == [["a", "b", "c"], ["d", "e"]]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []
    assert shortest_cycle(graph, ["a", "b", "c"]) == ["a", "b", "c", "a"]
    graph["a"].add("c")
    assert shortest_cycle(graph, ["a", "b", "c"]) == ["a", "c", "a"]


# --- the picture in docs/architecture.md -------------------------------------------------------

PICTURE = ROOT / "docs" / "architecture.md"


def picture_layers(text: str) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """The layers and sub-layers the picture draws, ranked like LAYERS and SUBLAYERS.

    The picture is the first ```text block: rows ``LEFT ┃ RIGHT``, top = highest. A row whose
    left side names packages (``api | ui``) starts a layer; for a package in SUBLAYERS each row of
    its right side is one rank of sub-packages (``notice | store``), top = highest; rows of ━ are
    rules.
    """
    block = text.split("```text\n", 1)[1].split("```", 1)[0]
    groups: list[list[str]] = []
    rows: dict[str, list[list[str]]] = {}
    for line in block.splitlines():
        if "┃" not in line:
            continue
        left, right = (part.strip() for part in line.split("┃", 1))
        if left:
            groups.append([name.strip() for name in left.split("|")])
        if groups and len(groups[-1]) == 1 and groups[-1][0] in SUBLAYERS:
            rows.setdefault(groups[-1][0], []).append([name.strip() for name in right.split("|")])
    layers = {name: len(groups) - 1 - i for i, group in enumerate(groups) for name in group}
    sublayers = {package: {name: len(ranks) - 1 - i for i, names in enumerate(ranks) for name in names}
                 for package, ranks in rows.items()}
    return layers, sublayers


def test_the_architecture_picture_matches_the_enforced_layers() -> None:
    layers, sublayers = picture_layers(PICTURE.read_text(encoding="utf-8"))
    assert layers == LAYERS, "docs/architecture.md draws other layers than LAYERS"
    assert sublayers == SUBLAYERS, "docs/architecture.md draws other sub-layers than SUBLAYERS"


def test_the_picture_check_sees_a_wrong_picture() -> None:
    text = PICTURE.read_text(encoding="utf-8")
    swapped = text.replace("┃ storage\n", "┃ STORAGE\n").replace("┃ service\n", "┃ storage\n").replace(
        "┃ STORAGE\n", "┃ service\n")
    assert swapped != text and picture_layers(swapped)[1] != SUBLAYERS
    assert picture_layers(text.replace("api | ui  ┃", "api       ┃"))[0] != LAYERS
