// dyad dashboard: vanilla JS + SVG over the REST API of the same server. No CDN, no build step.
// Views: timeline (/events/timeline), actor network (/dyads), map (/events/places + vendored world-atlas),
// event table (/events, cursor pages) and the article reader (/articles/{id}, /events/{id}).
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const SVGNS = "http://www.w3.org/2000/svg";
const FILTERS = ["q", "actor", "country", "type", "modality", "date_from", "date_to", "place"];
const QUAD = { 1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict", 0: "Unknown" };
const QUAD_COLOR = { 1: "#7fb3d5", 2: "#2471a3", 3: "#f0a35e", 4: "#c0392b", 0: "#b8c0ca" };
const ROLE_NAMES = { sentence: "sentence", trigger: "trigger", source: "source", target: "target", date: "date",
  place: "place", quote: "quote", quote_cue: "cue", speaker: "speaker", flag: "flag" };
const LAYERS = ["actor", "place", "time", "entity"];

const state = { filters: { modality: "asserted" }, sort: "-date", cursor: null, article: null, active: null,
  layers: new Set(["actor", "place", "time"]), world: null };

// ---- helpers -----------------------------------------------------------------------------------
function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}
const svg = (tag, attrs, ...kids) => el("svg:" + tag, attrs, ...kids);

function params(extra = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...state.filters, ...extra })) if (v !== "" && v !== null && v !== undefined) p.set(k, v);
  return p;
}

async function api(path, query) {
  const url = query ? `${path}?${query}` : path;
  const resp = await fetch(url);
  const body = await resp.json();
  if (!resp.ok || body.ok === false) {
    const msg = body.error ? `[${body.error.code}] ${body.error.message}` : resp.statusText;
    throw new Error(msg);
  }
  return body;
}

function status(text, isError = false) {
  const s = $("#status");
  s.textContent = text;
  s.style.color = isError ? "#fca5a5" : "";
}

// Goldstein -10..10 -> red .. grey .. blue
function tone(g) {
  if (g === null || g === undefined || Number.isNaN(g)) return "#9aa5b1";
  const t = Math.max(-1, Math.min(1, g / 10));
  const grey = [154, 165, 177], red = [192, 57, 43], blue = [36, 113, 163];
  const to = t < 0 ? red : blue, a = Math.abs(t) ** 0.7;
  const c = grey.map((x, i) => Math.round(x + (to[i] - x) * a));
  return `rgb(${c.join(",")})`;
}

const tip = $("#tooltip");
function showTip(evt, html) {
  tip.innerHTML = html;
  tip.hidden = false;
  tip.style.left = Math.min(evt.clientX + 12, window.innerWidth - 330) + "px";
  tip.style.top = evt.clientY + 12 + "px";
}
function hideTip() { tip.hidden = true; }
function withTip(node, html) {
  node.addEventListener("mousemove", (e) => showTip(e, html));
  node.addEventListener("mouseleave", hideTip);
  return node;
}
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const fmt = (g) => (g === null || g === undefined ? "–" : (g > 0 ? "+" : "") + Number(g).toFixed(1));
const actorLabel = (name, cc) => (name ? esc(name) : "<span class=cc>–</span>") + (cc ? `<span class=cc>${esc(cc)}</span>` : "");

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

// ---- timeline ----------------------------------------------------------------------------------
const iso = (t) => new Date(t).toISOString().slice(0, 10);
const DAY = 864e5;

function binner(unit) {
  // start(day) -> first day of its bin; end(start) -> last day; next(start) -> next bin's start
  const t = (d) => Date.parse(d + "T00:00:00Z");
  if (unit === "day") return { start: (d) => d, end: (b) => b, next: (b) => iso(t(b) + DAY), label: (b) => b };
  if (unit === "week") return {
    start: (d) => iso(t(d) - ((new Date(t(d)).getUTCDay() + 6) % 7) * DAY), end: (b) => iso(t(b) + 6 * DAY),
    next: (b) => iso(t(b) + 7 * DAY), label: (b) => `week of ${b}` };
  return {
    start: (d) => d.slice(0, 8) + "01",
    end: (b) => { const x = new Date(t(b)); return iso(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + 1, 0)); },
    next: (b) => { const x = new Date(t(b)); return iso(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + 1, 1)); },
    label: (b) => b.slice(0, 7) };
}

