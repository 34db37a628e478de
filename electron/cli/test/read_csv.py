"""Reads the exported CSVs with Python's own csv module and checks text[start:end] == quote for every row.

Usage: read_csv.py annotations.csv documents.csv -> prints {"annotations": rows, "documents": rows, "mismatches": [...]}
as JSON. Cells neutralised with a leading ' are compared without it, as the issue allows.
"""
import csv
import json
import sys


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def plain(cell):
    return cell[1:] if cell.startswith("'") else cell


annotations = read(sys.argv[1])
documents = read(sys.argv[2])
texts = {d["document_id"]: plain(d["text"]) for d in documents}
mismatches = []
for row in annotations:
    text = texts[row["document_id"]]
    start, end = int(row["start"]), int(row["end"])
    if text[start:end] != plain(row["quote"]):
        mismatches.append({"highlight_id": row["highlight_id"], "got": text[start:end], "quote": row["quote"]})
    if not text[:start].endswith(plain(row["prefix"])) or not text[end:].startswith(plain(row["suffix"])):
        mismatches.append({"highlight_id": row["highlight_id"], "context": True})
    if len(plain(row["prefix"])) > 32 or len(plain(row["suffix"])) > 32:
        mismatches.append({"highlight_id": row["highlight_id"], "context_too_long": True})
for d in documents:
    if int(d["char_count"]) != len(texts[d["document_id"]]):
        mismatches.append({"document_id": d["document_id"], "char_count": d["char_count"]})
json.dump({"annotations": annotations, "documents": documents, "mismatches": mismatches}, sys.stdout, ensure_ascii=False)
