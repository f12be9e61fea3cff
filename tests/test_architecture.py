"""Views and the API reach personal data only through selectors and services.

A view that wrote `Person.objects.get(...)` would skip the access policy and the access log.
This test reads the source of every view and API module and fails on any such query.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

PACKAGE = Path(settings.PACKAGE_DIR)
QUERY_HELPERS = {"get_object_or_404", "get_list_or_404"}


def personal_models() -> set[str]:
    return {m.__name__ for m in apps.get_models() if getattr(m, "personal_data", False)}


def view_modules() -> list[Path]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        if (
            path.name in {"views.py", "api.py"}
            or path.name.startswith("views_")
            or ("views" in parts[:-1])
        ):
            found.append(path)
    return found


def direct_queries(source: str, models: set[str]) -> list[str]:
    """`Model.objects`, `Model._default_manager` or `get_object_or_404(Model, ...)`."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in {"objects", "_default_manager", "_base_manager"}
            and isinstance(node.value, ast.Name)
            and node.value.id in models
        ):
            problems.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in QUERY_HELPERS
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in models
        ):
            problems.append(f"line {node.lineno}: {node.func.id}({node.args[0].id})")
    return sorted(problems, key=lambda p: int(p.split(":")[0].split()[1]))


def test_there_are_personal_data_models_to_protect():
    assert {"Person", "PersonName", "Address", "Relationship"} <= personal_models()


def test_view_and_api_modules_are_found():
    names = {p.relative_to(PACKAGE).as_posix() for p in view_modules()}
    assert {"api/api.py", "people/views/record.py", "core/views.py"} <= names


def test_no_view_or_api_module_queries_personal_data_directly():
    models = personal_models()
    failures = {
        str(path.relative_to(PACKAGE)): problems
        for path in view_modules()
        if (problems := direct_queries(path.read_text(), models))
    }
    assert failures == {}, f"Use a selector instead: {failures}"


def test_the_check_catches_a_direct_query():
    source = (
        "from django.shortcuts import get_object_or_404\n"
        "def view(request, pk):\n"
        "    a = Person.objects.get(pk=pk)\n"
        "    b = get_object_or_404(PersonName, pk=pk)\n"
        "    c = Agency.objects.all()\n"
    )
    assert direct_queries(source, {"Person", "PersonName"}) == [
        "line 3: Person.objects",
        "line 4: get_object_or_404(PersonName)",
    ]


# What a view may read from a request without a form: the page of a list (the paginator
# turns anything into a page) and where to go after signing in (checked against the host).
RAW_READS_ALLOWED = {
    'request.GET.get("page")',
    'request.POST.get("next")',
    'request.GET.get("next")',
}


def raw_request_reads(source: str) -> list[str]:
    """`request.POST[...]`, `request.GET.get(...)` and the like: a value taken without a form."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Subscript | ast.Call):
            target = node.value if isinstance(node, ast.Subscript) else node.func
            text = ast.unparse(node)
            base = ast.unparse(target)
            if (
                base.startswith(("request.POST", "request.GET"))
                and base not in {"request.POST", "request.GET"} | {"request.GET.urlencode"}
                and text.replace("'", '"') not in RAW_READS_ALLOWED
            ) or (isinstance(node, ast.Subscript) and base in {"request.POST", "request.GET"}):
                found.append(f"line {node.lineno}: {text}")
    return found


def test_views_take_request_values_only_through_forms():
    problems = {
        str(path.relative_to(PACKAGE)): raw_request_reads(path.read_text())
        for path in view_modules()
    }
    assert {path: found for path, found in problems.items() if found} == {}
