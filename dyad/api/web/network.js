// Actor network: who acts on whom (/dyads); edge width = events, colour = mean Goldstein.
import { $, state, el, svg, tone, withTip, esc, fmt, actions } from "./common.js";

// ---- network -----------------------------------------------------------------------------------
// The heaviest edges drawn and the most active actors named: beyond these a network is a hairball.
const MAX_EDGES = 45;
const MAX_LABELS = 16;

export function layout(nodes, links, W, H) {
  // A small force simulation (repulsion, springs, gravity), deterministic: nodes start on a circle.
  // It runs unconstrained; the result is then scaled to fit the box.
  const n = nodes.length;
  nodes.forEach((d, i) => { const a = (2 * Math.PI * i) / n; d.x = 100 * Math.cos(a); d.y = 100 * Math.sin(a); d.vx = 0; d.vy = 0; });
  const k = 40 + 120 / Math.sqrt(n);
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

export function drawNetwork(edges) {
  const box = $("#network");
  box.replaceChildren();
  if (!edges.length) { box.append(el("div", { class: "empty", text: "No events with both a source and a target." })); return; }
  const W = 640, H = 340;
  const byKey = new Map();
  const node = (key, name, cc) => {
    if (!byKey.has(key)) byKey.set(key, { key, name: name || key, cc, deg: 0 });
    const d = byKey.get(key);
    if (name && name.length > d.name.length) d.name = name; // the fullest name any edge gives
    return d;
  };
  const links = edges.slice(0, MAX_EDGES).map((e) => ({ ...e, s: node(e.source, e.source_name, e.source_country), t: node(e.target, e.target_name, e.target_country) }));
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
  // Name the most active actors only (the rest on hover), so a dense network stays readable.
  const named = new Set(nodes.slice().sort((a, b) => b.deg - a.deg).slice(0, MAX_LABELS).map((d) => d.key));
  for (const d of nodes) {
    const r = d.r;
    const g = svg("g", { class: "node", transform: `translate(${d.x},${d.y})`, onclick: () => actions.setFilter({ actor: d.key }) },
      svg("circle", { r, fill: "#475569" }),
      named.has(d.key) ? svg("text", { x: d.x < W / 2 - 10 ? -(r + 3) : r + 3, y: 4, "text-anchor": d.x < W / 2 - 10 ? "end" : "start",
        text: d.name.length > 28 ? d.name.slice(0, 26) + "…" : d.name }) : null);
    g.dataset.key = d.key;
    withTip(g, `<b>${esc(d.name)}</b>${d.cc ? " (" + esc(d.cc) + ")" : ""}<br>${d.deg} event${d.deg > 1 ? "s" : ""} · click to filter`);
    root.append(g);
  }
  box.append(root);
}

export function setEdge(l) {
  // filter everything to this pair (/events has source and target filters) and show its series
  state.pairNames = { [l.source]: l.s.name, [l.target]: l.t.name };
  actions.setFilter({ source: l.source, target: l.target, actor: null });
}
