// Dyad series: /dyads/{a}/{b}/series for the pair picked in the network.
import { $, QUAD_COLOR, state, el, svg, api, withTip, fmt } from "./common.js";

// ---- dyad series -------------------------------------------------------------------------------
export async function drawSeries() {
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
