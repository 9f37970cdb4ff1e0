// The events table: every matching event, sortable by any column, in pages. The rows are
// sorted and cut in the browser over the loaded events (all of them, or the first EVENT_CAP
// with a notice), so a sort is over everything that matches, not over one page.
import { el, query, u } from "./dom.js";
import { collator, countryName, fmt, modeName, statusName, t, typeName } from "./i18n.js";
import { dateNode, named, nameOf, statusPill, typePill } from "./present.js";
import { eventDate, evidenceHref, isOccurred } from "./data.js";

export const SIZES = [25, 50, 100, 200];
const num = (v) => (v === null || v === undefined ? null : Number(v));
// column -> [label key, sort value of an event, cell]
const COLUMNS = {
  date: ["date", (e) => eventDate(e) || null, (e) => dateNode(eventDate(e))],
  type: ["type", (e) => typeName(e.type), (e) => [typePill(e), e.mode ? el("span", { class: "muted" }, " ", modeName(e.mode)) : ""]],
  status: ["status", (e) => statusName(e.status), (e) => statusPill(e.status)],
  actor1: ["actor1", (e) => nameOf(e.actor1) || null, (e) => named(e.actor1)],
  actor2: ["actor2", (e) => nameOf(e.actor2) || null, (e) => named(e.actor2)],
  place: ["place", (e) => nameOf(e.place) || null, (e) => named(e.place)],
  country: ["country", (e) => (e.place && countryName(e.place.country)) || null, (e) => (e.place ? countryName(e.place.country) : "")],
  fatalities: ["fatalities", (e) => num(e.fatalities), (e) => (e.fatalities === null || e.fatalities === undefined ? "" : fmt(e.fatalities))],
  outlet: ["outlet", (e) => e.outlet || null, (e) => u(e.outlet)],
};

export function sortEvents(items, key, dir) {
  const [, value] = COLUMNS[key] || COLUMNS.date;
  const cmp = collator().compare;
  const sign = dir === "asc" ? 1 : -1;
  // Empty values go last whichever the direction; ties keep the API's order (date, article).
  return items.map((e, i) => [value(e), i, e]).sort((a, b) => {
    if (a[0] === null || b[0] === null) return (a[0] === null) - (b[0] === null) || a[1] - b[1];
    const c = typeof a[0] === "number" ? a[0] - b[0] : cmp(a[0], b[0]);
    return sign * c || a[1] - b[1];
  }).map((x) => x[2]);
}

// state: {sort, dir, page, size}; onState(newState) redraws.
const located = (ev) => ev.place && ev.place.lat !== null && ev.place.lat !== undefined;

// state: {sort, dir, page, size}; onState(newState) redraws; filters go into the map links.
export function eventsTable(data, state, onState, filters) {
  const { sort = "date", dir = "desc" } = state;
  const size = SIZES.includes(Number(state.size)) ? Number(state.size) : 50;
  const rows = sortEvents(data.items, sort, dir);
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const page = Math.min(pages, Math.max(1, Number(state.page) || 1));
  const slice = rows.slice((page - 1) * size, page * size);
  const set = (patch) => onState({ sort, dir, page, size, ...patch });
  const head = Object.entries(COLUMNS).map(([key, [label]]) => {
    const on = key === sort;
    return el("th", { "aria-sort": on ? (dir === "asc" ? "ascending" : "descending") : "none", scope: "col" },
      el("button", { type: "button", class: "sort" + (on ? " on" : ""), "data-sort": key, "data-testid": "sort-" + key,
                     on: { click: () => set({ sort: key, dir: on && dir === "desc" ? "asc" : on ? "desc" : key === "date" || key === "fatalities" ? "desc" : "asc", page: 1 }) } },
         t(label), on ? (dir === "asc" ? " ▲" : " ▼") : ""));
  });
  const table = el("table", { class: "events rtable", "data-testid": "events-table" },
    el("thead", {}, el("tr", {}, head, el("th", { scope: "col" }, t("open_evidence")))),
    el("tbody", {}, slice.map((ev) => el("tr", { class: "event-row" + (isOccurred(ev) ? "" : " said"), "data-testid": "event-row",
                                                 "data-event": ev.id, "data-status": ev.status },
      Object.entries(COLUMNS).map(([key, [label, , cell]]) => el("td", { "data-label": t(label), class: "c-" + key }, cell(ev))),
      el("td", { class: "c-evidence", "data-label": "" }, el("a", { href: evidenceHref(ev), "data-testid": "row-evidence", title: t("show_evidence") },
                                           t("open_evidence")),
         located(ev) ? [" · ", el("a", { href: "#/" + query({ ...filters, focus: ev.id }), "data-testid": "row-map" }, t("nav_map"))] : "")))));
  const a = rows.length ? (page - 1) * size + 1 : 0, b = Math.min(rows.length, page * size);
  const controls = el("div", { class: "table-controls" },
    el("label", {}, t("sort_by"), " ", el("select", { "data-testid": "sort-select", on: { change: (e) => set({ sort: e.target.value, page: 1 }) } },
      Object.entries(COLUMNS).map(([key, [label]]) => el("option", { value: key, selected: key === sort ? "selected" : null }, t(label))))),
    el("button", { type: "button", "data-testid": "sort-dir", on: { click: () => set({ dir: dir === "asc" ? "desc" : "asc", page: 1 }) } },
       dir === "asc" ? `▲ ${t("asc")}` : `▼ ${t("desc")}`),
    el("label", {}, el("select", { "data-testid": "page-size", on: { change: (e) => set({ size: Number(e.target.value), page: 1 }) } },
      SIZES.map((n) => el("option", { value: n, selected: n === size ? "selected" : null }, fmt(n)))), " ", t("per_page")));
  const pager = el("nav", { class: "pager", "aria-label": t("page_n", { n: page, m: pages }) },
    el("button", { type: "button", "data-testid": "page-first", disabled: page <= 1 ? "" : null, on: { click: () => set({ page: 1 }) } }, t("first")),
    el("button", { type: "button", "data-testid": "page-prev", disabled: page <= 1 ? "" : null, on: { click: () => set({ page: page - 1 }) } }, t("prev")),
    el("span", { class: "muted", "data-testid": "page-info" }, t("page_n", { n: page, m: pages })),
    el("button", { type: "button", "data-testid": "page-next", disabled: page >= pages ? "" : null, on: { click: () => set({ page: page + 1 }) } }, t("next")),
    el("button", { type: "button", "data-testid": "page-last", disabled: page >= pages ? "" : null, on: { click: () => set({ page: pages }) } }, t("last")));
  return el("div", { class: "events-table" },
    el("p", { class: "muted", "data-testid": "table-range" }, t("table_of", { a, b, n: rows.length })),
    controls, el("div", { class: "table-wrap" }, table), pager);
}

