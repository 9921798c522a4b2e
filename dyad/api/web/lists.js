// Articles and flags lists, each opening the reader.
import { $, state, el, api, status, esc, firstLine, actions } from "./common.js";

// ---- articles and flags lists ------------------------------------------------------------------
export async function loadLists() {
  const q = state.filters.q ? new URLSearchParams({ q: state.filters.q, limit: 100 }) : new URLSearchParams({ limit: 100 });
  const [arts, flags] = await Promise.all([api("/articles", q.toString()), api("/flags", "limit=200")]);
  const list = $("#articles");
  list.replaceChildren();
  for (const a of arts.items) {
    const li = el("li", { "data-id": a.id, tabindex: 0, onclick: () => actions.openArticle(a.id).catch((e) => status(e.message, true)) });
    li.innerHTML = `<span class=counts>${a.events} events · ${a.quotes} quotes · ${a.flags} flags</span>` +
      `<b>${esc(a.title || firstLine(a.snippet) || a.id)}</b><div class=sub>${[a.source, a.published, a.input ? a.input.split(/[\\/]/).pop() : null].filter(Boolean).map(esc).join(" · ") || esc(a.id)}</div>`;
    list.append(li);
  }
  if (!arts.items.length) list.append(el("li", { class: "none", text: "No articles match." }));
  const fl = $("#flags");
  fl.replaceChildren();
  for (const f of flags.items) {
    const li = el("li", { "data-id": f.id, tabindex: 0, onclick: async () => {
      try { await actions.openArticle(f.article_id); actions.focusItem("flag", f.id); } catch (e) { status(e.message, true); }
    } });
    li.innerHTML = `<span class="badge flag">${esc(f.kind)}</span> ${esc(f.message)}` +
      `<div class=sub>${esc(f.article_title || f.article_id)}${f.spans.length ? " · “" + esc(f.spans[0].text.slice(0, 80)) + "”" : ""}</div>`;
    fl.append(li);
  }
  if (!flags.items.length) fl.append(el("li", { class: "none", text: "No flags." }));
}
