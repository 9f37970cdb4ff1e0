// rasd dashboard: map, timeline, stories side by side, entity pages, search.
// Every text that comes from the database is untrusted: it only ever reaches the page through
// textContent / createTextNode (the el() helper), never through innerHTML.
"use strict";

const I18N = {
  ar: {
    nav_map: "الخريطة والخط الزمني", nav_stories: "القصص", nav_entities: "الفاعلون", search: "بحث",
    search_placeholder: "ابحث في المقالات…", map_title: "الأحداث على الخريطة", timeline_title: "الخط الزمني: الأحداث يومياً حسب النوع (والقتلى)",
    stories_title: "القصص", entities_title: "الفاعلون والكيانات", search_title: "نتائج البحث عن",
    date_from: "من", date_to: "إلى", event_type: "نوع الحدث", country: "البلد", outlet: "المصدر", apply: "تطبيق", all: "الكل",
    story: "القصة", article: "المقال", outlets: "المصادر", events: "الأحداث", quotes: "الاقتباسات",
    contradictions: "تناقضات بين المصادر", fatalities: "قتلى", none: "لا شيء", published: "تاريخ النشر",
    legend_event: "دليل حدث", legend_quote: "اقتباس", legend_contra: "ادعاء متناقض", legend_entity: "كيان",
    entities: "الكيانات", places: "الأماكن", mentions: "ذكر", articles: "مقالات", open_story: "فتح القصة",
    open_article: "فتح المقال", speaker: "المتحدث", status: "الحالة", results: "نتيجة", loading: "جارٍ التحميل…",
    not_found: "غير موجود", error: "خطأ", events_over_time: "الأحداث عبر الزمن", first_seen: "أول ظهور", last_seen: "آخر ظهور",
    map_shows: "الخريطة تعرض أول", download: "تنزيل", show_evidence: "اعرض الجملة التي قُرئ منها الحدث", actor: "الفاعل", place: "المكان", date: "التاريخ", type: "النوع", about: "حول", stories_of_article: "القصص",
  },
  en: {
    nav_map: "Map & timeline", nav_stories: "Stories", nav_entities: "Actors", search: "Search",
    search_placeholder: "Search articles…", map_title: "Events on the map", timeline_title: "Timeline: events per day by type (and fatalities)",
    stories_title: "Stories", entities_title: "Actors and entities", search_title: "Search results for",
    date_from: "From", date_to: "To", event_type: "Event type", country: "Country", outlet: "Outlet", apply: "Apply", all: "All",
    story: "Story", article: "Article", outlets: "Outlets", events: "Events", quotes: "Quotes",
    contradictions: "Contradictions between sources", fatalities: "fatalities", none: "none", published: "Published",
    legend_event: "event evidence", legend_quote: "quote", legend_contra: "contradicting claim", legend_entity: "entity",
    entities: "Entities", places: "Places", mentions: "mentions", articles: "articles", open_story: "Open story",
    open_article: "Open article", speaker: "Speaker", status: "Status", results: "results", loading: "Loading…",
    not_found: "Not found", error: "Error", events_over_time: "Events over time", first_seen: "First seen", last_seen: "Last seen",
    map_shows: "the map shows the first", download: "Download", show_evidence: "show the sentence the event was read from", actor: "Actor", place: "Place", date: "Date", type: "Type", about: "About", stories_of_article: "Stories",
  },
};
// PLOVER's sixteen event types, violent ones in warm colours, cooperative ones in greens.
const TYPE_COLORS = {
  ASSAULT: "#c0392b", COERCE: "#7b241c", THREATEN: "#e67e22", MOBILIZE: "#d4ac0d", PROTEST: "#2980b9",
  SANCTION: "#8e44ad", ACCUSE: "#34495e", REJECT: "#5d6d7e", REQUEST: "#1abc9c", RETREAT: "#95a5a6",
  AID: "#27ae60", COOPERATE: "#229954", CONCEDE: "#7dcea0", SUPPORT: "#52be80", CONSULT: "#48c9b0",
  AGREE: "#1e8449", OTHER: "#616a6b",
};
const TYPES = Object.keys(TYPE_COLORS).filter((x) => x !== "OTHER");

