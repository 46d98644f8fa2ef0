#!/usr/bin/env python3
"""Fails when two files in src/ define a type of the same name with external linkage.

Two different `admit::Table`s (one in render/, one in import/) once linked into one program: an
ODR violation that no compiler diagnoses without LTO. The linker kept one instantiation of
`std::vector<Table>`'s constructor for both, and the clang build copied import's Table layout
into an export's workbook (found by UBSan as a misaligned vector). Types in an anonymous
namespace are private to their file and may repeat.

Usage: unique_type_names.py SRC_DIR
"""
import pathlib
import re
import sys

DEFINITION = re.compile(r"^(?:struct|class|union|enum(?: class| struct)?)\s+(\w+)(?:\s+final)?\s*(?::(?!:)[^;]*)?\{")
ANONYMOUS_OPEN = re.compile(r"^namespace\s*\{")
NAMESPACE_CLOSE = re.compile(r"^\}\s*//\s*namespace\s*$")


def definitions(path):
    anonymous = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if ANONYMOUS_OPEN.match(line):
            anonymous = True
        elif NAMESPACE_CLOSE.match(line):
            anonymous = False
        elif not anonymous:
            match = DEFINITION.match(line)
            if match:
                yield match.group(1), number


def main():
    root = pathlib.Path(sys.argv[1])
    seen = {}
    for path in sorted(root.rglob("*")):
        if path.suffix in (".hpp", ".cpp"):
            for name, number in definitions(path):
                seen.setdefault(name, []).append(f"{path.relative_to(root)}:{number}")
    duplicates = {name: places for name, places in seen.items() if len(places) > 1}
    for name, places in sorted(duplicates.items()):
        print(f"type {name} is defined more than once with external linkage: {', '.join(places)}")
    print(f"{sum(len(p) for p in seen.values())} type definitions, {len(duplicates)} names defined twice")
    return 1 if duplicates else 0


if __name__ == "__main__":
    sys.exit(main())
