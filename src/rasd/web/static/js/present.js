// How one event, actor, place or highlighted text is drawn, the same in every view.
import { el, u } from "./dom.js";
import { LANG, fmt, modeName, statusName, t, typeName } from "./i18n.js";
import { eventDate, isOccurred } from "./data.js";

// PLOVER's sixteen event types, violent ones in warm colours, cooperative ones in greens.
export const TYPE_COLORS = {
  ASSAULT: "#c0392b", COERCE: "#7b241c", THREATEN: "#e67e22", MOBILIZE: "#b7950b", PROTEST: "#2980b9",
  SANCTION: "#8e44ad", ACCUSE: "#34495e", REJECT: "#5d6d7e", REQUEST: "#148f77", RETREAT: "#7f8c8d",
  AID: "#27ae60", COOPERATE: "#229954", CONCEDE: "#58a66f", SUPPORT: "#3e9e62", CONSULT: "#1f9e8a",
  AGREE: "#1e8449", OTHER: "#616a6b",
};
export const TYPES = Object.keys(TYPE_COLORS).filter((x) => x !== "OTHER");
export const typeClass = (type) => (TYPES.includes(type) ? type : "OTHER");
export const typeColor = (type) => TYPE_COLORS[typeClass(type)];

// The name in the reader's language where we have one; the other spelling in the tooltip.
export function nameOf(x) {
  if (!x) return "";
  return (LANG === "en" && x.name_en) || x.text || x.name_en || "";
}
export function named(x, attrs) {
  if (!x) return "";
  const other = LANG === "en" ? x.text : x.name_en;
  const shown = nameOf(x);
  return u(shown, "bdi", { title: other && other !== shown ? other : null, ...(attrs || {}) });
}

// A date (or a range "a – b") kept left to right and on one line in either layout.
export const dateNode = (v) => (v ? el("span", { dir: "ltr", class: "date" }, v) : "");

export function typePill(ev) {
  return el("span", { class: "pill type" + (isOccurred(ev) ? "" : " said"), style: { "--c": typeColor(ev.type) },
                      title: ev.type, "data-type": ev.type }, typeName(ev.type));
}
export function statusPill(status) {
  return el("span", { class: `pill status st-${status}` + (status === "occurred" ? "" : " said"), "data-status": status },
            statusName(status));
}

// actor1 → actor2. Arrows are not mirrored by the bidi algorithm: in a right-to-left line the
// first actor stands on the right, so the arrow that points from it to the second is ←.
export const arrow = () => (LANG === "ar" ? " ← " : " → ");
export function actorsNode(ev) {
  if (!ev.actor1 && !ev.actor2) return "";
  return el("span", { class: "actors" }, ev.actor1 ? named(ev.actor1, { class: "actor1" }) : "?",
            ev.actor2 ? [arrow(), named(ev.actor2, { class: "actor2" })] : "");
}

export function eventLine(ev) {
  const when = eventDate(ev);
  return el("span", { class: "event-line" + (isOccurred(ev) ? "" : " said") },
    typePill(ev), ev.mode ? el("span", { class: "pill" }, modeName(ev.mode)) : "", statusPill(ev.status), " ",
    actorsNode(ev), ev.place ? [" · ", named(ev.place, { class: "place" })] : "",
    when ? [" · ", dateNode(when)] : "",
    ev.fatalities ? [" · ", el("span", { class: "fat" }, `☠ ${fmt(ev.fatalities)}`)] : "");
}

// marks: [{start, end, cls, title}]. The text is cut at every mark boundary; each piece is a
// text node, wrapped in a <mark> carrying the classes of every mark that covers it.
export function highlighted(text, marks) {
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(Math.max(0, m.start)); cuts.add(Math.min(text.length, m.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = el("div", { class: "article-text", dir: "auto" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const piece = text.slice(s, e);
    const on = marks.filter((m) => m.start <= s && m.end >= e && m.end > m.start);
    if (!on.length) { out.appendChild(document.createTextNode(piece)); continue; }
    const classes = [...new Set(on.map((m) => m.cls))].join(" ");
    const title = on.map((m) => m.title).filter(Boolean).join(" · ");
    const evs = on.map((m) => m.ev).filter((x) => x !== undefined);
    out.appendChild(el("mark", { class: classes, title: title || null, "data-start": s, "data-end": e,
                                 "data-ev": evs.length ? evs.join(" ") : null }, piece));
  }
  return out;
}

export function articleMarks(art, story) {
  const marks = [];
  (art.events || []).forEach((ev, i) => {
    marks.push({ start: ev.evidence.start, end: ev.evidence.end, cls: "hl-event" + (ev.status === "occurred" ? "" : " hl-said"),
                 ev: i, title: `${typeName(ev.type)}${ev.mode ? " / " + modeName(ev.mode) : ""} (${statusName(ev.status)})` });
  });
  for (const q of art.quotes || []) {
    marks.push({ start: q.start, end: q.end, cls: "hl-quote", title: q.speaker ? nameOf(q.speaker) : t("quote") });
  }
  for (const en of art.entities || []) marks.push({ start: en.start, end: en.end, cls: "hl-entity", title: nameOf(en) });
  for (const c of (story && story.contradictions) || []) {
    for (const cl of c.claims) if (cl.article === art.id) marks.push({ start: cl.start, end: cl.end, cls: "hl-contra", title: c.about });
  }
  return marks;
}

export function legend() {
  return el("div", { class: "legend" },
    ["event", "quote", "contra", "entity"].map((k) => el("span", {}, el("mark", { class: "hl-" + k }, t("legend_" + k)))));
}