let LANG = localStorage.getItem("rasd-lang") || "ar";
const t = (k) => (I18N[LANG] && I18N[LANG][k]) || I18N.en[k] || k;

// -- DOM helpers (text only) ------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (k === "href") node.setAttribute("href", safeHref(v));
    // Through the CSSOM: the Content-Security-Policy (style-src 'self') blocks style attributes.
    else if (k === "style") node.style.cssText = String(v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}
// Only our own hash routes and http(s) links become hrefs.
function safeHref(v) {
  const s = String(v);
  return s.startsWith("#") || /^\/[a-z]/.test(s) || /^https?:\/\//i.test(s) ? s : "#";
}
const typeClass = (type) => (TYPES.includes(type) ? type : "OTHER");
const typeColor = (type) => TYPE_COLORS[typeClass(type)];
const enc = encodeURIComponent;

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") qs.set(k, v);
  const url = path + (qs.toString() ? "?" + qs : "");
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  if (!r.ok) {
    let msg = r.statusText;
    try { msg = (await r.json()).detail; } catch (e) { /* keep status text */ }
    throw new Error(`${r.status}: ${typeof msg === "string" ? msg : JSON.stringify(msg)}`);
  }
  return r.json();
}

// Each navigation gets a sequence number; a view still loading when the user moves on must not
// paint over the newer one.
let SEQ = 0;
class Stale extends Error {}
function view(ctx, ...nodes) {
  if (ctx.seq !== SEQ) throw new Stale("superseded");
  const main = document.getElementById("view");
  main.replaceChildren(...nodes);
  return main;
}

function applyLang() {
  document.documentElement.lang = LANG;
  document.documentElement.dir = LANG === "ar" ? "rtl" : "ltr";
  for (const n of document.querySelectorAll("[data-i18n]")) n.textContent = t(n.dataset.i18n);
  for (const n of document.querySelectorAll("[data-i18n-placeholder]")) n.placeholder = t(n.dataset.i18nPlaceholder);
  document.getElementById("lang-toggle").textContent = LANG === "ar" ? "English" : "العربية";
}