function drawTimeline(rows) {
  const box = $("#timeline");
  box.replaceChildren();
  if (!rows.length) { box.append(el("div", { class: "empty", text: "No dated events match these filters." })); return; }
  const days = [...new Set(rows.map((b) => b.day))].sort();
  const spanDays = (Date.parse(days[days.length - 1]) - Date.parse(days[0])) / DAY + 1;
  // Days while they fit as bars; weeks up to two years; months beyond.
  const unit = spanDays <= 120 ? "day" : spanDays <= 730 ? "week" : "month";
  $("#timeline-hint").textContent = `events per ${unit} by QuadClass · click a bar or drag across bars to filter`;
  const bn = binner(unit);
  const bins = [];
  for (let b = bn.start(days[0]), lastBin = bn.start(days[days.length - 1]); b <= lastBin; b = bn.next(b)) bins.push(b);
  const stacks = new Map(bins.map((b) => [b, { 1: 0, 2: 0, 3: 0, 4: 0, 0: 0 }]));
  for (const r of rows) stacks.get(bn.start(r.day))[r.quad_class] += r.n;
  const W = Math.max(400, box.clientWidth || 1200), H = 170, m = { l: 34, r: 10, t: 10, b: 24 };
  const max = Math.max(1, ...[...stacks.values()].map((s) => Object.values(s).reduce((a, b) => a + b, 0)));
  const bw = (W - m.l - m.r) / bins.length;
  const y = (v) => H - m.b - (v / max) * (H - m.t - m.b);
  const barW = Math.min(bw * 0.85, 56);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Timeline" });
  const axis = svg("g", { class: "axis" });
  const ticks = max <= 4 ? [...Array(max + 1).keys()] : [0, Math.round(max / 2), max];
  for (const t of ticks) {
    axis.append(svg("line", { x1: m.l, x2: W - m.r, y1: y(t), y2: y(t), "stroke-dasharray": t ? "2,3" : null }));
    axis.append(svg("text", { x: m.l - 6, y: y(t) + 3, "text-anchor": "end", text: t }));
  }
  const every = Math.max(1, Math.ceil(bins.length / 12));
  let lastYear = null;
  bins.forEach((b, i) => {
    if (i % every) return;
    const full = unit === "month" ? b.slice(0, 7) : b;
    const label = b.slice(0, 4) !== lastYear ? full : full.slice(5);
    lastYear = b.slice(0, 4);
    axis.append(svg("text", { x: m.l + i * bw + bw / 2, y: H - 8, "text-anchor": "middle", text: label }));
  });
  root.append(axis);
  bins.forEach((b, i) => {
    let acc = 0;
    const s = stacks.get(b);
    const total = Object.values(s).reduce((a, c) => a + c, 0);
    const g = svg("g", { class: "bar", "data-day": b });
    for (const q of [4, 3, 2, 1, 0]) {
      if (!s[q]) continue;
      g.append(svg("rect", { x: m.l + i * bw + (bw - Math.max(1, barW)) / 2, width: Math.max(1, barW), rx: barW > 8 ? 2 : 0,
        y: y(acc + s[q]), height: y(acc) - y(acc + s[q]), fill: QUAD_COLOR[q] }));
      acc += s[q];
    }
    if (total) withTip(g, `<b>${bn.label(b)}</b><br>${total} event${total > 1 ? "s" : ""}<br>` +
      [1, 2, 3, 4, 0].filter((q) => s[q]).map((q) => `${QUAD[q]}: ${s[q]}`).join("<br>"));
    root.append(g);
  });
  brush(root, W, H, m, bw, bins.map((b) => [b, bn.end(b)]));
  box.append(root);
}

function brush(root, W, H, m, bw, bins) {
  // Drag across the timeline to filter a date range; a click without a drag filters one bar.
  const band = svg("rect", { class: "brush", y: m.t, height: H - m.t - m.b, width: 0, visibility: "hidden" });
  root.append(band);
  const binAt = (evt) => {
    const pt = root.createSVGPoint();
    pt.x = evt.clientX; pt.y = evt.clientY;
    const x = pt.matrixTransform(root.getScreenCTM().inverse()).x;
    return Math.max(0, Math.min(bins.length - 1, Math.floor((x - m.l) / bw)));
  };
  let start = null;
  root.addEventListener("mousedown", (evt) => { start = binAt(evt); evt.preventDefault(); });
  root.addEventListener("mousemove", (evt) => {
    if (start === null) return;
    const i = binAt(evt), a = Math.min(start, i), b = Math.max(start, i);
    band.setAttribute("x", m.l + a * bw);
    band.setAttribute("width", (b - a + 1) * bw);
    band.setAttribute("visibility", b > a ? "visible" : "hidden");
  });
  const finish = (evt) => {
    if (start === null) return;
    const i = binAt(evt), a = Math.min(start, i), b = Math.max(start, i);
    start = null;
    setFilter({ date_from: bins[a][0], date_to: bins[b][1] });
  };
  root.addEventListener("mouseup", finish);
  root.addEventListener("mouseleave", () => { start = null; band.setAttribute("visibility", "hidden"); });
}

