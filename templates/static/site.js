// rxpipe site script: sortable and filterable tables, and the search box. Pages are complete
// without it; it only adds behaviour. Works from file:// (no fetch, no modules).
(function () {
  "use strict";

  function cellKey(cell) {
    var key = cell.getAttribute("data-sort");
    if (key !== null && key !== "") return { n: parseFloat(key), s: "" };
    return { n: NaN, s: (cell.textContent || "").trim().toLowerCase() };
  }

  // A cell without a number in a numeric column ("–", suppressed) or an empty cell is missing.
  function missing(k) { return isNaN(k.n) && (k.s === "" || k.s === "–" || k.s === "—" || /^(suppressed|withheld|n\/a)$/.test(k.s)); }

  function compare(a, b) {
    var an = !isNaN(a.n), bn = !isNaN(b.n);
    if (an && bn) return a.n - b.n;
    if (an !== bn) return an ? -1 : 1;
    return a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
  }

  function sortTable(table, index, th) {
    var body = table.tBodies[0];
    if (!body) return;
    var descending = th.getAttribute("aria-sort") === "ascending";
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
      return { row: row, key: cellKey(row.cells[index]), i: i };
    });
    rows.sort(function (x, y) {
      // Missing values go last in either direction: a descending sort shows the largest first.
      var mx = missing(x.key), my = missing(y.key);
      if (mx !== my) return mx ? 1 : -1;
      var c = mx ? 0 : compare(x.key, y.key);
      if (c === 0) return x.i - y.i;
      return descending ? -c : c;
    });
    var heads = table.tHead.rows[0].cells;
    for (var h = 0; h < heads.length; h++) heads[h].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    rows.forEach(function (r) { body.appendChild(r.row); });
  }

  function makeSortable(table) {
    if (!table.tHead) return;
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      button.setAttribute("aria-label", "Sort by " + th.textContent);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortTable(table, index, th); });
    });
  }

  function makeFilterable(table, n) {
    var wrap = document.createElement("div");
    wrap.className = "table-filter";
    var id = "filter-" + n;
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = "Filter rows: ";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    wrap.appendChild(label);
    wrap.appendChild(input);
    table.parentNode.parentNode.insertBefore(wrap, table.parentNode);
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = q !== "" && (row.textContent || "").toLowerCase().indexOf(q) < 0;
      });
    });
  }

  function setUpSearch() {
    var form = document.querySelector("form.search");
    var index = window.RXPIPE_SEARCH;
    if (!form || !index) return;
    form.hidden = false;
    var root = form.getAttribute("data-root") || "";
    var input = form.querySelector("input");
    var list = form.querySelector("ul");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    });
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      while (list.firstChild) list.removeChild(list.firstChild);
      if (q.length < 2) return;
      var shown = 0;
      for (var i = 0; i < index.length && shown < 20; i++) {
        var entry = index[i];
        if (entry[0].toLowerCase().indexOf(q) < 0) continue;
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + entry[2];
        a.textContent = entry[0];
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = entry[1];
        a.appendChild(kind);
        li.appendChild(a);
        list.appendChild(li);
        shown++;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var tables = document.querySelectorAll("table[data-sortable]");
    Array.prototype.forEach.call(tables, function (t, n) {
      makeSortable(t);
      if (t.hasAttribute("data-filterable")) makeFilterable(t, n);
    });
    setUpSearch();
  });
})();
