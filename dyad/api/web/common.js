// Shared by the dashboard's modules: constants, state, DOM/SVG helpers, the API client, tooltips.
export const $ = (sel, root = document) => root.querySelector(sel);
export const SVGNS = "http://www.w3.org/2000/svg";
export const FILTERS = ["q", "actor", "country", "type", "modality", "date_from", "date_to", "place"];
export const QUAD = { 1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict", 0: "Unknown" };
export const QUAD_COLOR = { 1: "#7fb3d5", 2: "#2471a3", 3: "#f0a35e", 4: "#c0392b", 0: "#b8c0ca" };
export const ROLE_NAMES = { sentence: "sentence", trigger: "trigger", source: "source", target: "target", date: "date",
  place: "place", quote: "quote", quote_cue: "cue", speaker: "speaker", flag: "flag" };
export const LAYERS = ["actor", "place", "time", "entity"];

export const state = { filters: { modality: "asserted" }, sort: "-date", cursor: null, article: null, active: null,
  layers: new Set(["actor", "place", "time"]), world: null };

// ---- helpers -----------------------------------------------------------------------------------
export function el(tag, attrs = {}, ...children) {
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
export const svg = (tag, attrs, ...kids) => el("svg:" + tag, attrs, ...kids);

export function params(extra = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...state.filters, ...extra })) if (v !== "" && v !== null && v !== undefined) p.set(k, v);
  return p;
}

export async function api(path, query) {
  const url = query ? `${path}?${query}` : path;
  const resp = await fetch(url);
  const body = await resp.json();
  if (!resp.ok || body.ok === false) {
    const msg = body.error ? `[${body.error.code}] ${body.error.message}` : resp.statusText;
    throw new Error(msg);
  }
  return body;
}

export function status(text, isError = false) {
  const s = $("#status");
  s.textContent = text;
  s.style.color = isError ? "#fca5a5" : "";
}

// Goldstein -10..10 -> red .. grey .. blue
export function tone(g) {
  if (g === null || g === undefined || Number.isNaN(g)) return "#9aa5b1";
  const t = Math.max(-1, Math.min(1, g / 10));
  const grey = [154, 165, 177], red = [192, 57, 43], blue = [36, 113, 163];
  const to = t < 0 ? red : blue, a = Math.abs(t) ** 0.7;
  const c = grey.map((x, i) => Math.round(x + (to[i] - x) * a));
  return `rgb(${c.join(",")})`;
}

export const tip = $("#tooltip");
export function showTip(evt, html) {
  tip.innerHTML = html;
  tip.hidden = false;
  tip.style.left = Math.min(evt.clientX + 12, window.innerWidth - 330) + "px";
  tip.style.top = evt.clientY + 12 + "px";
}
export function hideTip() { tip.hidden = true; }
export function withTip(node, html) {
  node.addEventListener("mousemove", (e) => showTip(e, html));
  node.addEventListener("mouseleave", hideTip);
  return node;
}
export const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
export const fmt = (g) => (g === null || g === undefined ? "–" : (g > 0 ? "+" : "") + Number(g).toFixed(1));
export const actorLabel = (name, cc) => (name ? esc(name) : "<span class=cc>–</span>") + (cc ? `<span class=cc>${esc(cc)}</span>` : "");

// An event's date as read: a vague "in the past" shows the interval it was given.
export function dateLabel(e) {
  if (!e.date) return "";
  if (e.date === "PAST_REF") return e.date_end ? `past, to ${e.date_end}` : "in the past";
  if (e.date === "FUTURE_REF") return e.date_start ? `future, from ${e.date_start}` : "in the future";
  return e.date;
}

export function firstLine(text) {
  const line = (text || "").split("\n")[0].trim();
  return line.length > 120 ? line.slice(0, 117) + "…" : line;
}

// Functions one view calls in another, registered by app.js (so modules need not import each other in a circle).
export const actions = {};
