// What the dashboard reads from the API: every matching event (paged through, never silently
// cut), and which filters each endpoint accepts (read from the server's OpenAPI schema, so the
// dashboard filters on the server whatever the server can filter, and in the browser the rest).
import { api } from "./dom.js";

export const PAGE = 500;        // the API's largest page
export const EVENT_CAP = 10000; // the most events one view loads (20 pages); beyond it the view says so
// Filters the dashboard understands; table state (sort, page, size) and ev are not filters.
export const FILTER_KEYS = ["q", "date_from", "date_to", "event_type", "status", "country", "admin1", "place",
                            "actor", "outlet", "fatalities_min", "story"];

let caps = null;
export function capabilities() {
  if (!caps) {
    caps = api("/openapi.json").then((spec) => {
      const names = (path) => new Set((((spec.paths || {})[path] || {}).get || {}).parameters?.filter((p) => p.in === "query")
        .map((p) => p.name) || []);
      return { events: names("/events"), exports: names("/export/{fmt}") };
    }).catch(() => ({ events: new Set(FILTER_KEYS.filter((k) => k !== "status")), exports: new Set() }));
  }
  return caps;
}

export function filtersOf(params) {
  const out = {};
  for (const k of FILTER_KEYS) if (params[k]) out[k] = params[k];
  return out;
}

// The events the filters match, and how many there are. Cached per filter set: sorting and
// paging the table, or switching between map and table, reads them again without a request.
const cache = new Map();
export function loadEvents(filters) {
  const key = JSON.stringify(Object.entries(filters).sort());
  if (!cache.has(key)) {
    const p = fetchEvents(filters);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    if (cache.size > 4) cache.delete(cache.keys().next().value);
  }
  return cache.get(key);
}

async function fetchEvents(filters) {
  const c = await capabilities();
  const server = {}, local = {};
  for (const [k, v] of Object.entries(filters)) (c.events.has(k) ? server : local)[k] = v;
  let { items, total, capped, resolved } = await loadAll("/events", server, EVENT_CAP);
  // A filter the server does not know yet (status on an older API) is applied here.
  if (local.status) {
    const want = new Set(local.status.split(","));
    items = items.filter((e) => want.has(e.status));
    total = items.length;
  }
  return { items, total, capped, resolved: resolved || {} };
}

// Every item of a listing, page by page (four requests at a time), up to cap.
export async function loadAll(path, params, cap) {
  const first = await api(path, { ...params, limit: PAGE, offset: 0 });
  const want = Math.min(first.total, cap);
  const offsets = [];
  for (let o = PAGE; o < want; o += PAGE) offsets.push(o);
  const pages = await inBatches(offsets, 4, (o) => api(path, { ...params, limit: Math.min(PAGE, want - o), offset: o }));
  return { items: first.items.concat(...pages.map((p) => p.items)), total: first.total, capped: first.total > want,
           resolved: first.resolved };
}

async function inBatches(xs, n, fn) {
  const out = [];
  for (let i = 0; i < xs.length; i += n) out.push(...await Promise.all(xs.slice(i, i + n).map(fn)));
  return out;
}

let storyIndex = null;
// article id -> stories it belongs to (for the links in map popups and the table).
export function storiesByArticle() {
  if (!storyIndex) {
    storyIndex = loadAll("/stories", {}, EVENT_CAP).then((data) => {
      const of = {};
      for (const s of data.items) for (const a of s.articles) (of[a] = of[a] || []).push(s);
      return of;
    });
    storyIndex.catch(() => { storyIndex = null; });
  }
  return storyIndex;
}

export const eventDate = (ev) => (ev.date && ev.date.value) || ev.published || "";
export const isOccurred = (ev) => ev.status === "occurred";
// The status filter's "everything that did not (yet) happen" choice, as the API's list syntax.
export const NOT_OCCURRED = "called,threatened,planned,denied,hypothetical";
export function eventIndex(ev) {
  const i = String(ev.id || "").lastIndexOf(":");
  return i < 0 ? "" : ev.id.slice(i + 1);
}
export const evidenceHref = (ev) => `#/article/${encodeURIComponent(ev.article)}?ev=${eventIndex(ev)}`;
