"""The weight of a rendered rxpipe site against its budgets (issue #19), shared by the weight
test (tests/oracles/test_site_weight.py, 2.5 M rows and a two-state lake) and `make bench`
(bench/site_weight_bench.sh, 25 M rows).

A page's weight is its HTML plus every distinct file it loads when opened: stylesheets,
scripts, images (an `<img>` or `<picture>` source, fragment stripped; both variants of a
`<picture>` are counted, an upper bound). The search index is not counted: its shards load
only when the reader types, one at a time, and are weighed as files.

    python bench/site_weight.py SITE_DIR [--two-state]
"""
import os
import re
import sys
from html.parser import HTMLParser

MB = 1_000_000
BUDGETS = {
    "site": 40 * MB,  # the whole site of a 25 M-row lake
    "file": 20 * MB,  # any one file (Cloudflare Pages allows 25 MiB, GitHub Pages warns at 50 MB)
    "page": 1.5 * MB,  # a page with what it loads
    "report": 1.5 * MB,  # report.html, self-contained
    "two_state_site": 5 * MB,  # the whole site of a lake with two states' rows
}


class _Loads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or ""):
            self.urls.append(a.get("href"))
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "source" and a.get("srcset"):
            self.urls.extend(u.strip().split(" ")[0] for u in a["srcset"].split(","))


def page_loads(site, page):
    """Site-relative paths of the files `page` loads (data: URIs are part of the HTML)."""
    parser = _Loads()
    with open(os.path.join(site, page), encoding="utf-8") as f:
        parser.feed(f.read())
    out = set()
    for url in parser.urls:
        if not url or url.startswith(("data:", "http:", "https:", "//")):
            continue
        path = os.path.normpath(os.path.join(os.path.dirname(page), url.split("#")[0].split("?")[0]))
        out.add(path)
    return out


def files(site):
    out = {}
    for root, _, names in os.walk(site):
        for name in names:
            full = os.path.join(root, name)
            out[os.path.relpath(full, site)] = os.path.getsize(full)
    return out


def weigh(site):
    """Sizes that the budgets constrain, and the unloadable references found on the way."""
    sizes = files(site)
    pages = {}
    missing = []
    for page in sorted(p for p in sizes if p.endswith(".html")):
        loads = page_loads(site, page)
        missing += [f"{page} → {p}" for p in loads if p not in sizes]
        pages[page] = sizes[page] + sum(sizes.get(p, 0) for p in loads)
    heaviest = max(pages.items(), key=lambda kv: kv[1]) if pages else ("", 0)
    largest = max(sizes.items(), key=lambda kv: kv[1]) if sizes else ("", 0)
    linked = set()
    for page in pages:
        with open(os.path.join(site, page), encoding="utf-8") as f:
            linked.update(os.path.normpath(os.path.join(os.path.dirname(page), m.split("#")[0]))
                          for m in re.findall(r'(?:href|src)="([^"]+\.png)"', f.read()))
    return {
        "total": sum(sizes.values()), "files": len(sizes), "largest": largest, "heaviest_page": heaviest,
        "pages": pages, "report": sizes.get("report.html", 0), "missing": missing,
        "unlinked_png": sorted(p for p in sizes if p.endswith(".png") and p not in linked),
        "by_dir": _by_dir(sizes),
    }


def _by_dir(sizes):
    out = {}
    for path, size in sizes.items():
        top = path.split(os.sep)[0] if os.sep in path else "(top)"
        out[top] = out.get(top, 0) + size
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def violations(w, two_state=False):
    """Budget breaches as sentences (empty when the site is within budget)."""
    out = []
    limit = BUDGETS["two_state_site"] if two_state else BUDGETS["site"]
    if w["total"] > limit:
        out.append(f"site is {w['total'] / MB:.1f} MB, budget {limit / MB:.0f} MB")
    if w["largest"][1] > BUDGETS["file"]:
        out.append(f"{w['largest'][0]} is {w['largest'][1] / MB:.1f} MB, budget {BUDGETS['file'] / MB:.0f} MB per file")
    for page, size in w["pages"].items():
        if size > BUDGETS["page"]:
            out.append(f"{page} weighs {size / MB:.2f} MB with what it loads, budget {BUDGETS['page'] / MB} MB")
    if w["report"] > BUDGETS["report"]:
        out.append(f"report.html is {w['report'] / MB:.2f} MB, budget {BUDGETS['report'] / MB} MB")
    out += [f"missing file: {m}" for m in w["missing"]]
    out += [f"PNG that no page links: {p}" for p in w["unlinked_png"]]
    return out


def summary(w):
    lines = [f"- site: {w['total'] / MB:.1f} MB in {w['files']} files",
             f"- largest file: {w['largest'][0]} {w['largest'][1] / MB:.2f} MB",
             f"- heaviest page with what it loads: {w['heaviest_page'][0]} {w['heaviest_page'][1] / MB:.2f} MB",
             f"- report.html: {w['report'] / MB:.2f} MB",
             "- by folder: " + ", ".join(f"{k} {v / MB:.1f} MB" for k, v in w["by_dir"].items())]
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    w = weigh(sys.argv[1])
    print(summary(w))
    problems = violations(w, two_state="--two-state" in sys.argv)
    for p in problems:
        print("OVER BUDGET: " + p)
    sys.exit(1 if problems else 0)
