"use strict";
// Sortable tables: a click on a th.sortable sorts its table's body by that column, again to reverse.
function sortKey(cell) {
  const raw = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
  const n = Number(raw);
  return raw !== "" && !Number.isNaN(n) ? { n: n } : { s: raw };
}
function compareKeys(a, b) {
  if (a.n !== undefined && b.n !== undefined) return a.n - b.n;
  if (a.n !== undefined) return -1;
  if (b.n !== undefined) return 1;
  return a.s.localeCompare(b.s, document.documentElement.lang);
}
function sortBy(th) {
  const table = th.closest("table");
  const body = table.tBodies[0];
  const column = Array.prototype.indexOf.call(th.parentNode.children, th);
  const order = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
  table.querySelectorAll("th.sortable").forEach(function (h) { h.removeAttribute("aria-sort"); });
  th.setAttribute("aria-sort", order);
  const sign = order === "ascending" ? 1 : -1;
  const rows = Array.from(body.rows);
  rows.sort(function (a, b) { return sign * compareKeys(sortKey(a.cells[column]), sortKey(b.cells[column])); });
  rows.forEach(function (row) { body.appendChild(row); });
}
document.querySelectorAll("th.sortable").forEach(function (th) {
  th.tabIndex = 0;
  th.addEventListener("click", function () { sortBy(th); });
  th.addEventListener("keydown", function (e) { if (e.key === "Enter") sortBy(th); });
});

// Filters: a search box and selects over a table whose rows carry data-* fields.
function applyFilters(panel) {
  const table = document.getElementById(panel.dataset.table);
  const text = (panel.querySelector("input[type=search]") || { value: "" }).value.trim().toLowerCase();
  const selects = Array.from(panel.querySelectorAll("select[data-field]"));
  let shown = 0;
  Array.from(table.tBodies[0].rows).forEach(function (row) {
    const ok = (!text || row.textContent.toLowerCase().indexOf(text) >= 0) &&
      selects.every(function (s) { return !s.value || row.dataset[s.dataset.field] === s.value; });
    row.classList.toggle("hidden", !ok);
    if (ok) shown += 1;
  });
  const counter = panel.querySelector("[data-shown]");
  if (counter) counter.textContent = shown;
}
document.querySelectorAll(".toolbar[data-table]").forEach(function (panel) {
  panel.addEventListener("input", function () { applyFilters(panel); });
  panel.addEventListener("change", function () { applyFilters(panel); });
});

// A finding focuses the cells it is about in the table drawn below it.
document.querySelectorAll("[data-focus]").forEach(function (row) {
  function focus() {
    const id = row.dataset.focus;
    const scope = row.closest(".report") || document;
    const on = !row.classList.contains("focus");
    scope.querySelectorAll(".focus").forEach(function (el) { el.classList.remove("focus"); });
    if (!on) return;
    row.classList.add("focus");
    scope.querySelectorAll("[data-f]").forEach(function (cell) {
      if (cell.dataset.f.split(" ").indexOf(id) >= 0) cell.classList.add("focus");
    });
  }
  row.addEventListener("click", focus);
  row.addEventListener("keydown", function (e) { if (e.key === "Enter") focus(); });
});

// A link to a report opens its details.
function openTarget(id) {
  const target = id ? document.getElementById(id) : null;
  if (target && target.tagName === "DETAILS") { target.open = true; target.scrollIntoView(); }
}
document.querySelectorAll("a[href^='#']").forEach(function (link) {
  link.addEventListener("click", function () { openTarget(link.getAttribute("href").slice(1)); });
});
window.addEventListener("hashchange", function () { openTarget(location.hash.slice(1)); });
openTarget(location.hash.slice(1));
document.querySelectorAll("[data-toggle-all]").forEach(function (button) {
  button.addEventListener("click", function () {
    const open = button.dataset.toggleAll === "open";
    document.querySelectorAll("details.report").forEach(function (d) { d.open = open; });
  });
});
