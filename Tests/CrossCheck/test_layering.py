"""The module layering of DESIGN.md, read from Package.swift (`swift package dump-package`) and the
sources: only ICalendar imports CLibical, and the C-free targets build without libical."""

import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Targets whose whole dependency closure must stay free of libical.
C_FREE = ["CalendarValues", "Holidays", "ConveneCore", "Scheduling", "MIME", "LiveCalendars"]


def _targets():
    dump = subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout
    targets = {}
    for target in json.loads(dump)["targets"]:
        names = []
        for dependency in target["dependencies"]:
            (kind, value), = dependency.items()
            names.append(value[0])
        targets[target["name"]] = names
    return targets


def _closure(targets, name):
    seen, todo = set(), list(targets.get(name, []))
    while todo:
        dependency = todo.pop()
        if dependency not in seen:
            seen.add(dependency)
            todo += targets.get(dependency, [])
    return seen


def test_c_free_targets_do_not_depend_on_libical():
    targets = _targets()
    for name in C_FREE:
        assert name in targets, f"{name} is not a target of Package.swift"
        closure = _closure(targets, name)
        assert not closure & {"CLibical", "ICalendar"}, f"{name} depends on {sorted(closure & {'CLibical', 'ICalendar'})}"


def test_only_icalendar_imports_clibical():
    importers = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "Sources").rglob("*.swift")
                       if re.search(r"^\s*import\s+CLibical\b", path.read_text(encoding="utf-8"), re.M)
                       and "Sources/ICalendar/" not in path.as_posix())
    assert importers == []


def test_c_free_sources_do_not_import_icalendar():
    offenders = []
    for name in C_FREE:
        for path in (ROOT / "Sources" / name).rglob("*.swift"):
            if re.search(r"^\s*(@\w+\s+)?import\s+(ICalendar|CLibical)\b", path.read_text(encoding="utf-8"), re.M):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_only_curl_easy_imports_ccurl_and_nothing_imports_foundation_networking():
    """libcurl is loaded at run time (Sources/CCurl); FoundationNetworking would link it into every process."""
    sources = [path for path in (ROOT / "Sources").rglob("*.swift")]
    ccurl = sorted(str(path.relative_to(ROOT)) for path in sources
                   if re.search(r"^\s*(@\w+\s+)?import\s+CCurl\b", path.read_text(encoding="utf-8"), re.M))
    assert ccurl == ["Sources/LiveCalendars/CurlEasy.swift"]
    networking = [str(path.relative_to(ROOT)) for path in sources
                  if re.search(r"^\s*(@\w+\s+)?import\s+FoundationNetworking\b", path.read_text(encoding="utf-8"), re.M)]
    assert networking == []
    targets = _targets()
    assert [name for name, dependencies in targets.items() if "CCurl" in dependencies] == ["LiveCalendars"]