// ---- network -----------------------------------------------------------------------------------
function layout(nodes, links, W, H) {
  // A small force simulation (repulsion, springs, gravity), deterministic: nodes start on a circle.
  // It runs unconstrained; the result is then scaled to fit the box.
  const n = nodes.length;
  nodes.forEach((d, i) => { const a = (2 * Math.PI * i) / n; d.x = 100 * Math.cos(a); d.y = 100 * Math.sin(a); d.vx = 0; d.vy = 0; });
  const k = 60;
  for (let iter = 0; iter < 400; iter++) {
    const lim = 10 * (1 - iter / 400) + 0.2;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const a = nodes[i], b = nodes[j];
      const dx = a.x - b.x, dy = a.y - b.y, d2 = Math.max(dx * dx + dy * dy, 1);
      if (d2 > 9 * k * k) continue;
      const f = (k * k) / d2;
      a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
    }
    for (const l of links) {
      const dx = l.t.x - l.s.x, dy = l.t.y - l.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = ((d - k) / d) * 0.1;
      l.s.vx += dx * f; l.s.vy += dy * f; l.t.vx -= dx * f; l.t.vy -= dy * f;
    }
    for (const d of nodes) {
      d.vx -= d.x * 0.03; d.vy -= d.y * 0.03 * (W / H);
      const v = Math.sqrt(d.vx * d.vx + d.vy * d.vy);
      if (v > lim) { d.vx *= lim / v; d.vy *= lim / v; }
      d.x += d.vx; d.y += d.vy; d.vx *= 0.6; d.vy *= 0.6;
    }
  }
  const xs = nodes.map((d) => d.x), ys = nodes.map((d) => d.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const m = { l: 100, r: 100, t: 24, b: 24 };
  const sx = (W - m.l - m.r) / Math.max(x1 - x0, 1), sy = (H - m.t - m.b) / Math.max(y1 - y0, 1);
  // fill the box: x and y scale separately, within a factor 1.8 of each other
  const scy = Math.min(sy, 2.5), scx = Math.min(sx, scy * 1.8);
  const ox = m.l + (W - m.l - m.r - (x1 - x0) * scx) / 2, oy = m.t + (H - m.t - m.b - (y1 - y0) * scy) / 2;
  for (const d of nodes) { d.x = ox + (d.x - x0) * scx; d.y = oy + (d.y - y0) * scy; }
}

