// The filter form shared by the map and the table, the chips of filters set elsewhere (an
// actor, a place, a story), and download links that carry the active filters.
import { api, el, query, u } from "./dom.js";
import { STATUSES, countryName, fmt, statusName, t, typeName } from "./i18n.js";
import { TYPES, nameOf } from "./present.js";
import { FILTER_KEYS, NOT_OCCURRED, capabilities } from "./data.js";

const FORM_KEYS = ["date_from", "date_to", "event_type", "status", "country", "place", "actor", "outlet", "fatalities_min"];
const DATE = "\\d{4}(-\\d{2}(-\\d{2})?)?";

// A text filter whose choices come from GET /suggest as the user types (names in English or
// Arabic; the option's value is what the filter takes: an ISO code, a KB id, a geonameid).
// Until the first answer, the choices are the ones among the loaded events.
function suggestInput(name, value, local) {
  const list = el("datalist", { id: "dl-" + name }, local.map(([v, label]) => el("option", { value: v }, label)));
  const input = el("input", { name, id: "f-" + name, value: value || "", list: "dl-" + name, dir: "auto", autocomplete: "off",
                              "data-testid": "f-" + name });
  let timer = null, asked = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (!q || q === asked) return;
      asked = q;
      try {
        const r = await api("/suggest", { kind: name, q, limit: 10 });
        if (q !== input.value.trim()) return;                  // typed on meanwhile
        list.replaceChildren(...r.items.map((x) => el("option", { value: x.value }, suggestionLabel(name, x))));
      } catch (e) { /* no suggestions: the field still takes any name */ }
    }, 200);
  });
  return [input, list];
}

function suggestionLabel(kind, x) {
  const name = kind === "country" ? countryName(x.value) : x.label;
  const also = x.match && x.match !== x.label && x.match !== x.value && x.match !== name ? ` — ${x.match}` : "";
  return `${name}${also}` + (x.count ? ` (${fmt(x.count)})` : "");
}

// params: the current hash parameters; go(p): navigate with new filters (table state kept
// apart by the caller). events: the loaded events, for the first suggestions.
export function filterForm(params, go, events) {
  const input = (name, extra) => el("input", { name, id: "f-" + name, value: params[name] || "", "data-testid": "f-" + name,
                                               autocomplete: "off", ...extra });
  const select = (name, values, label) => el("select", { name, id: "f-" + name, "data-testid": "f-" + name },
    el("option", { value: "" }, t("all")),
    values.map((v) => el("option", { value: v, selected: params[name] === v ? "selected" : null }, label(v))));
  const field = (name, control) => el("label", { for: "f-" + name }, el("span", {}, t(name)), control);
  const distinct = (f) => [...new Map(events.map(f).filter((x) => x && x[0]).map((x) => [x[0], x])).values()].slice(0, 50);
  const countries = distinct((e) => e.place && e.place.country && [e.place.country, countryName(e.place.country)]);
  const outlets = distinct((e) => e.outlet && [e.outlet, e.outlet]);
  const actors = distinct((e) => e.actor1 && e.actor1.kb_id && [e.actor1.kb_id, nameOf(e.actor1)]);
  const places = distinct((e) => e.place && e.place.name_en && [e.place.name_en, nameOf(e.place)]);
  const form = el("form", { class: "filters card", "data-testid": "filters" },
    field("date_from", input("date_from", { dir: "ltr", inputmode: "numeric", placeholder: "YYYY-MM-DD", pattern: DATE })),
    field("date_to", input("date_to", { dir: "ltr", inputmode: "numeric", placeholder: "YYYY-MM-DD", pattern: DATE })),
    field("event_type", select("event_type", TYPES, typeName)),
    field("status", select("status", [...STATUSES, NOT_OCCURRED], (v) => (v === NOT_OCCURRED ? t("not_occurred") : statusName(v)))),
    field("country", suggestInput("country", params.country, countries)),
    field("place", suggestInput("place", params.place, places)),
    field("actor", suggestInput("actor", params.actor, actors)),
    field("outlet", suggestInput("outlet", params.outlet, outlets)),
    field("fatalities_min", input("fatalities_min", { type: "number", min: 0, dir: "ltr", inputmode: "numeric" })),
    el("div", { class: "buttons" }, el("button", { type: "submit", class: "primary", "data-testid": "f-apply" }, t("apply")),
       el("button", { type: "button", "data-testid": "f-reset", on: { click: () => go({}) } }, t("reset"))));
  // On a phone the form would fill the first screen: it folds away unless a filter is set.
  const active = FORM_KEYS.filter((k) => params[k]).length;
  const box = el("details", { class: "filters-box", "data-testid": "filters-box",
                              open: active || window.matchMedia("(min-width: 721px)").matches ? "" : null },
    el("summary", { "data-testid": "filters-toggle" }, t("filters"), active ? ` (${fmt(active)})` : ""), form);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const p = {};
    // Filters set outside the form (a story, search words) stay until their chip is removed.
    for (const k of FILTER_KEYS) if (!FORM_KEYS.includes(k) && params[k]) p[k] = params[k];
    for (const [k, v] of new FormData(form).entries()) if (v) p[k] = String(v).trim();
    go(p);
  });
  return box;
}

