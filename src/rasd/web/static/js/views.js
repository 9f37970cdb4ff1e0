// Stories, one story, one article, actors, one actor, search results.
import { api, el, enc, query, u } from "./dom.js";
import { LANG, aboutParts, entityLabel, fmt, modeName, t } from "./i18n.js";
import { articleMarks, dateNode, eventLine, highlighted, legend, named, statusPill, typePill } from "./present.js";
import { PAGE, isOccurred } from "./data.js";
import { timeline } from "./timeline.js";
import { eventsTable } from "./table.js";

const list = (xs) => xs.filter(Boolean).flatMap((x, i) => (i ? [LANG === "ar" ? "، " : ", ", u(x)] : [u(x)]));
const dotted = (...parts) => parts.filter((p) => p !== "" && p !== null && p !== undefined && !(Array.isArray(p) && !p.length))
  .flatMap((p, i) => (i ? [" · ", p] : [p]));

// A plain table that stacks into labelled cards on a phone (data-label feeds the CSS).
// wide: the columns whose cell takes a card's whole width (long text).
function table(head, rows, attrs, wide) {
  if (!rows.length) return el("p", { class: "muted" }, t("none"));
  return el("div", { class: "table-wrap" }, el("table", { class: "rtable", ...(attrs || {}) },
    el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows.map((r) => (r instanceof Node ? r : el("tr", {}, r.map((c, i) =>
      el("td", { "data-label": head[i], class: (wide || []).includes(i) ? "wide" : null }, c))))))));
}
const truncated = (shown, total) => (total > shown
  ? el("p", { class: "muted", "data-testid": "truncated" }, `${fmt(shown)} / ${fmt(total)}`) : "");

export async function showStories(ctx) {
  const data = await api("/stories", { limit: PAGE });
  ctx.view(el("h1", {}, t("stories_title")), truncated(data.items.length, data.total),
    el("ul", { class: "plain card" }, data.items.map((s) => el("li", {},
      el("a", { href: "#/story/" + enc(s.id), "data-testid": "story-link", dir: "auto" }, s.title || s.id), " ",
      el("span", { class: "muted" }, dotted(dateNode(s.first_published), list(s.outlets),
        `${fmt(s.articles.length)} ${t("articles")}`, `${fmt(s.events.length)} ${t("events")}`,
        s.contradictions.length ? `${fmt(s.contradictions.length)} ${t("contradictions")}` : ""))))));
}

function aboutNode(c) {
  return el("strong", { class: "about" }, aboutParts(c.about, c.kind).flatMap((p, i) => [i ? " " : "", typeof p === "string" ? p : u(p.data)]));
}

export async function showStory(ctx, id) {
  const story = await api("/stories/" + enc(id));
  const arts = await Promise.all(story.articles.map((a) => api("/articles/" + enc(a)).catch(() => null)));
  const outletOf = (aid) => (arts.find((a) => a && a.id === aid) || {}).outlet || aid;
  const contra = el("div", { class: "card", "data-testid": "contradictions" }, el("h2", {}, t("contradictions")),
    story.contradictions.length ? story.contradictions.map((c) => el("div", { class: "contra" }, aboutNode(c),
      c.claims.map((cl) => el("div", { class: "contra-claim" }, el("mark", { class: "hl-contra", dir: "auto" }, cl.text),
        el("span", { class: "muted" }, " — ", u(outletOf(cl.article)), cl.speaker ? [" (", u(cl.speaker), ")"] : ""))))) : el("p", { class: "muted" }, t("none")));
  const evs = el("div", { class: "card" }, el("h2", {}, t("events")),
    el("ul", { class: "plain" }, story.events.map((ev) => el("li", {
      class: "clickable", "data-testid": "story-event", title: t("show_evidence"), tabindex: 0,
      on: { click: () => showEvidence(ev), keydown: (e) => { if (e.key === "Enter") showEvidence(ev); } } }, eventLine(ev),
      el("span", { class: "muted" }, ` (${fmt((ev.sources || []).length)} ${t("articles")})`)))));
  const cols = el("div", { class: "columns", "data-testid": "story-columns" }, arts.filter(Boolean).map((a) =>
    el("article", { class: "card", "data-testid": "story-article", "data-article": a.id },
      el("div", { class: "muted" }, dotted(u(a.outlet), dateNode(a.published))),
      el("h2", {}, el("a", { href: "#/article/" + enc(a.id), "data-testid": "article-link", dir: "auto" }, a.title || a.id)),
      highlighted(a.text, articleMarks(a, story)))));
  ctx.view(el("h1", { "data-testid": "story-title" }, t("story"), ": ", u(story.title || story.id)),
    el("p", { class: "muted" }, dotted(dateNode([story.first_published, story.last_published].filter(Boolean).join(" – ")), list(story.outlets))),
    legend(), contra, evs, cols);
}

