"""The rendered sample site in a real browser: headless Chromium opens pages from file://
with no console messages (script errors, CSP violations), tables sort, the search box finds
pages, every page type holds its layout from a phone to a desktop in light and dark mode, and
printing gives PDFs whose pages pdftoppm turns into images; report.pdf has page numbers, a
running header, repeated table headers and chart labels as text."""
import base64
import glob
import os
import re
import shutil
import subprocess
import unicodedata
from html import unescape
from urllib.parse import unquote

import pytest

from devtools import Browser
from site_links import check_site_links

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def site(sample_build):
    if CHROMIUM is None:
        pytest.fail("chromium is not installed: run `make setup`")
    return sample_build[1]


def chromium(*args, timeout=120):
    return subprocess.run(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--enable-logging=stderr", "--v=0", *args],
        capture_output=True, text=True, timeout=timeout)


def console_messages(stderr):
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def pages_to_check(site):
    top = sorted(os.path.relpath(p, site) for p in glob.glob(os.path.join(site, "*.html")))
    states = sorted(os.path.relpath(p, site) for p in glob.glob(os.path.join(site, "states", "*.html")))
    eda = sorted(os.path.relpath(p, site) for p in glob.glob(os.path.join(site, "eda", "*.html")))
    drugs = sorted(os.path.relpath(p, site) for p in glob.glob(os.path.join(site, "drugs", "*.html")))
    specialties = sorted(os.path.relpath(p, site) for p in glob.glob(os.path.join(site, "specialties", "*.html")))
    assert drugs and specialties, "the site has no drug or specialty pages"
    return top + eda + states[:2] + states[-2:] + drugs[:1] + specialties[:1]


def test_pages_load_without_console_messages(site, browser):
    """Every kind of page loads in one headless Chromium with no console message, script error or
    failed resource, and its script ran (sortable tables got their header buttons)."""
    pages = pages_to_check(site)
    assert "index.html" in pages and "report.html" in pages and len(pages) >= 14
    browser.viewport(1280)
    for page in pages:
        browser.open("file://" + os.path.join(site, page))
        browser.settle()
        assert browser.console_errors() == [], f"{page}: {browser.console_errors()}"
        made_sortable = browser.evaluate(
            "document.querySelector('table[data-sortable]') === null || document.querySelector('button.sort') !== null")
        assert made_sortable, f"{page}: tables were not made sortable"


CHECK_JS = r"""
window.addEventListener("load", function () {
  var out = [];
  try {
    var table = null;
    document.querySelectorAll("table[data-sortable]").forEach(function (t) {
      if (t.caption && t.caption.textContent.indexOf("Every drug") === 0) table = t;
    });
    var heads = table.tHead.rows[0].cells, claims = -1;
    for (var i = 0; i < heads.length; i++) if (heads[i].textContent === "Claims") claims = i;
    function keys() {
      return Array.prototype.map.call(table.tBodies[0].rows, function (r) { return parseFloat(r.cells[claims].getAttribute("data-sort")); });
    }
    var button = heads[claims].querySelector("button");
    button.click();
    var up = keys();
    for (var j = 1; j < up.length; j++) if (up[j - 1] > up[j]) throw "not ascending at " + j;
    button.click();
    var down = keys();
    for (var k = 1; k < down.length; k++) if (down[k - 1] < down[k]) throw "not descending at " + k;
    if (heads[claims].getAttribute("aria-sort") !== "descending") throw "aria-sort not set";
    out.push("sort-ok:" + up.length);
    var filter = document.querySelector(".table-filter input");
    filter.value = "zzzz-no-such-drug";
    filter.dispatchEvent(new Event("input"));
    var visible = Array.prototype.filter.call(table.tBodies[0].rows, function (r) { return !r.hidden; }).length;
    out.push("filter-visible:" + visible);
    // The search index loads one shard on demand: type, then wait for results.
    out.push("shards-before:" + document.querySelectorAll('script[src*="assets/search/"]').length);
    var queries = [["ator", "drug"], ["calif", "state"], ["nurse pract", "specialty"], ["lipi", "brand"]];
    var input = document.getElementById("search-box");
    var q = 0, tries = 0;
    function next() {
      if (q === queries.length) {
        out.push("shards-after:" + document.querySelectorAll('script[src*="assets/search/"]').length);
        document.body.setAttribute("data-check", out.join(" "));
        return;
      }
      if (tries === 0) { input.value = queries[q][0]; input.dispatchEvent(new Event("input")); }
      var hits = document.querySelectorAll("#search-results a");
      if (hits.length === 0 && tries < 40) { tries++; setTimeout(next, 50); return; }
      out.push("search-" + queries[q][1] + ":" + (hits.length ? hits[0].getAttribute("href") + "|" + hits[0].textContent : "none"));
      q++; tries = 0;
      next();
    }
    next();
    return;
  } catch (e) {
    out.push("fail:" + e);
  }
  document.body.setAttribute("data-check", out.join(" "));
});
"""


