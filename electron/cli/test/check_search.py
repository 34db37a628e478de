"""Reads search.csv and documents.csv with Python's csv module and checks text[start:end] == match for every row.

Usage: check_search.py search.csv documents.csv -> prints {"rows": n, "mismatches": [...]} as JSON. Cells neutralised
with a leading ' are compared without it.
"""
import csv
import json
import sys


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def plain(cell):
    return cell[1:] if cell.startswith("'") else cell


matches = read(sys.argv[1])
texts = {d["document_id"]: plain(d["text"]) for d in read(sys.argv[2])}
mismatches = []
for row in matches:
    text = texts[row["document_id"]]
    start, end = int(row["start"]), int(row["end"])
    if text[start:end] != plain(row["match"]):
        mismatches.append({"got": text[start:end], "match": row["match"]})
    if not text[:start].endswith(plain(row["left_context"])) or not text[end:].startswith(plain(row["right_context"])):
        mismatches.append({"context": row["match"]})
print(json.dumps({"rows": len(matches), "mismatches": mismatches}))