function drawNetwork(edges) {
  const box = $("#network");
  box.replaceChildren();
  if (!edges.length) { box.append(el("div", { class: "empty", text: "No events with both a source and a target." })); return; }
  const W = 640, H = 340;
  const byKey = new Map();
  const node = (key, name, cc) => {
    if (!byKey.has(key)) byKey.set(key, { key, name: name || key, cc, deg: 0 });
    return byKey.get(key);
  };
  const links = edges.slice(0, 60).map((e) => ({ ...e, s: node(e.source, e.source_name, e.source_country), t: node(e.target, e.target_name, e.target_country) }));
  for (const l of links) { l.s.deg += l.n; l.t.deg += l.n; }
  const nodes = [...byKey.values()];
  const maxDeg = Math.max(...nodes.map((d) => d.deg));
  for (const d of nodes) d.r = 4 + 10 * Math.sqrt(d.deg / maxDeg);
  layout(nodes, links, W, H);
  const maxN = Math.max(...links.map((l) => l.n));
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Actor network" });
  const defs = svg("defs");
  root.append(defs);
  links.forEach((l, i) => {
    const color = tone(l.goldstein);
    const id = "arrow" + i;
    const width = 1 + 4 * Math.sqrt(l.n / maxN), head = 7 + 1.6 * width;
    defs.append(svg("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: head, markerHeight: head,
      markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
      svg("path", { d: "M0,0 L10,5 L0,10 z", fill: color })));
    const r = l.t.r;
    const dx = l.t.x - l.s.x, dy = l.t.y - l.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    const rs = l.s.r;
    const x1 = l.s.x + (dx / d) * rs, y1 = l.s.y + (dy / d) * rs, x2 = l.t.x - (dx / d) * (r + 2), y2 = l.t.y - (dy / d) * (r + 2);
    // curve slightly so a→b and b→a do not overlap
    const mx = (x1 + x2) / 2 - (dy / d) * 14, my = (y1 + y2) / 2 + (dx / d) * 14;
    const path = svg("path", { class: "edge", d: `M${x1},${y1} Q${mx},${my} ${x2},${y2}`, stroke: color,
      "stroke-width": width, "stroke-opacity": links.length > 30 ? 0.55 : null,
      "marker-end": `url(#${id})`,
      "marker-start": l.reciprocal ? `url(#${id})` : null,
      onclick: () => setEdge(l) });
    withTip(path, `<b>${esc(l.s.name)}</b> ${l.reciprocal ? "↔" : "→"} <b>${esc(l.t.name)}</b><br>${l.n} event${l.n > 1 ? "s" : ""} · mean Goldstein ${fmt(l.goldstein)}`);
    root.append(path);
  });
  for (const d of nodes) {
    const r = d.r;
    const g = svg("g", { class: "node", transform: `translate(${d.x},${d.y})`, onclick: () => setFilter({ actor: d.key }) },
      svg("circle", { r, fill: "#475569" }),
      svg("text", { x: d.x < W / 2 - 10 ? -(r + 3) : r + 3, y: 4, "text-anchor": d.x < W / 2 - 10 ? "end" : "start",
        text: d.name.length > 28 ? d.name.slice(0, 26) + "…" : d.name }));
    g.dataset.key = d.key;
    withTip(g, `<b>${esc(d.name)}</b>${d.cc ? " (" + esc(d.cc) + ")" : ""}<br>${d.deg} event${d.deg > 1 ? "s" : ""} · click to filter`);
    root.append(g);
  }
  box.append(root);
}

function setEdge(l) {
  // filter the table to this pair; /events has source and target filters
  state.pairNames = { [l.source]: l.s.name, [l.target]: l.t.name };
  state.filters.source = l.source;
  state.filters.target = l.target;
  delete state.filters.actor;
  writeForm();
  refresh();
}

// ---- map ---------------------------------------------------------------------------------------
function topoFeatures(topo, name) {
  // Decode a quantized TopoJSON object into arrays of rings of [lon, lat].
  const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
  const arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (idx) => {
    const out = [];
    for (const i of idx) {
      const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      out.push(...(out.length ? a.slice(1) : a));
    }
    return out;
  };
  return topo.objects[name].geometries.map((g) => {
    const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    return { id: g.id, name: (g.properties || {}).name, rings: polys.flatMap((p) => p.map(ring)) };
  });
}

const MAP = { W: 640, H: 340, latTop: 84, latBottom: -58 };
const project = (lon, lat) => [((lon + 180) / 360) * MAP.W, ((MAP.latTop - lat) / (MAP.latTop - MAP.latBottom)) * MAP.H];

function fitView(root, points) {
  // Zoom to the events (with a margin, at least a sixth of the world wide) and return the zoom factor.
  if (!points.length) return 1;
  const xy = points.map((p) => project(p.lon, p.lat));
  let x0 = Math.min(...xy.map((p) => p[0])), x1 = Math.max(...xy.map((p) => p[0]));
  let y0 = Math.min(...xy.map((p) => p[1])), y1 = Math.max(...xy.map((p) => p[1]));
  let w = Math.max((x1 - x0) * 1.3, MAP.W / 6), h = Math.max((y1 - y0) * 1.3, MAP.H / 6);
  if (w / h > MAP.W / MAP.H) h = (w * MAP.H) / MAP.W; else w = (h * MAP.W) / MAP.H;
  w = Math.min(w, MAP.W); h = Math.min(h, MAP.H);
  const cx = Math.min(Math.max((x0 + x1) / 2, w / 2), MAP.W - w / 2), cy = Math.min(Math.max((y0 + y1) / 2, h / 2), MAP.H - h / 2);
  root.setAttribute("viewBox", `${cx - w / 2} ${cy - h / 2} ${w} ${h}`);
  return MAP.W / w;
}