def test_tables_sort_filter_and_search_finds_pages(site, tmp_path):
    copy = str(tmp_path / "site")
    shutil.copytree(site, copy)
    with open(os.path.join(copy, "assets", "check.js"), "w") as f:
        f.write(CHECK_JS)
    page = os.path.join(copy, "drugs.html")
    html = open(page, encoding="utf-8").read()
    html = html.replace("</head>", '<script src="assets/check.js" defer></script>\n</head>')
    open(page, "w", encoding="utf-8").write(html)
    p = chromium("--virtual-time-budget=5000", "--dump-dom", "file://" + page)
    m = re.search(r'data-check="([^"]*)"', p.stdout)
    assert m, p.stdout[-2000:]
    result = m.group(1)
    assert "fail:" not in result, result
    assert "sort-ok:" in result and "filter-visible:0" in result
    # Nothing of the index loads with the page; each query's first letter loads one shard.
    assert "shards-before:0" in result and "shards-after:4" in result, result
    # Drugs and specialties with a page of their own are found there (issue #20).
    assert re.search(r"search-drug:drugs/atorvastatin", result), result
    assert re.search(r"search-state:states/ca\.html\|California \(CA\)state", result), result
    assert re.search(r"search-specialty:specialties/nurse-practitioner\.html", result), result
    assert re.search(r"search-brand:drugs/atorvastatin", result), result
    assert console_messages(p.stderr) == []


# The overview fits one Letter page; the drugs page and the report run to several.
@pytest.mark.parametrize("page,min_pages", [("index.html", 1), ("drugs.html", 2), ("report.html", 2)])
def test_printing_gives_clean_pdf_pages(site, tmp_path, page, min_pages):
    pdf = str(tmp_path / (page + ".pdf"))
    p = chromium("--no-pdf-header-footer", "--virtual-time-budget=4000", f"--print-to-pdf={pdf}",
                 "file://" + os.path.join(site, page))
    assert p.returncode == 0 and os.path.getsize(pdf) > 10_000, p.stderr[-2000:]
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= min_pages
    assert re.search(r"Page size:\s+612 x 792", info), info  # the print stylesheet's US Letter
    prefix = str(tmp_path / "page")
    subprocess.run(["pdftoppm", "-r", "30", "-png", pdf, prefix], check=True)
    images = sorted(glob.glob(prefix + "*.png"))
    assert len(images) == pages
    keep = os.environ.get("RXPIPE_KEEP_PDF_PAGES")
    if keep:
        os.makedirs(keep, exist_ok=True)
        for image in images:
            shutil.copy(image, os.path.join(keep, page.replace(".html", "") + "-" + os.path.basename(image)))
    # Vector charts: the PDF embeds no raster images for the charts (pdfimages lists none
    # larger than a sparkline), so printed charts stay sharp.
    listing = subprocess.run(["pdfimages", "-list", pdf], capture_output=True, text=True, check=True).stdout
    big = [l for l in listing.splitlines()[2:] if l.split() and int(l.split()[3]) > 400]
    assert big == [], listing


def test_every_page_is_well_formed_and_every_link_resolves(site):
    """A link checker over the whole sample site (Python's html.parser as the second opinion)."""
    pages, problems = check_site_links(site)
    assert len(pages) > 60
    assert problems == [], problems[:20]


WIDTHS = (390, 1024, 1280)

# What a person would see as broken, measured in the page: a horizontal scroll bar on the
# page itself (wide tables scroll inside their own box), text under 10 px, and the theme.
LAYOUT_JS = r"""
(() => {
  const out = {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
               height: document.documentElement.scrollHeight, small: [], wide: [],
               background: getComputedStyle(document.body).backgroundColor};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim();
    const el = n.parentElement;
    if (!text || !el || !el.checkVisibility({visibilityProperty: true})) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 10 && out.small.length < 5) out.small.push(el.tagName + " " + size + "px: " + text.slice(0, 40));
  }
  if (out.scrollWidth > out.innerWidth) {
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 0.5 && r.width > 0 && !el.closest(".table-wrap") && out.wide.length < 5)
        out.wide.push(el.tagName + "." + el.className + " right=" + Math.round(r.right));
    }
  }
  return out;
})()
"""


