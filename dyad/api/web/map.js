// Map: event locations on an equirectangular world from the vendored world-atlas TopoJSON.
import { $, state, svg, tone, withTip, esc, fmt, actions } from "./common.js";

// ---- map ---------------------------------------------------------------------------------------
export function topoFeatures(topo, name) {
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

export const MAP = { W: 640, H: 340, latTop: 84, latBottom: -58 };
export const project = (lon, lat) => [((lon + 180) / 360) * MAP.W, ((MAP.latTop - lat) / (MAP.latTop - MAP.latBottom)) * MAP.H];

export function fitView(root, points) {
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

export async function drawMap(points) {
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
      onclick: () => actions.setFilter({ place: p.geonameid ? String(p.geonameid) : p.name }) });
    withTip(c, `<b>${esc(p.name)}</b>${p.country ? " (" + esc(p.country) + ")" : ""}<br>${p.n} event${p.n > 1 ? "s" : ""} · mean Goldstein ${fmt(p.goldstein)}`);
    root.append(c);
    if (i < 10) labels.push(svg("text", { class: "point-label", x: x + r + 2 / z, y: y + 3.5 / z, "font-size": 10 / z,
      "stroke-width": 3 / z, text: p.name }));
  });
  root.append(...labels);
  box.append(root);
}