// How the server read each name filter ("سوريا" -> Syria), so a filter never silently means
// something else than what was typed.
export function resolvedLine(resolved) {
  const keys = Object.keys(resolved || {}).filter((k) => k !== "status" && k !== "event_type");
  if (!keys.length) return "";
  return el("p", { class: "muted resolved", "data-testid": "resolved" }, t("read_as"), ": ",
    keys.flatMap((k, i) => [i ? " · " : "", t(k), " ", u(resolved[k].query), " = ",
                            (resolved[k].matches || []).flatMap((m, j) => [j ? ", " : "", u(m)])]));
}

// The filters not in the form, each with a button that removes it.
export function filterChips(params, go) {
  const extra = FILTER_KEYS.filter((k) => !FORM_KEYS.includes(k) && params[k]);
  if (!extra.length) return "";
  return el("p", { class: "chips", "data-testid": "filter-chips" }, extra.map((k) => el("span", { class: "chip" },
    el("span", { class: "muted" }, t(k), ": "), u(params[k]), " ",
    el("button", { type: "button", class: "chip-x", title: t("remove_filter"), "aria-label": t("remove_filter"),
                   on: { click: () => { const p = { ...params }; delete p[k]; go(p); } } }, "×"))));
}

const FORMATS = [["events-csv", "CSV"], ["acled-csv", "ACLED CSV"], ["geojson", "GeoJSON"], ["plover-jsonl", "PLOVER JSONL"],
                 ["stories", "Stories JSON"], ["jsonl", "Articles JSONL"]];

// Download links. The server's exports get the active filters when the server takes them;
// where it does not, the links say they are the whole database and the events on screen can
// be saved as they are (CSV, GeoJSON) from the browser.
export async function downloads(filters, events) {
  const c = await capabilities();
  const box = el("div", { class: "downloads muted", "data-testid": "downloads" }, t("download"), ": ");
  const keys = Object.keys(filters);
  const filtered = keys.every((k) => c.exports.has(k));
  box.appendChild(el("span", { class: "links" }, FORMATS.map(([f, label]) =>
    el("a", { href: `/export/${f}` + (filtered ? query(filters) : ""), download: "", "data-format": f }, el("bdi", { dir: "ltr" }, label)))));
  if (filtered) {
    if (keys.length) box.appendChild(el("span", { "data-testid": "downloads-note" }, " (", t("downloads_filtered"), ")"));
    return box;
  }
  box.appendChild(el("span", { "data-testid": "downloads-note" }, " (", t("downloads_whole"), ") · ", t("these_events"), ": "));
  box.appendChild(el("span", { class: "links" },
    el("a", { href: blobUrl(eventsCsv(events), "text/csv"), download: "events.csv", "data-format": "events-csv" }, el("bdi", { dir: "ltr" }, "CSV")),
    el("a", { href: blobUrl(eventsGeojson(events), "application/geo+json"), download: "events.geojson", "data-format": "events-geojson" },
       el("bdi", { dir: "ltr" }, "GeoJSON"))));
  return box;
}

let lastBlobs = [];
function blobUrl(text, type) {
  const url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
  lastBlobs.push(url);
  if (lastBlobs.length > 8) URL.revokeObjectURL(lastBlobs.shift());
  return url;
}

const CSV_COLS = ["id", "date", "type", "mode", "status", "actor1", "actor1_en", "actor2", "actor2_en", "place", "place_en",
                  "country", "admin1", "lat", "lon", "fatalities", "outlet", "article", "evidence_start", "evidence_end"];
function eventsCsv(events) {
  const cell = (v) => { const s = v === null || v === undefined ? "" : String(v); return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s; };
  const row = (e) => [e.id, (e.date && e.date.value) || e.published, e.type, e.mode, e.status, e.actor1?.text, e.actor1?.name_en,
    e.actor2?.text, e.actor2?.name_en, e.place?.text, e.place?.name_en, e.place?.country, e.place?.admin1, e.place?.lat, e.place?.lon,
    e.fatalities, e.outlet, e.article, e.evidence?.start, e.evidence?.end];
  return "\ufeff" + [CSV_COLS, ...events.map(row)].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
function eventsGeojson(events) {
  const feats = events.filter((e) => e.place && e.place.lat !== null && e.place.lat !== undefined).map((e) => ({
    type: "Feature", geometry: { type: "Point", coordinates: [e.place.lon, e.place.lat] },
    properties: { id: e.id, type: e.type, mode: e.mode, status: e.status, date: (e.date && e.date.value) || e.published,
                  fatalities: e.fatalities, actor1: e.actor1, actor2: e.actor2, place: e.place.text, article: e.article } }));
  return JSON.stringify({ type: "FeatureCollection", features: feats });
}