def page_types(site):
    """One page of every kind the site has."""
    states = sorted(glob.glob(os.path.join(site, "states", "*.html")))
    eda = sorted(p for p in glob.glob(os.path.join(site, "eda", "*.html")) if not p.endswith("index.html"))
    assert states and eda
    # The first drug and specialty the drugs and prescribers pages link to a page of their own.
    drug = re.search(r'<a href="(drugs/[^"]+\.html)"', open(os.path.join(site, "drugs.html"), encoding="utf-8").read()).group(1)
    specialty = re.search(r'<a href="(specialties/[^"]+\.html)"', open(os.path.join(site, "prescribers.html"), encoding="utf-8").read()).group(1)
    return {
        "drug": drug, "specialty": specialty,
        "overview": "index.html", "drugs": "drugs.html", "prescribers": "prescribers.html", "geography": "geography.html",
        "state": os.path.relpath(states[0], site), "trends": "trends.html", "quality": "quality.html",
        "eda": os.path.relpath(eda[0], site), "catalog": "catalog.html", "methodology": "methodology.html",
        "dictionary": "dictionary.html", "downloads": "downloads.html", "report": "report.html",
    }


@pytest.fixture(scope="module")
def browser():
    b = Browser(CHROMIUM)
    yield b
    b.close()


def brightness(css_color):
    r, g, b = (int(float(v)) for v in re.findall(r"[\d.]+", css_color)[:3])
    return (r + g + b) / 3


KINDS = ["overview", "drugs", "prescribers", "geography", "state", "drug", "specialty", "trends", "quality", "eda", "catalog",
         "methodology", "dictionary", "downloads", "report"]


@pytest.mark.parametrize("kind", KINDS)
def test_layout_holds_from_phone_to_desktop_light_and_dark(site, browser, kind, tmp_path):
    """Each page is loaded once and looked at 390, 1024 and 1280 px wide, light and dark.
    Screenshots go to $RXPIPE_SCREENSHOTS when set (to look at), else to a temporary folder."""
    shots = os.environ.get("RXPIPE_SCREENSHOTS") or str(tmp_path)
    os.makedirs(shots, exist_ok=True)
    browser.open("file://" + os.path.join(site, page_types(site)[kind]))
    assert browser.console_errors() == []
    problems = []
    for width in WIDTHS:
        for dark in (False, True):
            browser.viewport(width, dark=dark)
            r = browser.evaluate(LAYOUT_JS)
            where = f"{kind} at {width} px {'dark' if dark else 'light'}"
            if r["scrollWidth"] > r["innerWidth"]:
                problems.append(f"{where}: page is {r['scrollWidth']} px wide: {r['wide']}")
            if r["small"]:
                problems.append(f"{where}: text under 10 px: {r['small']}")
            if (brightness(r["background"]) < 128) != dark:
                problems.append(f"{where}: background {r['background']} is not the {'dark' if dark else 'light'} theme")
            shot = os.path.join(shots, f"{kind}-{width}-{'dark' if dark else 'light'}.png")
            browser.screenshot(shot, width, min(r["height"], 4000))
            assert os.path.getsize(shot) > 2000, shot
    assert problems == [], problems


@pytest.fixture(scope="module")
def report_pdf(site, tmp_path_factory):
    pdf = str(tmp_path_factory.mktemp("print") / "report.pdf")
    p = chromium("--no-pdf-header-footer", "--virtual-time-budget=4000", f"--print-to-pdf={pdf}",
                 "file://" + os.path.join(site, "report.html"))
    assert p.returncode == 0 and os.path.exists(pdf), p.stderr[-2000:]
    return pdf


def pdf_text(pdf, *options):
    return subprocess.run(["pdftotext", *options, pdf, "-"], capture_output=True, text=True, check=True).stdout


def report_title(site):
    html = open(os.path.join(site, "report.html"), encoding="utf-8").read()
    return unescape(re.search(r"<h1>([^<]*)</h1>", html).group(1))


