// newsprism: open citations and claim groups, filter the facts table. No inline code,
// no innerHTML: the page is rendered (and escaped) by the server; this only shows and hides.
"use strict";

function show(panel, on) {
  panel.hidden = !on;
  const button = document.querySelector('[aria-controls="' + panel.id + '"]');
  if (button) button.setAttribute("aria-expanded", on ? "true" : "false");
}

function citations() {
  for (const button of document.querySelectorAll("button.cite")) {
    const panel = document.getElementById(button.dataset.panel);
    if (!panel) continue;
    let pinned = false;
    button.addEventListener("click", () => { pinned = !pinned; show(panel, pinned); });
    button.addEventListener("mouseenter", () => show(panel, true));
    button.addEventListener("mouseleave", () => { if (!pinned) show(panel, false); });
    button.addEventListener("focus", () => show(panel, true));
    button.addEventListener("blur", () => { if (!pinned) show(panel, false); });
  }
}

function claimGroups() {
  const marks = document.querySelectorAll("mark.claim");
  const open = (mark) => {
    for (const m of document.querySelectorAll("mark.claim.selected")) m.classList.remove("selected");
    for (const p of document.querySelectorAll(".group-panel")) p.hidden = true;
    const ids = (mark.dataset.claims || "").split(" ");
    for (const m of marks) {
      if ((m.dataset.claims || "").split(" ").some((id) => ids.includes(id))) m.classList.add("selected");
    }
    const panel = document.getElementById("group-" + mark.dataset.group);
    if (panel) { panel.hidden = false; panel.scrollIntoView({block: "nearest"}); }
  };
  for (const mark of marks) {
    mark.addEventListener("click", () => open(mark));
    mark.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(mark); } });
  }
}

function factsFilter() {
  const form = document.getElementById("facts-filter");
  if (!form) return;
  const status = document.getElementById("filter-status");
  const outlet = document.getElementById("filter-outlet");
  const rows = document.querySelectorAll("#facts-table tr.fact");
  const shown = document.getElementById("facts-shown");
  const total = shown ? shown.textContent.replace(/^\d+ of /, "") : "";
  if (rows.length && (status.value || outlet.value)) {
    // the server filtered this page: reload the whole table to filter it here
    return;
  }
  const apply = () => {
    let n = 0;
    for (const row of rows) {
      const ok = (!status.value || row.dataset.status === status.value) &&
        (!outlet.value || row.dataset.outlets.split("\n").includes(outlet.value));
      row.hidden = !ok;
      if (ok) n += 1;
    }
    if (shown) shown.textContent = n + " of " + total;
  };
  status.addEventListener("change", apply);
  outlet.addEventListener("change", apply);
  form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
}

document.addEventListener("DOMContentLoaded", () => {
  citations();
  claimGroups();
  factsFilter();
});