async function drawMap(points) {
  const box = $("#map");
  if (!state.world) {
    try { state.world = topoFeatures(await (await fetch("/static/vendor/world-atlas/countries-110m.json")).json(), "countries"); }
    catch (e) { state.world = []; }
  }
  box.replaceChildren();
  const root = svg("svg", { viewBox: `0 0 ${MAP.W} ${MAP.H}`, role: "img", "aria-label": "Map of event locations" });
  root.append(svg("rect", { class: "ocean", x: 0, y: 0, width: MAP.W, height: MAP.H }));
  const grat = svg("g", { class: "graticule" });
  for (let lon = -150; lon <= 150; lon += 30) { const [x] = project(lon, 0); grat.append(svg("line", { x1: x, x2: x, y1: 0, y2: MAP.H })); }
  for (let lat = -30; lat <= 60; lat += 30) { const [, y] = project(0, lat); grat.append(svg("line", { x1: 0, x2: MAP.W, y1: y, y2: y })); }
  root.append(grat);
  const land = svg("g");
  for (const f of state.world) {
    const d = f.rings.map((r) => "M" + r.map((p) => project(p[0], p[1]).map((v) => v.toFixed(1)).join(",")).join("L") + "Z").join("");
    land.append(svg("path", { class: "country", d }, svg("title", { text: f.name || "" })));
  }
  root.append(land);
  if (!points.length) {
    root.append(svg("text", { x: MAP.W / 2, y: MAP.H / 2, "text-anchor": "middle", fill: "#637083", "font-size": 13, text: "No located events match these filters." }));
  }
  const maxN = Math.max(1, ...points.map((p) => p.n));
  const sorted = points.slice().sort((a, b) => b.n - a.n);
  const z = fitView(root, points);
  const labels = [];
  sorted.forEach((p, i) => {
    const [x, y] = project(p.lon, p.lat);
    const r = (3.5 + 9 * Math.sqrt(p.n / maxN)) / z;
    const c = svg("circle", { class: "point", cx: x, cy: y, r, fill: tone(p.goldstein), "data-place": p.name,
      onclick: () => setFilter({ place: p.geonameid ? String(p.geonameid) : p.name }) });
    withTip(c, `<b>${esc(p.name)}</b>${p.country ? " (" + esc(p.country) + ")" : ""}<br>${p.n} event${p.n > 1 ? "s" : ""} · mean Goldstein ${fmt(p.goldstein)}`);
    root.append(c);
    if (i < 10) labels.push(svg("text", { class: "point-label", x: x + r + 2 / z, y: y + 3.5 / z, "font-size": 10 / z,
      "stroke-width": 3 / z, text: p.name }));
  });
  root.append(...labels);
  box.append(root);
}

// ---- dyad series -------------------------------------------------------------------------------
async function drawSeries() {
  const card = $("#series-card");
  const { source, target } = state.filters;
  if (!source || !target) { card.hidden = true; return; }
  card.hidden = false;
  const both = $("#series-both").checked;
  const p = new URLSearchParams({ modality: state.filters.modality || "asserted", both_directions: both });
  const body = await api(`/dyads/${encodeURIComponent(source)}/${encodeURIComponent(target)}/series`, p.toString());
  const names = state.pairNames || {};
  $("#series-title").textContent = `Dyad series: ${names[source] || source} ${both ? "↔" : "→"} ${names[target] || target} · ${body.total} event${body.total === 1 ? "" : "s"}`;
  const box = $("#series");
  box.replaceChildren();
  const pts = body.points;
  if (!pts.length) { box.append(el("div", { class: "empty", text: "No dated events for this pair." })); return; }
  const W = Math.max(400, box.clientWidth || 1200), H = 190, m = { l: 34, r: 40, t: 10, b: 24 };
  const bw = (W - m.l - m.r) / pts.length, barW = Math.min(bw * 0.85, 40);
  const maxN = Math.max(1, ...pts.map((x) => x.events));
  const gAbs = Math.max(1, ...pts.map((x) => Math.abs(x.goldstein_sum)));
  const y = (v) => H - m.b - (v / maxN) * (H - m.t - m.b);
  const yg = (v) => m.t + ((gAbs - v) / (2 * gAbs)) * (H - m.t - m.b);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Dyad series" });
  const axis = svg("g", { class: "axis" });
  for (const t of [0, maxN]) {
    axis.append(svg("line", { x1: m.l, x2: W - m.r, y1: y(t), y2: y(t), "stroke-dasharray": t ? "2,3" : null }));
    axis.append(svg("text", { x: m.l - 6, y: y(t) + 3, "text-anchor": "end", text: t }));
  }
  for (const g of [-gAbs, 0, gAbs]) axis.append(svg("text", { x: W - m.r + 6, y: yg(g) + 3, text: fmt(g) }));
  const every = Math.max(1, Math.ceil(pts.length / 10));
  pts.forEach((pt, i) => { if (i % every === 0) axis.append(svg("text", { x: m.l + i * bw + bw / 2, y: H - 8, "text-anchor": "middle", text: pt.day })); });
  root.append(axis);
  pts.forEach((pt, i) => {
    let acc = 0;
    const g = svg("g", { class: "bar" });
    for (const q of [4, 3, 2, 1]) {
      const n = pt["q" + q];
      if (!n) continue;
      g.append(svg("rect", { x: m.l + i * bw + (bw - barW) / 2, width: barW, y: y(acc + n), height: y(acc) - y(acc + n), fill: QUAD_COLOR[q] }));
      acc += n;
    }
    withTip(g, `<b>${pt.day}</b><br>${pt.events} event${pt.events === 1 ? "" : "s"} · Goldstein sum ${fmt(pt.goldstein_sum)}`);
    root.append(g);
  });
  root.append(svg("path", { class: "gline", d: pts.map((pt, i) => `${i ? "L" : "M"}${m.l + i * bw + bw / 2},${yg(pt.goldstein_sum)}`).join("") }));
  if (pts.length <= 60) pts.forEach((pt, i) => root.append(svg("circle", { cx: m.l + i * bw + bw / 2, cy: yg(pt.goldstein_sum), r: 3, fill: "#111827" })));
  for (const sh of body.shifts) {
    const x = m.l + sh.index * bw;
    root.append(withTip(svg("line", { class: "shift", x1: x, x2: x, y1: m.t, y2: H - m.b }),
      `<b>shift ${sh.date}</b><br>events/day ${sh.events_before} → ${sh.events_after}`));
  }
  box.append(root);
}