def test_report_pdf_has_page_numbers_and_a_running_header(site, report_pdf):
    pages = [p for p in pdf_text(report_pdf, "-layout").split("\f") if p.strip()]
    assert len(pages) >= 5
    title = report_title(site)
    for number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[-1] == f"Page {number} of {len(pages)}", f"page {number} ends with {lines[-1]!r}"
        assert lines[0].startswith(title) and re.search(r"Data years \d{4}", lines[0]), f"page {number} starts with {lines[0]!r}"


def test_report_pdf_repeats_table_headers(report_pdf):
    """The every-drug table runs over a page break; its header row is printed again at the top
    of the next page (site.js's sort buttons in the header cells must not prevent it)."""
    pages = [p for p in pdf_text(report_pdf, "-layout").split("\f") if p.strip()]
    header = re.compile(r"^\s*Drug\s+Rank by\s+Claims\s+Drug cost", re.M)
    first = next(i for i, p in enumerate(pages) if "Every drug by generic name" in p)
    assert header.search(pages[first]), pages[first][:3000]
    following = pages[first + 1]
    assert "Every drug by generic name" not in following and header.search(following), following[:3000]
    # The repeated header sits above the rows that continue the table.
    rows_before_header = following[: header.search(following).start()]
    assert not re.search(r"\$[\d,]+\s+\d+\s+[\d,]+\s+\d+\s+[\d.]+%", rows_before_header), rows_before_header


def test_report_pdf_chart_labels_are_text(site, report_pdf):
    """Chart labels that appear nowhere else in the report (tick labels, value labels) are
    found by pdftotext: the SVG charts keep their text as <text>, printed as text, not outlines."""
    html = open(os.path.join(site, "report.html"), encoding="utf-8").read()
    labels = set()
    for uri in re.findall(r'src="data:image/svg\+xml,([^"]*)"', html):
        svg = unquote(uri)
        assert "<symbol" not in svg and "glyph" not in svg, "chart text drawn as glyph outlines"
        labels |= {unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)}
    page_text = unescape(re.sub(r"<[^>]+>", " ", re.sub(r'src="data:[^"]*"', "", html)))

    def squeeze(text):
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))

    only_in_charts = {label for label in labels if len(label) >= 4 and squeeze(label) not in squeeze(page_text)}
    assert len(only_in_charts) >= 20, only_in_charts
    printed = squeeze(pdf_text(report_pdf, "-raw"))
    missing = sorted(label for label in only_in_charts if squeeze(label) not in printed)
    assert missing == [], missing[:20]


def test_report_is_one_document_of_modest_size(site):
    """report.html stays small enough to e-mail (the shipped sample: at most 1.5 MB)."""
    assert os.path.getsize(os.path.join(site, "report.html")) <= 1_500_000


def test_kpi_cards_hold_a_thirteen_character_count(site, browser):
    """At full scale a card shows "1,627,152,713"; it stays inside its card at every width."""
    browser.open("file://" + os.path.join(site, "index.html"))
    for width in WIDTHS:
        browser.viewport(width)
        overflowing = browser.evaluate(r"""
          (() => Array.from(document.querySelectorAll(".kpi")).filter(card => {
            card.querySelector(".kpi-value").textContent = "1,627,152,713";
            return card.scrollWidth > card.clientWidth || card.querySelector(".kpi-value").scrollWidth > card.clientWidth;
          }).length)()""")
        assert overflowing == 0, f"{overflowing} KPI cards overflow at {width} px"


def test_sorting_puts_missing_values_last_both_ways(site, browser, tmp_path):
    script = glob.glob(os.path.join(site, "assets", "site.*.js"))[0]
    rows = "".join(f'<tr><th scope="row">{name}</th><td class="num"{key}>{text}</td></tr>'
                   for name, key, text in [("a", ' data-sort="5"', "5"), ("b", "", "–"), ("c", ' data-sort="9"', "9"),
                                           ("d", "", ""), ("e", ' data-sort="1"', "1")])
    page = tmp_path / "sort.html"
    page.write_text(f'<!DOCTYPE html><html><head><script src="file://{script}" defer></script></head><body>'
                    f'<div class="table-wrap"><table data-sortable><thead><tr><th scope="col">Name</th>'
                    f'<th scope="col" class="num">Value</th></tr></thead><tbody>{rows}</tbody></table></div></body></html>')
    browser.open("file://" + str(page))
    order = browser.evaluate(r"""
      (() => {
        const button = document.querySelectorAll("th button.sort")[1];
        const names = () => Array.from(document.querySelectorAll("tbody th")).map(th => th.textContent).join("");
        button.click();
        const up = names();
        button.click();
        return [up, names()];
      })()""")
    assert order == ["eacbd", "caebd"]


