"""The numbers of the rendered sample site in one house style: within each table column every
numeric cell has the same number of decimals, the same affixes ($, %, pp, K/M/B, byte units)
and grouped thousands; prose and tables show no "$0.00", no space before a percent sign, no
"pts", no "1 rows" and no ungrouped counts."""
import glob
import os
import re
from html import unescape
from html.parser import HTMLParser

import pytest

# An optional tiny marker, a sign, "$", grouped digits, decimals, a compact unit and a suffix.
NUMBER = re.compile(r"^(?:< |> )?([+−]?)(\$?)(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d+))?([KMBT]?)(%| pp| B| KB| MB| GB| TB)?$")
MISSING = "–"
# Key/value tables mix kinds by design: one statistic per row.
MIXED = ("Statistics of ",)
# The data tables under charts (Sources/Charts, each column through HumanNumber.column).
CHART_DATA = "Data: "


@pytest.fixture(scope="module")
def site(sample_build):
    return sample_build[1]


class Tables(HTMLParser):
    """Collects each table's caption, header texts and right-aligned (numeric) cells by column."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.cell, self.in_caption = [], None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append({"caption": "", "heads": [], "columns": {}, "col": -1})
        elif not self.tables:
            return
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            self.tables[-1]["col"] = -1
        elif tag in ("th", "td"):
            t = self.tables[-1]
            t["col"] += 1
            self.cell = {"text": "", "num": "num" in (a.get("class") or "").split(), "head": a.get("scope") == "col"}

    def handle_endtag(self, tag):
        if tag == "caption":
            self.in_caption = False
        elif tag in ("th", "td") and self.cell is not None and self.tables:
            t, c = self.tables[-1], self.cell
            if c["head"]:
                t["heads"].append(c["text"].strip())
            elif c["num"]:
                t["columns"].setdefault(t["col"], []).append(c["text"].strip())
            self.cell = None

    def handle_data(self, data):
        if self.in_caption and self.tables:
            self.tables[-1]["caption"] += data
        elif self.cell is not None:
            self.cell["text"] += data


def shape(text):
    """(affixes, decimals) of a formatted number, or None when the text is not one. A range
    ("$2.6 – $10.0", a map class) has the shape of its bounds, which must share one."""
    if " – " in text:
        bounds = {shape(part) for part in text.split(" – ")}
        return bounds.pop() if len(bounds) == 1 else None
    m = NUMBER.match(text)
    if not m:
        return None
    _, dollar, _, decimals, unit, suffix = m.groups()
    suffix = suffix or ""
    if suffix.strip() in ("B", "KB", "MB", "GB", "TB"):
        # Byte sizes: whole bytes, one decimal from a kilobyte up.
        return ("bytes", "ok") if len(decimals or "") == (0 if suffix == " B" else 1) else ("bytes", text)
    return (dollar + unit + suffix, len(decimals or ""))


def pages(site):
    return sorted(glob.glob(os.path.join(site, "**", "*.html"), recursive=True))


def column_problems(site, charts):
    """Problems of every table column (`charts`: the chart data tables instead of the others)."""
    problems, checked = [], 0
    for path in pages(site):
        parser = Tables()
        parser.feed(open(path, encoding="utf-8").read())
        for t in parser.tables:
            if t["caption"].startswith(MIXED) or t["caption"].startswith(CHART_DATA) != charts:
                continue
            for col, cells in t["columns"].items():
                head = t["heads"][col] if col < len(t["heads"]) else "?"
                where = f"{os.path.relpath(path, site)} · {t['caption'][:50]} · {head}"
                values = [c for c in cells if c != MISSING]
                shapes = {shape(c) for c in values}
                if None in shapes:
                    problems.append(f"{where}: not a formatted number: {[c for c in values if shape(c) is None][:3]}")
                elif len(shapes) > 1:
                    problems.append(f"{where}: mixed styles {sorted(map(str, shapes))[:4]} in {values[:6]}")
                if "year" not in head.lower():
                    ungrouped = [c for c in values if re.search(r"\d{4}", c.replace(".", " "))]
                    if ungrouped:
                        problems.append(f"{where}: ungrouped {ungrouped[:3]}")
                checked += len(values)
    return problems, checked


def test_every_table_column_has_one_style(site):
    problems, checked = column_problems(site, charts=False)
    assert checked > 1000
    assert problems == [], "\n".join(problems[:30])


def test_chart_data_tables_have_one_style(site):
    problems, checked = column_problems(site, charts=True)
    assert checked > 1000
    assert problems == [], "\n".join(problems[:30])


def test_prose_follows_the_house_style(site):
    bad = {
        "$0.00": re.compile(r"\$0\.00(?!\d)"),
        "space before %": re.compile(r"\d %"),
        "pts": re.compile(r"\d pts\b"),
        "1 rows": re.compile(r"(?<![\d,.])1 rows\b"),
        "ungrouped count": re.compile(r"(?<![\d,.#\w-])\d{5,}(?= (?:rows|claims|cleansed|drugs|prescribers)\b)"),
        "byte style": re.compile(r"\d[KMG]?B\b(?!\w)"),
    }
    problems = []
    for path in pages(site):
        text = unescape(re.sub(r"<[^>]+>", " ", open(path, encoding="utf-8").read()))
        for name, pattern in bad.items():
            for m in pattern.finditer(text):
                problems.append(f"{os.path.relpath(path, site)}: {name}: …{text[max(0, m.start() - 40):m.end() + 20]}…")
    assert problems == [], "\n".join(problems[:30])
