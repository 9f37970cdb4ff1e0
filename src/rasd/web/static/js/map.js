// The map & timeline view: every matching event (no page cap), one marker per place and
// kind (what occurred is a filled dot, what was only called for, threatened, planned or
// denied a dashed ring), markers clustered by Leaflet.markercluster, a popup per marker that
// opens each event's evidence sentence.
/* global L, topojson */
import { el, enc, query, u } from "./dom.js";
import { fmt, t, typeName } from "./i18n.js";
import { eventLine, nameOf, typeClass, typeColor } from "./present.js";
import { evidenceHref, isOccurred, loadEvents, storiesByArticle } from "./data.js";
import { timeline } from "./timeline.js";

let WORLD = null;
// Natural Earth borders (vendored world-atlas TopoJSON), converted once per page load.
function world() {
  if (!WORLD) {
    WORLD = fetch("/static/vendor/world-atlas/countries-50m.json").then((r) => r.json()).then((topo) => {
      const fc = topojson.feature(topo, topo.objects.countries);
      for (const f of fc.features) unwrapAntimeridian(f.geometry);
      return fc;
    });
  }
  return WORLD;
}
// Rings that cross the antimeridian (Russia, Fiji) would be drawn as a band across the whole
// map: shift their western longitudes by +360 so each ring stays contiguous.
function unwrapAntimeridian(g) {
  const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  for (const poly of polys) for (const ring of poly) {
    const lons = ring.map((c) => c[0]);
    if (Math.max(...lons) - Math.min(...lons) > 180) for (const c of ring) if (c[0] < 0) c[0] += 360;
  }
}

// A divIcon whose element is finished by decorate(node) through the CSSOM (the CSP forbids
// style attributes, so colours cannot travel in the icon's html).
const DecoratedIcon = L.DivIcon.extend({
  createIcon(old) {
    const node = L.DivIcon.prototype.createIcon.call(this, old);
    this.options.decorate(node);
    return node;
  },
});

const commonest = (counts) => Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
const sizeOf = (n) => Math.round(Math.min(34, 14 + 4 * Math.log2(n)));

function markerFor(group, popup) {
  const said = !isOccurred(group[0]);
  const counts = {};
  for (const ev of group) counts[typeClass(ev.type)] = (counts[typeClass(ev.type)] || 0) + 1;
  const main = commonest(counts), size = sizeOf(group.length);
  const icon = new DecoratedIcon({
    className: `ev-marker ${said ? "said" : "occurred"} ev-${main}`, html: "", iconSize: [size, size],
    decorate: (n) => {
      n.style.setProperty("--c", typeColor(main));
      n.dataset.events = group.map((ev) => ev.id).join(" ");
      n.dataset.count = group.length;
      n.dataset.status = said ? "said" : "occurred";
      n.textContent = group.length > 1 ? String(group.length) : "";
    },
  });
  const p = group[0].place;
  const m = L.marker([p.lat, p.lon], { icon, title: `${nameOf(p)} (${group.length})`, riseOnHover: true });
  m.rasd = { events: group.length, occurred: said ? 0 : group.length, counts, ids: group.map((ev) => ev.id) };
  m.bindPopup(() => popup(group), { maxHeight: 340, maxWidth: 320, minWidth: 200 });
  return m;
}

function clusterIcon(cluster) {
  let events = 0, occurred = 0;
  const counts = {};
  for (const m of cluster.getAllChildMarkers()) {
    events += m.rasd.events;
    occurred += m.rasd.occurred;
    for (const [k, n] of Object.entries(m.rasd.counts)) counts[k] = (counts[k] || 0) + n;
  }
  const kind = occurred === events ? "occurred" : occurred === 0 ? "said" : "mixed";
  const size = sizeOf(events) + 8;
  return new DecoratedIcon({
    className: `ev-cluster ${kind}`, html: "", iconSize: [size, size],
    decorate: (n) => {
      n.style.setProperty("--c", typeColor(commonest(counts)));
      n.dataset.count = events;
      n.dataset.occurred = occurred;
      n.title = t("n_of_m_events", { n: occurred, m: events }) + ` (${t("status_legend_occurred")})`;
      n.textContent = fmt(events);
    },
  });
}

