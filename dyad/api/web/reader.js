// Article reader: the clean text with the spans behind the chosen event, quote or flag highlighted.
import { $, ROLE_NAMES, LAYERS, state, el, api, status, esc, actorLabel, firstLine, actions, dateLabel } from "./common.js";

// ---- article reader ----------------------------------------------------------------------------
export let current = null; // the article shown: text, annotations, events, quotes, flags

export async function openArticle(articleId) {
  if (!current || current.id !== articleId) current = await api("/articles/" + encodeURIComponent(articleId));
  state.article = articleId;
  $("#reader").hidden = false;
  const inputName = current.input ? current.input.split(/[\\/]/).pop() : null;
  const meta = [current.source, current.published, inputName].filter(Boolean).map(esc).join(" · ");
  $("#reader-meta").innerHTML = meta + (current.url ? ` · <a href="${esc(current.url)}" target="_blank" rel="noopener">original</a>` : "");
  $("#reader-title").textContent = current.title || firstLine(current.text) || inputName || current.id;
  renderSide();
  actions.syncUrl();
}

export async function openEvent(eventId, articleId) {
  state.active = eventId;
  actions.markSelected();
  try {
    await openArticle(articleId || (await api("/events/" + encodeURIComponent(eventId))).article_id);
    focusItem("event", eventId);
  } catch (e) { status(e.message, true); }
}

export function renderSide() {
  const evs = $("#reader-events"), qs = $("#reader-quotes"), fl = $("#reader-flags");
  evs.replaceChildren(); qs.replaceChildren(); fl.replaceChildren();
  for (const e of current.events) {
    const li = el("li", { "data-kind": "event", "data-id": e.id, onclick: () => focusItem("event", e.id) });
    li.innerHTML = `<span class="badge type">${esc(e.plover_type)}</span> <span class="badge ${esc(e.modality)}">${esc(e.modality)}</span>` +
      `<div>${actorLabel(e.source_name, e.source_country)} ${e.reciprocal ? "↔" : "→"} ${actorLabel(e.target_name, e.target_country)}</div>` +
      `<div class=sub>“${esc(e.trigger_text)}” · ${esc(dateLabel(e) || "no date")}${e.location_name ? " · " + esc(e.location_name) : ""}</div>`;
    const roles = [e.source_role, e.target_role].filter(Boolean);
    if (roles.length) li.append(el("div", { class: "sub role", title: "office held on the event's date", text: roles.join(" · ") }));
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

export function activeSpans() {
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

export function focusItem(kind, id) {
  state.active = id;
  state.activeKind = kind;
  for (const li of document.querySelectorAll(".items li")) li.classList.toggle("active", li.dataset.id === id);
  actions.markSelected();
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
  actions.syncUrl();
}

export function renderText() {
  // Split the text at every span boundary; each piece carries the classes of all spans covering it,
  // so overlapping spans (trigger inside sentence inside quote) all show.
  const text = current.text;
  const spans = [];
  for (const a of current.annotations) if (state.layers.has(a.layer)) spans.push({ start: a.start, end: a.end, cls: "a-" + a.layer, title: `${a.layer}: ${a.label || ""}${a.detail ? " · " + a.detail : ""}` });
  for (const e of current.events) {
    if (e.trigger_start !== null && e.trigger_end !== null)
      spans.push({ start: e.trigger_start, end: e.trigger_end, cls: "t-trigger", event: e.id, title: `${e.plover_type} (${e.modality}): click for its evidence` });
  }
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
    const ev = cover.find((s) => s.event);
    box.append(el(marked ? "mark" : "span", { class: cover.map((s) => s.cls).join(" "), title: cover.map((s) => s.title).join("\n"),
      "data-start": a, "data-event": ev ? ev.event : null, onclick: ev ? () => focusItem("event", ev.event) : null }, piece));
  }
}

export function closeReader() {
  $("#reader").hidden = true;
  state.article = null;
  state.active = null;
  actions.markSelected();
  actions.syncUrl();
}