// Scroll to a merged event's evidence sentence in its first source's column and outline it.
function showEvidence(ev) {
  const src = (ev.sources || [])[0];
  const col = src && document.querySelector(`[data-testid=story-article][data-article="${CSS.escape(src)}"]`);
  if (!col) return;
  const marks = [...col.querySelectorAll("mark.hl-event")].filter((m) =>
    Number(m.dataset.start) >= ev.evidence.start && Number(m.dataset.end) <= ev.evidence.end);
  flash(marks);
}

function flash(marks) {
  for (const m of document.querySelectorAll("mark.flash")) m.classList.remove("flash");
  for (const m of marks) m.classList.add("flash");
  if (marks.length) marks[0].scrollIntoView({ block: "center" });
}

export async function showArticle(ctx, id, params) {
  const a = await api("/articles/" + enc(id));
  const stories = (await Promise.all((a.stories || []).map((s) => api("/stories/" + enc(s)).catch(() => null)))).filter(Boolean);
  const body = highlighted(a.text, articleMarks(a, stories[0]));
  const focus = (i) => {
    flash([...body.querySelectorAll(`mark[data-ev~="${i}"]`)]);
    for (const r of document.querySelectorAll("[data-testid=article-event]")) r.classList.toggle("focus", r.dataset.ev === String(i));
    history.replaceState(null, "", `#/article/${enc(id)}?ev=${i}`);
  };
  const evRows = a.events.map((e, i) => el("tr", { class: "clickable" + (isOccurred(e) ? "" : " said"), "data-testid": "article-event",
                                                   "data-ev": i, title: t("show_evidence"), on: { click: () => focus(i) } },
    [[t("type"), [typePill(e), e.mode ? el("span", { class: "muted" }, " ", modeName(e.mode)) : ""]], [t("status"), statusPill(e.status)],
     [t("actor1"), named(e.actor1)], [t("actor2"), named(e.actor2)], [t("place"), named(e.place)],
     [t("date"), dateNode(e.date && e.date.value)], [t("fatalities"), e.fatalities ?? ""],
     [t("open_evidence"), el("button", { type: "button", class: "link", "data-testid": "event-evidence" }, t("open_evidence"))]]
      .map(([label, c]) => el("td", { "data-label": label }, c))));
  ctx.view(el("div", { class: "muted" }, dotted(u(a.outlet), dateNode(a.published),
                                               a.url ? el("a", { href: a.url, rel: "noopener noreferrer", dir: "ltr", class: "url" }, a.url) : "")),
    el("h1", { "data-testid": "article-title", dir: "auto" }, a.title || a.id),
    stories.length ? el("p", {}, t("stories_of_article"), ": ", stories.map((s) => el("a", { href: "#/story/" + enc(s.id), dir: "auto", class: "story-ref" }, s.title || s.id))) : "",
    legend(), el("div", { class: "card", "data-testid": "article-body" }, body),
    el("h2", {}, t("events")),
    table([t("type"), t("status"), t("actor1"), t("actor2"), t("place"), t("date"), t("fatalities"), t("open_evidence")], evRows,
          { "data-testid": "article-events" }),
    el("h2", {}, t("quotes")),
    table([t("speaker"), t("quote"), t("via")], a.quotes.map((q) => [named(q.speaker),
      [u(q.text), q.incitement ? el("span", { class: "pill incite" }, t("incitement")) : ""], u(q.via)]), {}, [1]),
    el("h2", {}, t("entities")),
    table([t("name"), t("label"), t("kb_id")], a.entities.map((e) => [named(e), entityLabel(e.label),
      e.kb_id ? el("a", { href: "#/entity/" + enc(e.kb_id), dir: "ltr" }, e.kb_id) : ""])));
  if (params.ev !== undefined && a.events[Number(params.ev)]) focus(Number(params.ev));
}

