// The timeline: a stacked bar chart on a real time axis (a gap of two years is two years
// wide), events that occurred above the line and the ones only called for, threatened,
// planned or denied below it, hatched, so a call never adds to what happened. Drawn at the
// container's pixel width (text is never stretched) and redrawn when that width changes; tick
// and fatality labels that would overlap are dropped.
import { el, svgEl } from "./dom.js";
import { fmt, monthFormat, statusName, t, typeName } from "./i18n.js";
import { TYPES, typeClass, typeColor } from "./present.js";
import { eventDate, isOccurred } from "./data.js";

const DAY = 864e5;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const ymd = (ms) => { const d = new Date(ms); return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()]; };

// A date value (YYYY, YYYY-MM or YYYY-MM-DD) -> the UTC time of its first day.
export function parseDate(v) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(v || "");
  return m ? Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1) : null;
}

const UNITS = {
  day: { floor: (x) => x, next: (x) => x + DAY, key: iso },
  week: { floor: (x) => x - ((new Date(x).getUTCDay() + 6) % 7) * DAY, next: (x) => x + 7 * DAY, key: iso },
  month: { floor: (x) => { const [y, m] = ymd(x); return Date.UTC(y, m, 1); },
           next: (x) => { const [y, m] = ymd(x); return Date.UTC(y, m + 1, 1); }, key: (x) => iso(x).slice(0, 7) },
  year: { floor: (x) => Date.UTC(ymd(x)[0], 0, 1), next: (x) => Date.UTC(ymd(x)[0] + 1, 0, 1), key: (x) => iso(x).slice(0, 4) },
};

// Bars of a day for up to three months, of a week up to a year and a half, of a month up to
// twenty years, else of a year: never more than about 250 bars.
function pickUnit(span) {
  const days = span / DAY;
  return days <= 92 ? "day" : days <= 550 ? "week" : days <= 7300 ? "month" : "year";
}

// Events -> {unit, bins: [{start, end, key, from, to, cells: [{type, said, events, fatalities}]}], undated}.
export function binEvents(events) {
  const dated = [], undated = [];
  for (const ev of events) {
    const v = eventDate(ev);
    const ms = parseDate(v);
    (ms === null ? undated : dated).push({ ev, v, ms });
  }
  if (!dated.length) return { unit: "day", bins: [], undated: undated.length };
  const lo = Math.min(...dated.map((d) => d.ms)), hi = Math.max(...dated.map((d) => d.ms));
  const unit = pickUnit(hi - lo), U = UNITS[unit];
  const bins = new Map();
  for (const { ev, v, ms } of dated) {
    const start = U.floor(ms);
    let b = bins.get(start);
    if (!b) {
      b = { start, end: U.next(start), key: U.key(start), values: new Set(), cells: new Map() };
      bins.set(start, b);
    }
    b.values.add(v);
    const said = !isOccurred(ev);
    const ck = `${typeClass(ev.type)}|${said}`;
    const c = b.cells.get(ck) || { type: typeClass(ev.type), said, events: 0, fatalities: 0, statuses: {} };
    c.events += 1;
    c.fatalities += said ? 0 : ev.fatalities || 0;
    c.statuses[ev.status] = (c.statuses[ev.status] || 0) + 1;
    b.cells.set(ck, c);
  }
  const out = [...bins.values()].sort((a, b) => a.start - b.start).map((b) => {
    // The filter range of a bar: from its first day to its last, stretched to take in a
    // coarser date filed under it (a month-only 2017-05 sits in the bar of 1 May 2017).
    const last = unit === "day" ? b.key : unit === "week" ? iso(b.end - DAY) : b.key;
    const vals = [...b.values, b.key, last].sort();
    const cells = [...b.cells.values()].sort((x, y) => TYPES.indexOf(x.type) - TYPES.indexOf(y.type));
    return { start: b.start, end: b.end, key: b.key, from: vals[0], to: vals[vals.length - 1], cells };
  });
  return { unit, bins: out, undated: undated.length };
}

// Tick steps, finest first: [unit of the step, how many of it].
const STEPS = [["day", 1], ["day", 2], ["week", 1], ["week", 2], ["month", 1], ["month", 2], ["month", 3],
               ["month", 6], ["year", 1], ["year", 2], ["year", 5], ["year", 10], ["year", 20], ["year", 50]];
const STEP_DAYS = { day: 1, week: 7, month: 30.4, year: 365.25 };

function ticks(t0, t1, width) {
  const span = (t1 - t0) / DAY;
  const [unit, n] = STEPS.find(([u, k]) => width / (span / (STEP_DAYS[u] * k)) >= 72) || STEPS[STEPS.length - 1];
  const out = [];
  let x = UNITS[unit].floor(t0);
  if (unit === "year") x = Date.UTC(Math.floor(ymd(x)[0] / n) * n, 0, 1);
  if (unit === "month") { const [y, m] = ymd(x); x = Date.UTC(y, Math.floor(m / n) * n, 1); }
  while (x <= t1) {
    if (x >= t0) out.push(x);
    for (let i = 0; i < n; i++) x = UNITS[unit].next(x);
  }
  const f = unit === "year" ? monthFormat({ year: "numeric" })
    : unit === "month" ? monthFormat({ month: "short", year: "numeric" })
    : monthFormat({ day: "numeric", month: "short" });
  return out.map((ms) => ({ ms, label: f.format(new Date(ms)) }));
}