// -- highlighted text -------------------------------------------------------------------------
// marks: [{start, end, cls, title}]. The text is cut at every mark boundary; each piece is a
// text node, wrapped in a <mark> carrying the classes of every mark that covers it.
function highlighted(text, marks) {
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(Math.max(0, m.start)); cuts.add(Math.min(text.length, m.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = el("div", { class: "article-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const piece = text.slice(s, e);
    const on = marks.filter((m) => m.start <= s && m.end >= e && m.end > m.start);
    if (!on.length) { out.appendChild(document.createTextNode(piece)); continue; }
    const classes = [...new Set(on.map((m) => m.cls))].join(" ");
    const title = on.map((m) => m.title).filter(Boolean).join(" · ");
    out.appendChild(el("mark", { class: classes, title: title || null, "data-start": s, "data-end": e }, piece));
  }
  return out;
}

function articleMarks(art, story) {
  const marks = [];
  for (const ev of art.events || []) {
    marks.push({ start: ev.evidence.start, end: ev.evidence.end, cls: "hl-event",
                 title: `${ev.type}${ev.mode ? "/" + ev.mode : ""} (${ev.status})` });
  }
  for (const q of art.quotes || []) {
    marks.push({ start: q.start, end: q.end, cls: "hl-quote", title: q.speaker ? q.speaker.text : t("quotes") });
  }
  for (const en of art.entities || []) marks.push({ start: en.start, end: en.end, cls: "hl-entity", title: en.label });
  for (const c of (story && story.contradictions) || []) {
    for (const cl of c.claims) if (cl.article === art.id) marks.push({ start: cl.start, end: cl.end, cls: "hl-contra", title: c.about });
  }
  return marks;
}

function legend() {
  return el("div", { class: "legend" },
    ["event", "quote", "contra"].map((k) => el("span", {}, el("mark", { class: "hl-" + k }, t("legend_" + k)))),
    el("span", {}, el("mark", { class: "hl-entity" }, t("legend_entity"))));
}

function eventLine(ev) {
  const bits = [el("span", { class: "pill type", style: `background:${typeColor(ev.type)}` }, ev.type)];
  if (ev.mode) bits.push(el("span", { class: "pill" }, ev.mode));
  bits.push(el("span", { class: "pill" }, ev.status));
  const who = [ev.actor1, ev.actor2].filter(Boolean).map((a) => (LANG === "en" && a.name_en) || a.text).join(" ← ");
  const where = ev.place ? (LANG === "en" && ev.place.name_en) || ev.place.text : "";
  const when = (ev.date && ev.date.value) || ev.published || "";
  return el("span", {}, bits, " ", who, where ? ` · ${where}` : "", when ? ` · ${when}` : "",
            ev.fatalities ? ` · ${ev.fatalities} ${t("fatalities")}` : "");
}

// -- map + timeline ---------------------------------------------------------------------------
let WORLD = null;
async function world() {
  if (!WORLD) {
    const topo = await (await fetch("/static/vendor/world-atlas/countries-50m.json")).json();
    WORLD = topojson.feature(topo, topo.objects.countries);
    for (const f of WORLD.features) if (f.geometry) unwrapAntimeridian(f.geometry);
  }
  return WORLD;
}
// Rings that cross ±180° (Fiji, Chukotka) would be drawn as lines across the whole map:
// move their western half east by 360° so each ring stays in one piece.
function unwrapAntimeridian(g) {
  const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  for (const poly of polys) for (const ring of poly) {
    const lons = ring.map((c) => c[0]);
    if (Math.max(...lons) - Math.min(...lons) > 180) for (const c of ring) if (c[0] < 0) c[0] += 360;
  }
}

function filterForm(params, onApply) {
  const input = (name, type) => el("input", { name, type: type || "text", value: params[name] || "", "data-testid": "f-" + name });
  const sel = el("select", { name: "event_type", "data-testid": "f-event_type" }, el("option", { value: "" }, t("all")),
    TYPES.map((x) => el("option", { value: x, selected: params.event_type === x ? "selected" : null }, x)));
  const form = el("form", { class: "filters card" },
    el("label", {}, t("date_from"), input("date_from", "date")), el("label", {}, t("date_to"), input("date_to", "date")),
    el("label", {}, t("event_type"), sel), el("label", {}, t("country"), input("country")),
    el("label", {}, t("outlet"), input("outlet")), el("button", { type: "submit" }, t("apply")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const p = {};
    for (const [k, v] of new FormData(form).entries()) if (v) p[k] = v;
    onApply(p);
  });
  return form;
}

async function showMap(ctx, params) {
  const mapDiv = el("div", { id: "map", "data-testid": "map" });
  const legendBox = el("div", { class: "legend", "data-testid": "type-legend" });
  const tl = el("div", { class: "timeline", "data-testid": "timeline" });
  view(ctx, el("h1", {}, t("map_title")),
       filterForm(params, (p) => { location.hash = "#/?" + new URLSearchParams(p); }),
       legendBox,
       mapDiv, el("h2", {}, t("timeline_title")), tl);
  const map = L.map(mapDiv, { worldCopyJump: true, attributionControl: true }).setView([33.5, 40], 5);
  map.attributionControl.setPrefix("Leaflet · Natural Earth");
  L.geoJSON(await world(), { style: { color: "#777", weight: 1, fillColor: "#f3efe4", fillOpacity: 1 },
                             interactive: false }).addTo(map);
  const [evs, tline, stories] = await Promise.all([
    api("/events", { ...params, limit: 500 }), api("/timeline", params), api("/stories", { limit: 500 })]);
  const storyOf = {};
  for (const s of stories.items) for (const a of s.articles) (storyOf[a] = storyOf[a] || []).push(s);
  // Events at the same point share one marker (sized by count, coloured by the commonest
  // type); its popup lists them all.
  const groups = new Map();
  for (const ev of evs.items) {
    if (!ev.place || ev.place.lat === null || ev.place.lat === undefined) continue;
    const key = `${ev.place.lat},${ev.place.lon}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(ev);
  }
  // The legend lists the types present, commonest first.
  const present = {};
  for (const ev of evs.items) present[ev.type] = (present[ev.type] || 0) + 1;
  legendBox.replaceChildren(...Object.keys(present).sort((x, y) => present[y] - present[x]).map((x) =>
    el("span", {}, el("span", { class: "swatch", style: `background:${typeColor(x)}` }), `${x} (${present[x]})`)));
  const pts = [];
  for (const group of groups.values()) {
    const { lat, lon } = group[0].place;
    const counts = {};
    for (const ev of group) counts[ev.type] = (counts[ev.type] || 0) + 1;
    const main = Object.keys(counts).sort((x, y) => counts[y] - counts[x])[0];
    const size = Math.min(30, 12 + 4 * Math.log2(group.length));
    const icon = L.divIcon({ className: "ev-marker ev-" + typeClass(main), html: "", iconSize: [size, size] });
    const m = L.marker([lat, lon], { icon, title: `${group[0].place.name_en || group[0].place.text} (${group.length})`, riseOnHover: true });
    m.on("add", () => {
      const n = m.getElement();
      if (!n) return;
      n.style.background = typeColor(main);
      n.style.width = n.style.height = `${size}px`;
      n.dataset.events = group.map((ev) => ev.id).join(" ");
      if (group.length > 1) n.textContent = String(group.length);
    });
    const pop = el("div", { class: "popup-ev", "data-testid": "popup" }, group.map((ev) => el("div", { class: "popup-item" },
      el("div", {}, eventLine(ev)),
      el("div", { class: "muted" }, ev.outlet || "", " · ", ev.title || ""),
      (storyOf[ev.article] || []).map((s) => el("a", { href: "#/story/" + enc(s.id), "data-testid": "popup-story" }, t("open_story"), ": ", s.title || s.id)),
      el("a", { href: "#/article/" + enc(ev.article), "data-testid": "popup-article" }, t("open_article")))));
    m.bindPopup(pop, { maxHeight: 320 });
    m.addTo(map);
    pts.push([lat, lon]);
  }
  if (pts.length) map.fitBounds(pts, { maxZoom: 7, padding: [40, 40] });
  // Clicking a bar narrows map and timeline to that day (month, year) and type.
  tl.appendChild(timelineSvg(tline.items, (d, type) => {
    location.hash = "#/?" + new URLSearchParams({ ...params, date_from: d, date_to: d, event_type: type });
  }));
  const shown = evs.items.length;
  tl.appendChild(el("p", { class: "muted downloads" }, t("download"), ": ",
    [["geojson", "GeoJSON"], ["acled-csv", "ACLED CSV"], ["plover-jsonl", "PLOVER JSONL"], ["stories", "Stories JSON"],
     ["jsonl", "Articles JSONL"]].map(([f, label]) => el("a", { href: "/export/" + f, download: "" }, label))));
  tl.appendChild(el("p", { class: "muted", "data-testid": "event-count" }, `${evs.total} ${t("events")}`,
    shown < evs.total ? ` (${t("map_shows")} ${shown})` : ""));
}

// onPick(date, type), when given, is called when a bar is clicked.
function timelineSvg(items, onPick) {
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  const days = [...new Set(items.map((i) => i.date))].sort();
  const W = 1000, H = 180, pad = 28;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("direction", "ltr");
  const mk = (tag, attrs, text) => {
    const n = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
    if (text !== undefined) n.textContent = text;
    svg.appendChild(n);
    return n;
  };
  if (!days.length) { mk("text", { x: W / 2, y: H / 2 }, t("none")); return svg; }
  const perDay = days.map((d) => items.filter((i) => i.date === d));
  const maxN = Math.max(1, ...perDay.map((xs) => xs.reduce((s, x) => s + x.events, 0)));
  const bw = Math.min(60, (W - 2 * pad) / days.length * 0.7);
  days.forEach((d, i) => {
    const x = pad + (i + 0.5) * (W - 2 * pad) / days.length - bw / 2;
    let y = H - pad;
    let fat = 0;
    for (const cell of perDay[i]) {
      const h = (cell.events / maxN) * (H - 2 * pad - 14);
      y -= h;
      const r = mk("rect", { x, y, width: bw, height: h, fill: typeColor(cell.type), "data-date": d, "data-type": cell.type });
      if (onPick) {
        r.style.cursor = "pointer";
        r.addEventListener("click", () => onPick(d, cell.type));
      }
      const tip = document.createElementNS(NS, "title");
      tip.textContent = `${d} ${cell.type}: ${cell.events} (${cell.fatalities} ${t("fatalities")})`;
      r.appendChild(tip);
      fat += cell.fatalities;
    }
    mk("text", { x: x + bw / 2, y: H - pad + 14, "text-anchor": "middle" }, d);
    if (fat) mk("text", { x: x + bw / 2, y: y - 3, "text-anchor": "middle", class: "fat" }, `☠ ${fat}`);
  });
  mk("line", { x1: pad, x2: W - pad, y1: H - pad, y2: H - pad, stroke: "#999" });
  return svg;
}

// -- stories ----------------------------------------------------------------------------------
async function showStories(ctx) {
  const data = await api("/stories", { limit: 500 });
  view(ctx, el("h1", {}, t("stories_title")),
       el("ul", { class: "plain card" }, data.items.map((s) => el("li", {},
         el("a", { href: "#/story/" + enc(s.id), "data-testid": "story-link" }, s.title || s.id), " ",
         el("span", { class: "muted" }, [s.first_published, s.outlets.filter(Boolean).join("، "),
           `${s.articles.length} ${t("articles")}`, `${s.events.length} ${t("events")}`,
           s.contradictions.length ? `${s.contradictions.length} ${t("contradictions")}` : ""].filter(Boolean).join(" · "))))));
}

async function showStory(ctx, id) {
  const story = await api("/stories/" + enc(id));
  const arts = await Promise.all(story.articles.map((a) => api("/articles/" + enc(a)).catch(() => null)));
  const contra = el("div", { class: "card", "data-testid": "contradictions" }, el("h2", {}, t("contradictions")),
    story.contradictions.length ? story.contradictions.map((c) => el("div", {},
      el("strong", {}, c.about),
      c.claims.map((cl) => el("div", { class: "contra-claim" }, el("mark", { class: "hl-contra" }, cl.text),
        el("span", { class: "muted" }, " — ", (arts.find((a) => a && a.id === cl.article) || {}).outlet || cl.article,
           cl.speaker ? ` (${cl.speaker})` : ""))))) : el("p", { class: "muted" }, t("none")));
  const evs = el("div", { class: "card" }, el("h2", {}, t("events")),
    el("ul", { class: "plain" }, story.events.map((ev) => el("li", {
      class: "clickable", "data-testid": "story-event", title: t("show_evidence"),
      on: { click: () => showEvidence(ev) } }, eventLine(ev),
      el("span", { class: "muted" }, ` (${(ev.sources || []).length} ${t("articles")})`)))));
  const cols = el("div", { class: "columns", "data-testid": "story-columns" }, arts.filter(Boolean).map((a) =>
    el("article", { class: "card", "data-testid": "story-article", "data-article": a.id },
      el("div", { class: "muted" }, a.outlet || "", " · ", a.published || ""),
      el("h2", {}, el("a", { href: "#/article/" + enc(a.id), "data-testid": "article-link" }, a.title || a.id)),
      highlighted(a.text, articleMarks(a, story)))));
  view(ctx, el("h1", { "data-testid": "story-title" }, t("story"), ": ", story.title || story.id),
       el("p", { class: "muted" }, [[story.first_published, story.last_published].filter(Boolean).join(" – "),
         story.outlets.filter(Boolean).join("، ")].filter(Boolean).join(" · ")),
       legend(), contra, evs, cols);
}

// Scroll to an event's evidence sentence in the first source article's column and flash it.
function showEvidence(ev) {
  const src = (ev.sources || [])[0];
  const col = src && document.querySelector(`[data-testid=story-article][data-article="${CSS.escape(src)}"]`);
  if (!col) return;
  const marks = [...col.querySelectorAll("mark.hl-event")].filter((m) =>
    Number(m.dataset.start) >= ev.evidence.start && Number(m.dataset.end) <= ev.evidence.end);
  for (const m of document.querySelectorAll("mark.flash")) m.classList.remove("flash");
  for (const m of marks) m.classList.add("flash");
  if (marks.length) marks[0].scrollIntoView({ behavior: "smooth", block: "center" });
}

// -- article ----------------------------------------------------------------------------------
async function showArticle(ctx, id) {
  const a = await api("/articles/" + enc(id));
  const stories = await Promise.all((a.stories || []).map((s) => api("/stories/" + enc(s)).catch(() => null)));
  const story = stories.find(Boolean);
  const table = (head, rows) => el("table", {}, el("tr", {}, head.map((h) => el("th", {}, h))),
                                    rows.map((r) => el("tr", {}, r.map((c) => el("td", {}, c)))));
  view(ctx, el("div", { class: "muted" }, a.outlet || "", " · ", a.published || "",
          a.url ? [" · ", el("a", { href: a.url, rel: "noopener noreferrer" }, a.url)] : ""),
       el("h1", { "data-testid": "article-title" }, a.title || a.id),
       stories.filter(Boolean).length ? el("p", {}, t("stories_of_article"), ": ",
         stories.filter(Boolean).map((s) => el("a", { href: "#/story/" + enc(s.id) }, s.title || s.id, " "))) : "",
       legend(),
       el("div", { class: "card", "data-testid": "article-body" }, highlighted(a.text, articleMarks(a, story))),
       el("h2", {}, t("events")), table([t("type"), t("actor"), t("place"), t("date"), t("fatalities")],
         a.events.map((e) => [e.type + (e.mode ? "/" + e.mode : ""), e.actor1 ? e.actor1.text : "", e.place ? e.place.text : "",
                              e.date ? e.date.value : "", e.fatalities ?? ""])),
       el("h2", {}, t("quotes")), table([t("speaker"), t("quotes")],
         a.quotes.map((q) => [q.speaker ? q.speaker.text : "", q.text])),
       el("h2", {}, t("entities")), table([t("entities"), t("type"), "kb_id"],
         a.entities.map((e) => [e.text, e.label, e.kb_id ? el("a", { href: "#/entity/" + enc(e.kb_id) }, e.kb_id) : ""])));
}

// -- entities ---------------------------------------------------------------------------------
async function showEntities(ctx) {
  const data = await api("/entities", { limit: 500 });
  view(ctx, el("h1", {}, t("entities_title")), el("div", { class: "card" },
    el("table", {}, el("tr", {}, [t("entities"), t("type"), t("mentions"), t("articles"), t("first_seen"), t("last_seen")].map((h) => el("th", {}, h))),
      data.items.map((e) => el("tr", {},
        el("td", {}, el("a", { href: "#/entity/" + enc(e.id), "data-testid": "entity-link" }, (LANG === "en" && e.name_en) || e.names[0] || e.id),
           e.name_en && LANG === "ar" ? el("span", { class: "muted" }, " ", e.name_en) : ""),
        el("td", {}, e.label), el("td", {}, e.mentions), el("td", {}, e.articles),
        el("td", {}, e.first_seen || ""), el("td", {}, e.last_seen || ""))))));
}

async function showEntity(ctx, id) {
  const e = await api("/entities/" + enc(id));
  const items = [...e.events.map((x) => ({ when: (x.date && x.date.value) || x.published, kind: "event", x })),
                 ...e.quotes.map((x) => ({ when: x.published, kind: "quote", x }))]
    .sort((a, b) => String(a.when).localeCompare(String(b.when)));
  const counts = {};
  for (const ev of e.events) {
    const d = (ev.date && ev.date.value) || ev.published;
    const k = d + "|" + ev.type;
    counts[k] = counts[k] || { date: d, type: ev.type, events: 0, fatalities: 0 };
    counts[k].events += 1; counts[k].fatalities += ev.fatalities || 0;
  }
  view(ctx, el("h1", { "data-testid": "entity-title" }, (LANG === "en" && e.name_en) || e.names[0] || e.id),
       el("p", { class: "muted" }, `${e.label} · ${e.kb_id || ""} · ${e.mentions} ${t("mentions")} · ${e.articles} ${t("articles")} · ${e.names.join("، ")}`),
       el("h2", {}, t("events_over_time")), el("div", { class: "timeline" }, timelineSvg(Object.values(counts))),
       el("ul", { class: "plain card", "data-testid": "entity-items" }, items.map((it) => el("li", {},
         el("span", { class: "muted" }, it.when || "", " "),
         it.kind === "event" ? eventLine(it.x) : [el("mark", { class: "hl-quote" }, it.x.text), " ", el("span", { class: "muted" }, it.x.outlet || "")],
         " ", el("a", { href: "#/article/" + enc(it.x.article) }, t("open_article"))))));
}

// -- search -----------------------------------------------------------------------------------
async function showSearch(ctx, params) {
  const data = await api("/search", { q: params.q, limit: 100 });
  view(ctx, el("h1", {}, t("search_title"), " «", params.q || "", "»"),
       el("p", { class: "muted", "data-testid": "search-total" }, `${data.total} ${t("results")}`),
       el("ul", { class: "plain card" }, data.items.map((a) => el("li", { "data-testid": "search-hit" },
         el("a", { href: "#/article/" + enc(a.id) }, a.title || a.id), " ",
         el("span", { class: "muted" }, `${a.outlet || ""} · ${a.published || ""}`),
         snippetNode(a.snippet || { text: a.preview, start: 0, end: 0 })))));
}

function snippetNode(sn) {
  const marks = sn.end > sn.start ? [{ start: sn.start, end: sn.end, cls: "hl-hit" }] : [];
  const node = highlighted(sn.text, marks);
  node.classList.add("snippet");
  return node;
}

// -- router -----------------------------------------------------------------------------------
async function route() {
  const ctx = { seq: ++SEQ };
  const [path, query] = (location.hash.slice(1) || "/").split("?");
  const params = Object.fromEntries(new URLSearchParams(query || ""));
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.getAttribute("href") === "#" + (path || "/"));
  delete document.body.dataset.ready;
  view(ctx, el("p", { class: "muted" }, t("loading")));
  try {
    if (!parts.length) await showMap(ctx, params);
    else if (parts[0] === "stories") await showStories(ctx);
    else if (parts[0] === "story") await showStory(ctx, parts[1]);
    else if (parts[0] === "article") await showArticle(ctx, parts[1]);
    else if (parts[0] === "entities") await showEntities(ctx);
    else if (parts[0] === "entity") await showEntity(ctx, parts[1]);
    else if (parts[0] === "search") await showSearch(ctx, params);
    else view(ctx, el("p", {}, t("not_found")));
    if (ctx.seq === SEQ) document.body.dataset.ready = location.hash || "#/";
  } catch (err) {
    if (err instanceof Stale || ctx.seq !== SEQ) return;
    view(ctx, el("p", { class: "error", "data-testid": "error" }, t("error"), ": ", err.message));
    document.body.dataset.ready = "error";
  }
}

document.getElementById("lang-toggle").addEventListener("click", () => {
  LANG = LANG === "ar" ? "en" : "ar";
  localStorage.setItem("rasd-lang", LANG);
  applyLang();
  route();
});
document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = document.getElementById("search-input").value.trim();
  if (q) location.hash = "#/search?q=" + enc(q);
});
window.addEventListener("hashchange", route);
applyLang();
route();