// ---- table -------------------------------------------------------------------------------------
function eventRow(e) {
  const muted = e.modality !== "asserted";
  const date = e.date ? esc(e.date) + (e.date_fallback ? ' <span class=cc title="publication date: no date in the text">pub</span>' : "") : "–";
  const tr = el("tr", { class: muted ? "muted" : null, "data-id": e.id, tabindex: 0, onclick: () => openEvent(e.id, e.article_id),
    onkeydown: (ev) => { if (ev.key === "Enter") openEvent(e.id, e.article_id); } });
  tr.innerHTML =
    `<td>${date}</td>` +
    `<td><span class="badge type">${esc(e.plover_type)}</span>${e.plover_mode ? `<div class=cc>${esc(e.plover_mode)}</div>` : ""}</td>` +
    `<td>${actorLabel(e.source_name, e.source_country)}</td>` +
    `<td class=arrow>${e.reciprocal ? "↔" : "→"}</td>` +
    `<td>${actorLabel(e.target_name, e.target_country)}</td>` +
    `<td>${e.location_name ? esc(e.location_name) + (e.location_country ? `<span class=cc>${esc(e.location_country)}</span>` : "") : "–"}</td>` +
    `<td><span class="badge ${esc(e.modality)}">${esc(e.modality)}</span>${e.reported_by ? '<div class=cc>reported</div>' : ""}${(e.flags || []).length ? ` <span class="badge flag" title="${esc(e.flags.join(", "))}">⚑</span>` : ""}</td>` +
    `<td title="${esc(e.sentence_text || "")}">${esc(e.trigger_text || "")}</td>` +
    `<td class="num gs" style="color:${tone(e.goldstein)}">${fmt(e.goldstein)}</td>` +
    `<td class=num>${e.confidence === null || e.confidence === undefined ? "–" : Number(e.confidence).toFixed(2)}</td>`;
  return tr;
}

async function loadTable(append = false) {
  const p = params({ sort: state.sort, limit: 50 });
  if (append && state.cursor) p.set("cursor", state.cursor);
  const page = await api("/events", p.toString());
  const body = $("#events-table tbody");
  if (!append) body.replaceChildren();
  for (const e of page.items) body.append(eventRow(e));
  if (!append && !page.items.length) body.append(el("tr", {}, el("td", { colspan: 10, class: "empty", text: "No events match these filters." })));
  state.cursor = page.next_cursor;
  $("#more").hidden = !page.next_cursor;
  $("#table-count").textContent = `${page.total.toLocaleString()} event${page.total === 1 ? "" : "s"}` + (page.next_cursor ? ` · showing ${body.children.length}` : "");
  for (const th of document.querySelectorAll("th[data-sort]")) {
    th.classList.toggle("sorted-asc", state.sort === th.dataset.sort);
    th.classList.toggle("sorted-desc", state.sort === "-" + th.dataset.sort);
  }
  markSelected();
  const dl = params({ sort: state.sort });
  $("#dl-csv").href = "/events?" + dl + "&format=csv";
  $("#dl-jsonl").href = "/events?" + dl + "&format=jsonl";
}

