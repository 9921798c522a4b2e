// Timeline: events per day, week or month, stacked by QuadClass; click or drag to filter dates.
import { $, QUAD, QUAD_COLOR, el, svg, withTip, actions } from "./common.js";

// ---- timeline ----------------------------------------------------------------------------------
export const iso = (t) => new Date(t).toISOString().slice(0, 10);
export const DAY = 864e5;

export function binner(unit) {
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

export function drawTimeline(rows) {
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

export function brush(root, W, H, m, bw, bins) {
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
    actions.setFilter({ date_from: bins[a][0], date_to: bins[b][1] });
  };
  root.addEventListener("mouseup", finish);
  root.addEventListener("mouseleave", () => { start = null; band.setAttribute("visibility", "hidden"); });
}
