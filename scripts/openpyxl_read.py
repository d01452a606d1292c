"""The script an office would write with openpyxl: open every workbook given and read every
value of every sheet (read-only mode, saved results instead of formulas: openpyxl's fastest way).
The benchmark (examples/bench.rs) runs it on the same files as its own import and prints both times.
Usage: python3 openpyxl_read.py FILE... ; prints the number of non-empty cells read."""
import sys

from openpyxl import load_workbook

cells = 0
for path in sys.argv[1:]:
    wb = load_workbook(path, read_only=True, data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            cells += sum(1 for v in row if v is not None)
    wb.close()
print(cells)