const POPUP_MAX = 25;
let LIVE = null;
function popupFor(storyOf, filters) {
  return (group) => el("div", { class: "popup-ev", "data-testid": "popup" },
    group.slice(0, POPUP_MAX).map((ev) => el("div", { class: "popup-item", "data-event": ev.id },
      el("div", {}, eventLine(ev)),
      el("div", { class: "muted" }, u(ev.outlet), ev.outlet && ev.title ? " · " : "", u(ev.title)),
      el("div", { class: "popup-links" },
        el("a", { href: evidenceHref(ev), "data-testid": "popup-evidence", title: t("show_evidence") }, t("open_evidence")),
        (storyOf[ev.article] || []).map((s) => el("a", { href: "#/story/" + enc(s.id), "data-testid": "popup-story" },
                                                   t("open_story"), ": ", u(s.title || s.id)))))),
    group.length > POPUP_MAX ? el("p", { class: "muted" }, el("a", {
      href: "#/events" + query({ ...filters, place: group[0].place.name_en || group[0].place.text }), "data-testid": "popup-more" },
      t("more_in_table", { n: group.length - POPUP_MAX }))) : "");
}

export function statusKey() {
  return el("div", { class: "legend status-key" },
    el("span", {}, el("span", { class: "dot occurred" }), t("status_legend_occurred")),
    el("span", {}, el("span", { class: "dot said" }), t("status_legend_said")));
}

// Draws the map into mapDiv and the timeline into tlDiv; returns what the count line needs.
// onPick(range, type): a timeline bar was clicked; focus: an event id whose marker is zoomed
// to (out of its cluster) and opened; filters: the active ones, for the popup's table link.
export async function drawMap(mapDiv, legendBox, tlDiv, data, { onPick, focus, filters }) {
  // No tile layer sets a zoom range, and the clusterer needs one: borders hold up to about 12.
  // The previous view's map lives on in Leaflet's window listeners until it is removed.
  if (LIVE) LIVE.remove();
  const map = L.map(mapDiv, { worldCopyJump: true, attributionControl: true, minZoom: 2, maxZoom: 12 }).setView([33.5, 40], 5);
  LIVE = map;
  map.attributionControl.setPrefix("Leaflet · Natural Earth");
  const [borders, storyOf] = await Promise.all([world(), storiesByArticle().catch(() => ({}))]);
  L.geoJSON(borders, { style: { color: "#777", weight: 1, fillColor: "#f3efe4", fillOpacity: 1 }, interactive: false }).addTo(map);
  // One marker per place and kind: occurred and called-for events at the same town are two
  // markers, so a call never makes a place look attacked.
  const groups = new Map();
  let located = 0;
  for (const ev of data.items) {
    if (!ev.place || ev.place.lat === null || ev.place.lat === undefined) continue;
    located += 1;
    const key = `${ev.place.lat},${ev.place.lon},${isOccurred(ev)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(ev);
  }
  const cluster = L.markerClusterGroup({ iconCreateFunction: clusterIcon, maxClusterRadius: 45, showCoverageOnHover: false,
                                         spiderfyOnMaxZoom: true });
  const popup = popupFor(storyOf, filters);
  const markers = [...groups.values()].map((g) => markerFor(g, popup));
  // The view is fixed before the clusters are made, so they are made once, at the final zoom.
  if (markers.length) map.fitBounds(markers.map((m) => m.getLatLng()), { maxZoom: 7, padding: [30, 30], animate: false });
  cluster.addLayers(markers);
  map.addLayer(cluster);
  const target = focus && markers.find((m) => m.rasd.ids.includes(focus));
  // The view is ready once the popup is open and the map has stopped panning to show it.
  if (target) await new Promise((done) => cluster.zoomToShowLayer(target, () => {
    map.once("moveend", () => setTimeout(done, 50));
    target.openPopup();
    setTimeout(done, 600);               // no pan was needed: no moveend comes
  }));
  const present = {};
  for (const ev of data.items) present[typeClass(ev.type)] = (present[typeClass(ev.type)] || 0) + 1;
  legendBox.replaceChildren(...Object.keys(present).sort((a, b) => present[b] - present[a]).map((x) =>
    el("span", { "data-type": x }, el("span", { class: "swatch", style: { "--c": typeColor(x) } }), `${typeName(x)} (${fmt(present[x])})`)));
  timeline(tlDiv, data.items, onPick);
  return { map, located };
}