function markSelected() {
  for (const tr of document.querySelectorAll("#events-table tbody tr")) tr.classList.toggle("selected", tr.dataset.id === state.active);
}

function firstLine(text) {
  const line = (text || "").split("\n")[0].trim();
  return line.length > 120 ? line.slice(0, 117) + "…" : line;
}

// ---- articles and flags lists ------------------------------------------------------------------
async function loadLists() {
  const q = state.filters.q ? new URLSearchParams({ q: state.filters.q, limit: 100 }) : new URLSearchParams({ limit: 100 });
  const [arts, flags] = await Promise.all([api("/articles", q.toString()), api("/flags", "limit=200")]);
  const list = $("#articles");
  list.replaceChildren();
  for (const a of arts.items) {
    const li = el("li", { "data-id": a.id, tabindex: 0, onclick: () => openArticle(a.id).catch((e) => status(e.message, true)) });
    li.innerHTML = `<span class=counts>${a.events} events · ${a.quotes} quotes · ${a.flags} flags</span>` +
      `<b>${esc(a.title || firstLine(a.snippet) || a.id)}</b><div class=sub>${[a.source, a.published, a.input ? a.input.split(/[\\/]/).pop() : null].filter(Boolean).map(esc).join(" · ") || esc(a.id)}</div>`;
    list.append(li);
  }
  if (!arts.items.length) list.append(el("li", { class: "none", text: "No articles match." }));
  const fl = $("#flags");
  fl.replaceChildren();
  for (const f of flags.items) {
    const li = el("li", { "data-id": f.id, tabindex: 0, onclick: async () => {
      try { await openArticle(f.article_id); focusItem("flag", f.id); } catch (e) { status(e.message, true); }
    } });
    li.innerHTML = `<span class="badge flag">${esc(f.kind)}</span> ${esc(f.message)}` +
      `<div class=sub>${esc(f.article_title || f.article_id)}${f.spans.length ? " · “" + esc(f.spans[0].text.slice(0, 80)) + "”" : ""}</div>`;
    fl.append(li);
  }
  if (!flags.items.length) fl.append(el("li", { class: "none", text: "No flags." }));
}

// ---- article reader ----------------------------------------------------------------------------
let current = null; // the article shown: text, annotations, events, quotes, flags

async function openArticle(articleId) {
  if (!current || current.id !== articleId) current = await api("/articles/" + encodeURIComponent(articleId));
  state.article = articleId;
  $("#reader").hidden = false;
  const inputName = current.input ? current.input.split(/[\\/]/).pop() : null;
  const meta = [current.source, current.published, inputName].filter(Boolean).map(esc).join(" · ");
  $("#reader-meta").innerHTML = meta + (current.url ? ` · <a href="${esc(current.url)}" target="_blank" rel="noopener">original</a>` : "");
  $("#reader-title").textContent = current.title || firstLine(current.text) || inputName || current.id;
  renderSide();
  syncUrl();
}

async function openEvent(eventId, articleId) {
  state.active = eventId;
  markSelected();
  try {
    await openArticle(articleId || (await api("/events/" + encodeURIComponent(eventId))).article_id);
    focusItem("event", eventId);
  } catch (e) { status(e.message, true); }
}

