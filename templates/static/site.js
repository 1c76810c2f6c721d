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

  // Search: the index is sharded by the first letter of each title word (assets/search/a.js …)
  // and a shard is loaded as a script the first time a query starts with its letter. A query
  // matches when each of its words starts a word of the title; words are runs of a-z and 0-9
  // after lower-casing and dropping accents, as SearchIndex in rxpipe writes them.
  var shards = {};
  var requested = {};
  var onShard = null;
  window.RXPIPE_SEARCH_SHARD = function (key, entries) {
    shards[key] = entries.map(function (e) { return { title: e[0], kind: e[1], url: e[2], words: words(e[0]) }; });
    if (onShard) onShard(key);
  };

  function words(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  }

  function setUpSearch() {
    var form = document.querySelector("form.search");
    if (!form) return;
    form.hidden = false;
    var root = form.getAttribute("data-root") || "";
    var input = form.querySelector("input");
    var list = form.querySelector("ul");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    });
    function load(key) {
      if (requested[key]) return;
      requested[key] = true;
      var script = document.createElement("script");
      script.src = root + "assets/search/" + key + ".js";
      script.onerror = function () { shards[key] = []; show(); };
      document.head.appendChild(script);
    }
    function show() {
      while (list.firstChild) list.removeChild(list.firstChild);
      var query = words(input.value);
      if (query.length === 0 || (query.length === 1 && query[0].length < 2)) return;
      var key = query[0].charAt(0);
      var entries = shards[key];
      if (!entries) { load(key); return; }
      var shown = 0;
      for (var i = 0; i < entries.length && shown < 20; i++) {
        var entry = entries[i];
        var all = query.every(function (q) { return entry.words.some(function (w) { return w.lastIndexOf(q, 0) === 0; }); });
        if (!all) continue;
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + entry.url;
        a.textContent = entry.title;
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = entry.kind;
        a.appendChild(kind);
        li.appendChild(a);
        list.appendChild(li);
        shown++;
      }
    }
    onShard = show;
    input.addEventListener("input", show);
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