export async function showEntities(ctx) {
  const data = await api("/entities", { limit: PAGE });
  ctx.view(el("h1", {}, t("entities_title")), truncated(data.items.length, data.total), el("div", { class: "card" },
    table([t("name"), t("label"), t("mentions"), t("articles"), t("first_seen"), t("last_seen")], data.items.map((e) => [
      [el("a", { href: "#/entity/" + enc(e.id), "data-testid": "entity-link", dir: "auto" }, (LANG === "en" && e.name_en) || e.names[0] || e.id),
       LANG === "ar" && e.name_en ? [" ", el("span", { class: "muted", dir: "auto" }, e.name_en)] : ""],
      entityLabel(e.label), fmt(e.mentions), fmt(e.articles),
      dateNode(e.first_seen), dateNode(e.last_seen)]))));
}

export async function showEntity(ctx, id) {
  const e = await api("/entities/" + enc(id));
  const quotes = [...e.quotes].sort((a, b) => String(a.published).localeCompare(String(b.published)));
  const tl = el("div", { class: "timeline", "data-testid": "timeline" });
  // Its events in the same sortable, paged table as the events view (sorting stays on this page).
  const box = el("div", { "data-testid": "entity-events" });
  const state = {};
  const draw = (s) => {
    Object.assign(state, s);
    box.replaceChildren(eventsTable({ items: e.events }, state, draw, e.kb_id ? { actor: e.kb_id } : {}));
  };
  ctx.view(el("h1", { "data-testid": "entity-title", dir: "auto" }, (LANG === "en" && e.name_en) || e.names[0] || e.id),
    el("p", { class: "muted" }, dotted(entityLabel(e.label), e.kb_id ? el("bdi", { dir: "ltr" }, e.kb_id) : "",
      `${fmt(e.mentions)} ${t("mentions")}`, `${fmt(e.articles)} ${t("articles")}`, list(e.names))),
    el("h2", {}, t("events_over_time")), e.events.length >= PAGE ? truncated(e.events.length, e.events.length + 1) : "", tl, box,
    el("h2", {}, t("quotes")),
    el("ul", { class: "plain card", "data-testid": "entity-quotes" }, quotes.length ? quotes.map((q) => el("li", {},
      el("span", { class: "muted" }, dateNode(q.published)), " ", el("mark", { class: "hl-quote", dir: "auto" }, q.text), " ",
      el("span", { class: "muted" }, u(q.outlet)), " ", el("a", { href: "#/article/" + enc(q.article) }, t("open_article")))) : el("li", { class: "muted" }, t("none"))));
  draw({});
  timeline(tl, e.events);
}

export async function showSearch(ctx, params) {
  const offset = Math.max(0, Number(params.offset) || 0), limit = 100;
  const data = await api("/search", { q: params.q, limit, offset });
  const at = (o) => "#/search" + query({ q: params.q, offset: o || "" });
  ctx.view(el("h1", {}, t("search_title"), " «", u(params.q || ""), "»"),
    el("p", { class: "muted", "data-testid": "search-total" }, data.total > data.items.length
      ? t("rows", { a: offset + 1, b: offset + data.items.length, n: data.total }) : `${fmt(data.total)} ${t("results")}`),
    el("ul", { class: "plain card" }, data.items.map((a) => el("li", { "data-testid": "search-hit" },
      el("a", { href: "#/article/" + enc(a.id), dir: "auto" }, a.title || a.id), " ",
      el("span", { class: "muted" }, dotted(u(a.outlet), dateNode(a.published))),
      snippetNode(a.snippet || { text: a.preview, start: 0, end: 0 })))),
    data.total > limit ? el("nav", { class: "pager" },
      offset > 0 ? el("a", { href: at(Math.max(0, offset - limit)) }, t("prev")) : "",
      offset + limit < data.total ? el("a", { href: at(offset + limit) }, t("next")) : "") : "");
}

function snippetNode(sn) {
  const marks = sn.end > sn.start ? [{ start: sn.start, end: sn.end, cls: "hl-hit" }] : [];
  const node = highlighted(sn.text || "", marks);
  node.classList.add("snippet");
  return node;
}

