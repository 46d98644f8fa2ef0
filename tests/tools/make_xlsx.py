#!/usr/bin/env python3
"""Writes a workbook with openpyxl for the XLSX reader tests.

Usage: make_xlsx.py OUT.xlsx JSON_ROWS
JSON_ROWS is a list of rows (lists of cells: strings, numbers, booleans or null). A first sheet
named "Participants" gets the rows; a second sheet "Other" gets a marker cell, so that the reader
must pick the first sheet.
"""
import json
import sys

from openpyxl import Workbook


def participants_workbook(rows):
    """A workbook whose first sheet, "Participants", holds `rows` (None leaves a cell empty)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Participants"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    return wb


def main():
    out, rows = sys.argv[1], json.loads(sys.argv[2])
    wb = participants_workbook(rows)
    other = wb.create_sheet("Other")
    other["A1"] = "not this sheet"
    wb.save(out)


if __name__ == "__main__":
    main()
