// Event table: cursor pages of /events, sortable, each row opens the reader.
import { $, state, el, params, api, tone, esc, fmt, actorLabel, actions, dateLabel } from "./common.js";

// ---- table -------------------------------------------------------------------------------------
export function eventRow(e) {
  const muted = e.modality !== "asserted";
  const date = e.date ? esc(dateLabel(e)) + (e.date_fallback ? ' <span class=cc title="publication date: no date in the text">pub</span>' : "") : "–";
  const tr = el("tr", { class: muted ? "muted" : null, "data-id": e.id, tabindex: 0, onclick: () => actions.openEvent(e.id, e.article_id),
    onkeydown: (ev) => { if (ev.key === "Enter") actions.openEvent(e.id, e.article_id); } });
  tr.innerHTML =
    `<td>${date}</td>` +
    `<td><span class="badge type">${esc(e.plover_type)}</span>${e.plover_mode ? `<div class=cc>${esc(e.plover_mode)}</div>` : ""}</td>` +
    `<td title="${esc(e.source_role || "")}">${actorLabel(e.source_name, e.source_country)}</td>` +
    `<td class=arrow>${e.reciprocal ? "↔" : "→"}</td>` +
    `<td title="${esc(e.target_role || "")}">${actorLabel(e.target_name, e.target_country)}</td>` +
    `<td>${e.location_name ? esc(e.location_name) + (e.location_country ? `<span class=cc>${esc(e.location_country)}</span>` : "") : "–"}</td>` +
    `<td><span class="badge ${esc(e.modality)}">${esc(e.modality)}</span>${e.reported_by ? '<div class=cc>reported</div>' : ""}${(e.flags || []).length ? ` <span class="badge flag" title="${esc(e.flags.join(", "))}">⚑</span>` : ""}</td>` +
    `<td title="${esc(e.sentence_text || "")}">${esc(e.trigger_text || "")}</td>` +
    `<td class="num gs" style="color:${tone(e.goldstein)}">${fmt(e.goldstein)}</td>` +
    `<td class=num>${e.confidence === null || e.confidence === undefined ? "–" : Number(e.confidence).toFixed(2)}</td>`;
  return tr;
}

export async function loadTable(append = false) {
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

export function markSelected() {
  for (const tr of document.querySelectorAll("#events-table tbody tr")) tr.classList.toggle("selected", tr.dataset.id === state.active);
}
