// The two views over the filtered events: the map with its timeline (#/) and the table (#/events).
import { el, query } from "./dom.js";
import { t } from "./i18n.js";
import { filtersOf, loadEvents } from "./data.js";
import { downloads, filterChips, filterForm, resolvedLine } from "./filters.js";
import { drawMap, statusKey } from "./map.js";
import { eventsTable } from "./table.js";

const TABLE_KEYS = ["sort", "dir", "page", "size"];

function countLine(data, located) {
  const bits = [];
  if (located !== undefined) {
    bits.push(el("span", { "data-testid": "map-count" }, t("on_map", { n: located, m: data.items.length })));
    if (data.items.length > located) bits.push(" · ", t("no_place", { n: data.items.length - located }));
  } else bits.push(t("n_events", { n: data.total }));
  if (data.capped) bits.push(el("strong", { class: "capped", "data-testid": "capped" }, " · ", t("capped", { n: data.items.length, m: data.total })));
  return el("p", { class: "count", "data-testid": "event-count" }, bits);
}

export async function showMap(ctx, params) {
  const filters = filtersOf(params);
  const data = await loadEvents(filters);
  const go = (p) => { location.hash = "#/" + query(p); };
  const mapDiv = el("div", { id: "map", "data-testid": "map" });
  const legendBox = el("div", { class: "legend", "data-testid": "type-legend" });
  const tl = el("div", { class: "timeline", "data-testid": "timeline" });
  const count = el("div");
  const dl = el("div");
  ctx.view(el("div", { class: "view-head" }, el("h1", {}, t("map_title")),
                el("a", { href: "#/events" + query(filters), class: "switch", "data-testid": "to-table" }, t("events_title"))),
           filterForm(params, go, data.items), filterChips(params, go), resolvedLine(data.resolved), count, legendBox,
           statusKey(), mapDiv,
           el("h2", {}, t("timeline_title")), tl, dl);
  const { located } = await drawMap(mapDiv, legendBox, tl, data, {
    onPick: (range, type) => go({ ...filters, date_from: range.from, date_to: range.to, event_type: type }),
    focus: params.focus, filters });
  ctx.check();
  count.replaceWith(countLine(data, located));
  dl.replaceWith(await downloads(filters, data.items));
}

export async function showEvents(ctx, params) {
  const filters = filtersOf(params);
  const data = await loadEvents(filters);
  const state = Object.fromEntries(TABLE_KEYS.filter((k) => params[k]).map((k) => [k, params[k]]));
  const go = (p) => { location.hash = "#/events" + query({ ...p, sort: state.sort, dir: state.dir, size: state.size }); };
  const box = el("div", { "data-testid": "table-box" });
  // Sorting and paging redraw the table only, and note the state in the address (replaceState
  // fires no hashchange, so the view is not rebuilt and the events are not fetched again).
  const draw = (s) => {
    Object.assign(state, s);
    box.replaceChildren(eventsTable(data, state, draw, filters));
    history.replaceState(null, "", "#/events" + query({ ...filters, ...state }));
    document.body.dataset.ready = location.hash;
  };
  ctx.view(el("div", { class: "view-head" }, el("h1", {}, t("events_title")),
                el("a", { href: "#/" + query(filters), class: "switch", "data-testid": "to-map" }, t("map_title"))),
           filterForm(params, go, data.items), filterChips(params, go), resolvedLine(data.resolved),
           data.capped ? countLine(data) : "", box,
           await downloads(filters, data.items));
  box.replaceChildren(eventsTable(data, state, draw, filters));
}

