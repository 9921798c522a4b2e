"""Build dyad's PLOVER/CAMEO ontology tables from the PLOVER manual extraction and the CAMEO tables.

usage: python scripts/build_ontology.py [SHARED_ONTOLOGY_DIR]   (default ../shared/gold/ontology)

Reads  plover_ontology.json (types, modes, contexts, scores) and cameo_event_codes.jsonl (CAMEO codes,
GDELT descriptions, Goldstein scores, QuadClass, PLOVER 2021 mapping) and CAMEO2PLOVER-2021.txt.
Writes dyad/data/ontology/plover_types.tsv, plover_contexts.tsv and cameo_codes.tsv.

dyad decisions recorded here (and in the file headers):
* CAMEO 01 (public statement) has no PLOVER type: such codes stay unmapped and dyad codes no event.
* CAMEO 02 (appeal) is folded into REQUEST: PLOVER's REQUEST covers "request, demand, appeal".
* Codes used by PETRARCH2 but absent from the tables (176 cyber, 1952 drone strike) are added.
* A mode that the PLOVER 2.0 manual does not list for the type is dropped (the 2021 table predates it).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "dyad" / "data" / "ontology"
QUAD = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3, "MATERIAL CONFLICT": 4}
REQUEST_MODES_02 = {"021": "assist", "022": "assist", "023": "assist", "024": "change", "025": "yield",
                    "026": "meet", "027": "meet", "028": "meet"}
EXTRA = [  # code, description, goldstein, quad_class, type, mode, context
    ("176", "Attack cybernetically", "-7.0", "4", "COERCE", "cyber", "cyber"),
    ("1952", "Carry out drone strike", "-10.0", "4", "ASSAULT", "drone", "military"),
]


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def read_2021_table(path: Path) -> dict[str, tuple[str, str, str]]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        body = line.split("#", 1)[0]
        m = re.match(r"^\s*(\d{2,4}):\s*(.*)$", body)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")] + ["", ""]
        table[m.group(1)] = (parts[0], parts[1], parts[2])
    return table


def main(src: Path) -> None:
    onto = json.loads((src / "plover_ontology.json").read_text(encoding="utf-8"))
    modes_of: dict[str, set[str]] = {}
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "plover_types.tsv").open("w", encoding="utf-8") as fh:
        fh.write("# PLOVER 2.0 event types, from the PLOVER manual (CC BY-SA 4.0); built by scripts/build_ontology.py\n")
        fh.write("# type\tquad_class (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict)\t"
                 "plover_score\trequires_recipient\tmodes (comma list)\tdefinition\n")
        for e in onto["events"]:
            t = e["event_type"]
            modes = [m["name"] for m in e["modes"]]
            modes_of[t] = set(modes)
            score = -3.0 if t == "ACCUSE" else e["plover_score"]  # manual prints 3; every ACCUSE mode is negative
            fh.write(f"{t}\t{QUAD[e['quad_category']]}\t{score}\t{e['requires_recipient']}\t{','.join(modes)}\t"
                     f"{clean(e['definition'])}\n")
    with (OUT / "plover_contexts.tsv").open("w", encoding="utf-8") as fh:
        fh.write("# PLOVER 2.0 contexts, from the PLOVER manual; built by scripts/build_ontology.py\n# context\tdescription\n")
        for c in onto["contexts"]:
            fh.write(f"{c['name']}\t{clean(c['description'])}\n")
    t2021 = read_2021_table(src / "CAMEO2PLOVER-2021.txt")
    rows = []
    for line in (src / "cameo_event_codes.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        code = r["cameo_code"]
        ptype, mode, ctx = r["plover_2021_event"] or "", r["plover_2021_mode"] or "", r["plover_2021_context"] or ""
        if not ptype and code in t2021:
            ptype, mode, ctx = t2021[code]
        if code.startswith("02"):
            ptype, mode = "REQUEST", REQUEST_MODES_02.get(code[:3], "")
        if mode and mode not in modes_of.get(ptype, set()):
            mode = ""
        rows.append((code, clean(r["description"]), str(r["goldstein"]), str(r["quad_class_gdelt"]), ptype, mode, ctx))
    known = {r[0] for r in rows}
    for code, (ptype, mode, ctx) in t2021.items():
        if code not in known and len(code) > 2:
            parent = next((r for r in rows if r[0] == code[:3]), None)
            if parent:
                mode = mode if mode in modes_of.get(ptype, set()) else ""
                rows.append((code, f"(PLOVER table) {parent[1]}", parent[2], parent[3], ptype, mode, ctx))
    rows.extend(x for x in EXTRA if x[0] not in known)
    rows.sort(key=lambda r: (r[0][:2], r[0]))
    with (OUT / "cameo_codes.tsv").open("w", encoding="utf-8") as fh:
        fh.write("# CAMEO event codes with GDELT Goldstein scores and QuadClass, mapped to PLOVER 2.0 "
                 "(CAMEO2PLOVER-2021; 02x folded into REQUEST; 01x unmapped = no PLOVER event).\n")
        fh.write("# Built by scripts/build_ontology.py.\n# cameo\tdescription\tgoldstein\tquad_class\tplover_type\tplover_mode\tplover_context\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    print(f"wrote {len(onto['events'])} types, {len(onto['contexts'])} contexts, {len(rows)} CAMEO codes to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "gold" / "ontology")
