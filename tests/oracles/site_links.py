"""A link checker for a rendered site, with Python's html.parser as the second opinion: every
page well formed (tags closed in order, no duplicate id), every local href and src resolving to
a file and, for an anchor into a page, to an id on it; no reference leaves the site."""
import os
import re
from html.parser import HTMLParser
from urllib.parse import unquote

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.ids, self.links = [], [], set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            if a["id"] in self.ids:
                self.problems.append(f"duplicate id {a['id']}")
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if key in a:
                self.links.append(a[key])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()


def check_site_links(site):
    """Returns (pages: relative path → Page, problems: list of "page: problem")."""
    pages = {}
    for base, _, files in os.walk(site):
        for f in files:
            if f.endswith(".html"):
                path = os.path.join(base, f)
                p = Page()
                p.feed(open(path, encoding="utf-8").read())
                p.close()
                if p.stack:
                    p.problems.append(f"unclosed {p.stack}")
                pages[os.path.relpath(path, site)] = p
    problems = []
    for name, p in pages.items():
        problems += [f"{name}: {x}" for x in p.problems]
        for link in p.links:
            if link.startswith("data:"):
                continue
            if re.match(r"^(https?:)?//", link):
                problems.append(f"{name}: external reference {link}")
                continue
            target, _, fragment = link.partition("#")
            resolved = os.path.normpath(os.path.join(os.path.dirname(name), unquote(target))) if target else name
            if not os.path.exists(os.path.join(site, resolved)):
                problems.append(f"{name}: broken link {link}")
            elif fragment and resolved.endswith(".html") and fragment not in pages[resolved].ids:
                problems.append(f"{name}: missing anchor {link}")
    return pages, problems