// Draw events into container; onPick({from, to}, type, said) is called when a bar is clicked.
export function timeline(container, events, onPick) {
  const data = binEvents(events);
  container.classList.add("timeline");
  const chart = el("div", { class: "chart" });
  const notes = el("p", { class: "muted tl-notes" },
    el("span", { class: "tl-key occurred" }, t("tl_occurred")), " ",
    el("span", { class: "tl-key said" }, t("tl_said")),
    data.undated ? [" · ", el("span", { "data-testid": "undated" }, t("no_date", { n: data.undated }))] : "",
    onPick && data.bins.length ? [" · ", t("pick_bar")] : "");
  container.replaceChildren(chart, notes);
  let width = 0;
  const draw = () => {
    const w = Math.floor(chart.clientWidth);
    if (!w || w === width) return;
    width = w;
    chart.replaceChildren(svgChart(data, w, onPick));
    prune(chart.querySelectorAll("text.tick"));
    prune(chart.querySelectorAll("text.fat"));
  };
  const ro = new ResizeObserver(() => (container.isConnected ? draw() : ro.disconnect()));
  ro.observe(chart);
  if (container.isConnected) draw();
  return container;
}

let UID = 0;
function svgChart({ unit, bins }, W, onPick) {
  const H = W < 500 ? 200 : 230, M = { l: 30, r: 10, t: 18, b: 22 };
  const svg = svgEl("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, direction: "ltr", "data-unit": unit,
                             role: "img", "aria-label": t("timeline_title") });
  if (!bins.length) {
    svg.appendChild(svgEl("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "tick" }, t("none")));
    return svg;
  }
  const t0 = bins[0].start, t1 = bins[bins.length - 1].end;
  const x = (ms) => M.l + ((ms - t0) / (t1 - t0)) * (W - M.l - M.r);
  const sum = (b, said) => b.cells.filter((c) => c.said === said).reduce((s, c) => s + c.events, 0);
  const up = Math.max(0, ...bins.map((b) => sum(b, false))), down = Math.max(0, ...bins.map((b) => sum(b, true)));
  // One scale for both sides: a bar of calls is as tall as a bar of as many attacks.
  const plot = H - M.t - M.b - 12;
  const k = plot / Math.max(1, up + down);
  const axis = M.t + 12 + up * k;
  const uid = ++UID;
  const defs = svgEl("defs");
  for (const type of new Set(bins.flatMap((b) => b.cells.filter((c) => c.said).map((c) => c.type)))) {
    const p = svgEl("pattern", { id: `hatch-${uid}-${type}`, patternUnits: "userSpaceOnUse", width: 6, height: 6,
                                 patternTransform: "rotate(45)" });
    p.append(svgEl("rect", { width: 6, height: 6, fill: "#fff" }), svgEl("rect", { width: 3, height: 6, fill: typeColor(type) }));
    defs.appendChild(p);
  }
  svg.appendChild(defs);
  if (up) svg.appendChild(svgEl("text", { x: 2, y: M.t + 20, class: "ylab" }, fmt(up)));
  if (down) svg.appendChild(svgEl("text", { x: 2, y: axis + down * k, class: "ylab" }, fmt(down)));
  for (const b of bins) {
    const x0 = x(b.start), bw = Math.max(1, x(b.end) - x0 - (x(b.end) - x0 > 4 ? 1 : 0));
    let yUp = axis, yDown = axis, fat = 0;
    for (const c of b.cells) {
      const h = c.events * k;
      const r = svgEl("rect", { x: x0, y: c.said ? yDown : yUp - h, width: bw, height: h,
                                fill: c.said ? `url(#hatch-${uid}-${c.type})` : typeColor(c.type),
                                stroke: c.said ? typeColor(c.type) : null, "stroke-width": c.said ? 0.6 : null,
                                class: "bar " + (c.said ? "said" : "occurred"), "data-date": b.key, "data-from": b.from,
                                "data-to": b.to, "data-type": c.type, "data-count": c.events, "data-start": b.start });
      if (c.said) yDown += h; else { yUp -= h; fat += c.fatalities; }
      const how = Object.entries(c.statuses).map(([s, n]) => `${statusName(s)} ${fmt(n)}`).join(", ");
      r.appendChild(svgEl("title", {}, `${b.key} · ${typeName(c.type)} · ${how}` +
                                       (c.said ? "" : ` (${fmt(c.fatalities)} ${t("fatalities")})`)));
      if (onPick) {
        r.classList.add("pick");
        r.addEventListener("click", () => onPick({ from: b.from, to: b.to }, c.type, c.said));
      }
      svg.appendChild(r);
    }
    if (fat) svg.appendChild(svgEl("text", { x: x0 + bw / 2, y: yUp - 3, "text-anchor": "middle", class: "fat" }, `☠ ${fmt(fat)}`));
  }
  svg.appendChild(svgEl("line", { x1: M.l, x2: W - M.r, y1: axis, y2: axis, class: "axis" }));
  for (const tk of ticks(t0, t1, W - M.l - M.r)) {
    svg.appendChild(svgEl("line", { x1: x(tk.ms), x2: x(tk.ms), y1: H - M.b, y2: H - M.b + 4, class: "axis" }));
    svg.appendChild(svgEl("text", { x: x(tk.ms), y: H - 5, "text-anchor": "middle", class: "tick", "data-ms": tk.ms }, tk.label));
  }
  return svg;
}

// Drop every label that overlaps one kept before it (or runs off the chart).
function prune(nodes) {
  const kept = [];
  for (const n of nodes) {
    const b = n.getBBox();
    const w = n.ownerSVGElement.width.baseVal.value;
    if (b.x < 0 || b.x + b.width > w || kept.some((k) => b.x < k.x + k.width + 4 && k.x < b.x + b.width + 4 &&
                                                       b.y < k.y + k.height && k.y < b.y + b.height)) n.remove();
    else kept.push(b);
  }
}