# Charts as a person reads them (issue #19 item 2). Maps (state locators, geo-* choropleths) are
# drawn by their own module and checked there; every other chart image is measured here.
MAP_CHART = re.compile(r"(^geo-|-locator(-narrow)?\.svg$)")
CHART_KINDS = ["overview", "drugs", "prescribers", "state", "trends", "eda", "report"]

# Chart images: files under charts/, or the report's inlined data: URIs (checked for the
# theme only: the report is the print document and has no phone variants). An inlined map is
# known by its text alternative ("Title. Map of 52 states …").
CHARTS_JS = r"""
(() => Array.from(document.querySelectorAll("figure.chart img, img.spark")).map(img => {
  const r = img.getBoundingClientRect();
  const src = img.currentSrc;
  return {src: src.startsWith("file:") ? decodeURIComponent(src.replace(/^file:\/\//, "")) : "inline-" + img.alt.slice(0, 40),
          file: src.startsWith("file:"), map: /^[^.]*\. Map of /.test(img.alt), width: r.width, x: r.left + window.scrollX, y: r.top + window.scrollY, height: r.height};
}))()"""


def chart_page(site, kind):
    """The page of `kind`; for EDA the first column profile that has a chart."""
    if kind != "eda":
        return page_types(site)[kind]
    for path in sorted(glob.glob(os.path.join(site, "eda", "*.html"))):
        if 'src="../charts/' in open(path, encoding="utf-8").read():
            return os.path.relpath(path, site)
    pytest.fail("no EDA page has a chart")


def svg_geometry(path):
    """The viewBox width and the smallest font size (user units) of a chart SVG."""
    text = open(path, encoding="utf-8").read()
    view_box = float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ', text).group(1))
    sizes = [float(s) for s in re.findall(r'<text[^>]*font-size="([\d.]+)"', text)]
    return view_box, (min(sizes) if sizes else None)


def png_pixels(data):
    """(width, height, rows of RGB tuples) of an 8-bit, non-interlaced RGB(A) PNG."""
    import struct
    import zlib
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), (depth, color)
            channels = 4 if color == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, previous = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1: line[i] = (line[i] + a) & 255
            elif kind == 2: line[i] = (line[i] + b) & 255
            elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        previous = line
    return width, height, rows


@pytest.mark.parametrize("kind", CHART_KINDS)
def test_charts_are_legible_on_a_phone_and_dark_in_dark_mode(site, browser, kind):
    """At 390 px every chart's smallest text, scaled as the browser draws the image, is at least
    10 CSS px (the <picture> gives phones a narrow variant); in dark mode a chart's background
    is dark and in light mode light, sampled from a screenshot inside the chart's corner."""
    browser.open("file://" + os.path.join(site, chart_page(site, kind)))
    problems, measured = [], 0
    for width in (390, 1280):
        for dark in (False, True):
            browser.viewport(width, dark=dark)
            browser.evaluate("new Promise(r => setTimeout(r, 200))")  # let <picture> switch sources
            charts = [c for c in browser.evaluate(CHARTS_JS)
                      if c["width"] > 0 and not c["map"] and not MAP_CHART.search(os.path.basename(c["src"]))]
            where = f"{kind} at {width} px {'dark' if dark else 'light'}"
            for chart in charts:
                name = os.path.basename(chart["src"])
                view_box, smallest = svg_geometry(chart["src"]) if chart["file"] else (None, None)
                if width == 390 and smallest is not None:
                    shown = chart["width"] / view_box * smallest
                    measured += 1
                    if shown < 10 - 1e-6:
                        problems.append(f"{where}: {name} smallest text shows at {shown:.1f} px")
                if chart["height"] < 60:
                    continue  # sparklines: their line runs through every corner
                data = base64.b64decode(browser.send(
                    "Page.captureScreenshot", format="png", captureBeyondViewport=True,
                    clip={"x": chart["x"] + 3, "y": chart["y"] + 3, "width": 4, "height": 4, "scale": 1})["data"])
                pixel = png_pixels(data)[2][1][1]
                level = sum(pixel) / 3
                if dark and level > 80 or not dark and level < 200:
                    problems.append(f"{where}: {name} background {pixel} is not {'dark' if dark else 'light'}")
    if kind not in ("overview", "report"):
        assert measured > 0, f"{kind}: no chart measured"
    assert problems == [], problems[:10]
