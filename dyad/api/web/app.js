// dyad dashboard: vanilla JS (ES modules) + SVG over the REST API of the same server. No CDN, no build step.
// Views: timeline (/events/timeline), actor network (/dyads), map (/events/places + vendored world-atlas),
// dyad series, event table (/events, cursor pages), articles and flags lists, and the article reader
// (/articles/{id}). This module holds the filters and wires the views together.
import { $, FILTERS, QUAD, QUAD_COLOR, actions, state, el, params, api, status } from "./common.js";
import { drawTimeline } from "./timeline.js";
import { drawNetwork } from "./network.js";
import { drawMap } from "./map.js";
import { drawSeries } from "./series.js";
import { loadTable, markSelected } from "./table.js";
import { openArticle, openEvent, focusItem, closeReader } from "./reader.js";
import { loadLists } from "./lists.js";

// ---- filters -----------------------------------------------------------------------------------
function readForm() {
  const form = $("#filters");
  const f = {};
  for (const name of FILTERS) {
    const v = form.elements[name].value.trim();
    if (v) f[name] = v;
  }
  state.filters = f;
}

function writeForm() {
  const form = $("#filters");
  for (const name of FILTERS) form.elements[name].value = state.filters[name] ?? (name === "modality" ? "all" : "");
  const pair = $("#pair");
  const { source, target } = state.filters;
  pair.hidden = !(source || target);
  pair.replaceChildren();
  if (source || target) {
    const names = state.pairNames || {};
    pair.append(el("span", { text: `${names[source] || source || "any"} → ${names[target] || target || "any"}` }),
      el("button", { type: "button", title: "Clear the pair", "aria-label": "Clear the pair", text: "×",
        onclick: () => setFilter({ source: null, target: null }) }));
  }
}

function setFilter(changes) {
  Object.assign(state.filters, changes);
  for (const [k, v] of Object.entries(changes)) if (v === null || v === "") delete state.filters[k];
  writeForm();
  refresh();
}

function syncUrl() {
  const p = params();
  if (state.sort !== "-date") p.set("sort", state.sort);
  if (state.article) p.set("article", state.article);
  if (state.active) p.set("focus", `${state.activeKind || "event"}:${state.active}`);
  history.replaceState(null, "", "?" + p.toString());
}

// ---- wiring ------------------------------------------------------------------------------------
let generation = 0; // a newer refresh makes an older one stop drawing

async function refresh() {
  const gen = ++generation;
  document.body.dataset.state = "loading";
  syncUrl();
  const q = params().toString();
  status("loading…");
  try {
    const [tl, dy, pl] = await Promise.all([api("/events/timeline", q), api("/dyads", q + "&limit=45"), api("/events/places", q)]);
    if (gen !== generation) return;
    drawTimeline(tl.items);
    drawNetwork(dy.items);
    await drawMap(pl.items);
    for (const step of [drawSeries, loadTable, loadLists]) {
      if (gen !== generation) return;
      await step();
    }
    status("");
  } catch (e) {
    if (gen === generation) status(e.message, true);
  }
  if (gen === generation) document.body.dataset.state = "ready";
}

async function init() {
  const legend = $("#quad-legend");
  for (const q of [1, 2, 3, 4]) legend.append(el("span", {}, el("i", { style: `background:${QUAD_COLOR[q]}` }), QUAD[q]));
  const url = new URLSearchParams(location.search);
  for (const k of [...FILTERS, "source", "target"]) if (url.has(k)) state.filters[k] = url.get(k);
  if (url.has("sort")) state.sort = url.get("sort");
  try {
    const [facets, health, actors] = await Promise.all([api("/events/facets"), api("/health"), api("/actors", "limit=200")]);
    const sel = $("#filters").elements.type;
    for (const t of facets.types) sel.append(el("option", { value: t, text: t }));
    const list = $("#actor-list");
    for (const a of actors.items) list.append(el("option", { value: a.key, text: `${a.name || a.key}${a.country ? " (" + a.country + ")" : ""}` }));
    $(".tagline").textContent = `${health.counts.events.toLocaleString()} events from ${health.counts.articles.toLocaleString()} articles`;
  } catch (e) { status(e.message, true); }
  writeForm();
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); const keep = { source: state.filters.source, target: state.filters.target }; readForm(); Object.assign(state.filters, Object.fromEntries(Object.entries(keep).filter(([, v]) => v))); refresh(); });
  $("#reset").addEventListener("click", () => { state.filters = { modality: "asserted" }; writeForm(); refresh(); });
  $("#more").addEventListener("click", () => loadTable(true));
  $("#series-both").addEventListener("change", () => drawSeries().catch((e) => status(e.message, true)));
  $("#reader-close").addEventListener("click", closeReader);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("#reader").hidden) closeReader(); });
  for (const th of document.querySelectorAll("th[data-sort]")) {
    th.addEventListener("click", () => { const k = th.dataset.sort; state.sort = state.sort === "-" + k ? k : "-" + k; loadTable(); syncUrl(); });
  }
  await refresh();
  if (url.has("article")) {
    await openArticle(url.get("article"));
    if (url.has("focus")) {
      const [kind, ...rest] = url.get("focus").split(":");
      focusItem(kind, rest.join(":"));
    }
  }
}

Object.assign(actions, { setFilter, syncUrl, writeForm, refresh, openEvent, openArticle, focusItem, markSelected });

init();