function renderSide() {
  const evs = $("#reader-events"), qs = $("#reader-quotes"), fl = $("#reader-flags");
  evs.replaceChildren(); qs.replaceChildren(); fl.replaceChildren();
  for (const e of current.events) {
    const li = el("li", { "data-kind": "event", "data-id": e.id, onclick: () => focusItem("event", e.id) });
    li.innerHTML = `<span class="badge type">${esc(e.plover_type)}</span> <span class="badge ${esc(e.modality)}">${esc(e.modality)}</span>` +
      `<div>${actorLabel(e.source_name, e.source_country)} ${e.reciprocal ? "↔" : "→"} ${actorLabel(e.target_name, e.target_country)}</div>` +
      `<div class=sub>“${esc(e.trigger_text)}” · ${esc(e.date || "no date")}${e.location_name ? " · " + esc(e.location_name) : ""}</div>`;
    evs.append(li);
  }
  for (const q of current.quotes) {
    const sp = q.speaker ? q.speaker.name : q.speaker_text ? q.speaker_text.text : "unattributed";
    const li = el("li", { "data-kind": "quote", "data-id": q.id, onclick: () => focusItem("quote", q.id) });
    li.innerHTML = `<b>${esc(sp)}</b>${q.anonymous ? " (anonymous)" : ""} <span class=cc>${esc(q.kind)}</span><div class=sub>“${esc(q.content.text.slice(0, 110))}${q.content.text.length > 110 ? "…" : ""}”</div>`;
    qs.append(li);
  }
  for (const f of current.flags) {
    const li = el("li", { "data-kind": "flag", "data-id": f.id, onclick: () => focusItem("flag", f.id) });
    li.innerHTML = `<span class="badge flag">${esc(f.kind)}</span><div class=sub>${esc(f.message)}</div>`;
    fl.append(li);
  }
  for (const [box, label] of [[evs, "No events."], [qs, "No quotes."], [fl, "No flags."]])
    if (!box.children.length) box.append(el("li", { class: "none", text: label }));
  const toggles = $("#layer-toggles");
  toggles.replaceChildren(el("span", { text: "Show:" }));
  for (const layer of LAYERS) {
    const n = current.annotations.filter((a) => a.layer === layer).length;
    const cb = el("input", { type: "checkbox", checked: state.layers.has(layer) ? "checked" : null,
      onchange: (ev) => { ev.target.checked ? state.layers.add(layer) : state.layers.delete(layer); renderText(); } });
    toggles.append(el("label", { class: "a-" + layer }, cb, `${layer === "entity" ? "entities" : layer + "s"} (${n})`));
  }
  renderText();
}

function activeSpans() {
  if (!state.active || !current) return [];
  const kind = state.activeKind;
  if (kind === "event") {
    const e = current.events.find((x) => x.id === state.active);
    return e ? e.evidence : [];
  }
  if (kind === "quote") {
    const q = current.quotes.find((x) => x.id === state.active);
    if (!q) return [];
    const out = [{ role: "quote", ...q.content }];
    if (q.cue) out.push({ role: "quote_cue", ...q.cue });
    const sp = q.speaker_text || (q.speaker && q.speaker.span);
    if (sp) out.push({ role: "speaker", ...sp });
    return out;
  }
  if (kind === "flag") {
    const f = current.flags.find((x) => x.id === state.active);
    return f ? f.spans.map((s) => ({ role: "flag", ...s })) : [];
  }
  return [];
}

function focusItem(kind, id) {
  state.active = id;
  state.activeKind = kind;
  for (const li of document.querySelectorAll(".items li")) li.classList.toggle("active", li.dataset.id === id);
  markSelected();
  renderText();
  const ev = $("#evidence");
  ev.replaceChildren();
  for (const s of activeSpans()) {
    ev.append(el("span", { class: "ev r-" + s.role }, el("b", { text: ROLE_NAMES[s.role] || s.role }),
      s.role === "sentence" || s.role === "quote" ? (s.text.length > 60 ? s.text.slice(0, 58) + "…" : s.text) : s.text,
      s.label && s.role !== "sentence" && s.label !== s.text ? el("span", { class: "cc", text: s.label }) : null));
  }
  const first = document.querySelector(".article-text mark");
  if (first) first.scrollIntoView({ block: "center", behavior: "instant" });
  syncUrl();
}

function renderText() {
  // Split the text at every span boundary; each piece carries the classes of all spans covering it,
  // so overlapping spans (trigger inside sentence inside quote) all show.
  const text = current.text;
  const spans = [];
  for (const a of current.annotations) if (state.layers.has(a.layer)) spans.push({ start: a.start, end: a.end, cls: "a-" + a.layer, title: `${a.layer}: ${a.label || ""}${a.detail ? " · " + a.detail : ""}` });
  for (const s of activeSpans()) spans.push({ start: s.start, end: s.end, cls: "r-" + s.role, mark: true, title: `${s.role}${s.label ? ": " + s.label : ""}` });
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(text.length, s.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const box = $("#article-text");
  box.replaceChildren();
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const cover = spans.filter((s) => s.start <= a && s.end >= b);
    if (!cover.length) { box.append(piece); continue; }
    const marked = cover.some((s) => s.mark);
    box.append(el(marked ? "mark" : "span", { class: cover.map((s) => s.cls).join(" "), title: cover.map((s) => s.title).join("\n"), "data-start": a }, piece));
  }
}

function closeReader() {
  $("#reader").hidden = true;
  state.article = null;
  state.active = null;
  markSelected();
  syncUrl();
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
    const [tl, dy, pl] = await Promise.all([api("/events/timeline", q), api("/dyads", q + "&limit=60"), api("/events/places", q)]);
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

init();
