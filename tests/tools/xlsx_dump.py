#!/usr/bin/python3
"""Dumps an .xlsx workbook as JSON for the C++ tests: an independent reader (openpyxl) checks
what admit's libxlsxwriter code wrote.

Usage: xlsx_dump.py FILE  ->  {"sheets": [{"name": ..., "rows": [[cell, ...], ...]}, ...]}
Cells are JSON strings, numbers, booleans or null (empty).
"""
import json
import sys

import openpyxl


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: xlsx_dump.py FILE", file=sys.stderr)
        return 2
    workbook = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
    sheets = []
    for sheet in workbook.worksheets:
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        sheets.append({"name": sheet.title, "rows": rows})
    json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
