// Every label the dashboard writes, in Arabic and English, and the names of the codes it shows
// (PLOVER types, statuses, modes, entity labels, countries, contradiction topics). Data from
// the database is never translated here: only our own words and the closed vocabularies.

const LABELS = {
  ar: {
    nav_map: "الخريطة", nav_events: "الأحداث", nav_stories: "القصص", nav_entities: "الفاعلون",
    search: "بحث", search_placeholder: "ابحث في المقالات…", lang_other: "English",
    map_title: "الأحداث على الخريطة", events_title: "جدول الأحداث", timeline_title: "الخط الزمني",
    stories_title: "القصص", entities_title: "الفاعلون والكيانات", search_title: "نتائج البحث عن",
    date_from: "من تاريخ", date_to: "إلى تاريخ", event_type: "نوع الحدث", status: "الحالة", country: "البلد",
    outlet: "المصدر", apply: "تطبيق", reset: "مسح", all: "الكل", filters: "التصفية",
    story: "القصة", article: "المقال", outlets: "المصادر", events: "الأحداث", quotes: "الاقتباسات",
    contradictions: "تناقضات بين المصادر", fatalities: "القتلى", none: "لا شيء", published: "تاريخ النشر",
    legend_event: "جملة الحدث", legend_quote: "اقتباس", legend_contra: "ادعاء متناقض", legend_entity: "كيان",
    entities: "الكيانات", places: "الأماكن", mentions: "مرات الذكر", articles: "المقالات", open_story: "القصة",
    open_article: "المقال", open_evidence: "جملة الحدث", speaker: "المتحدث", results: "نتيجة",
    loading: "جارٍ التحميل…", not_found: "غير موجود", error: "خطأ", events_over_time: "الأحداث عبر الزمن",
    first_seen: "أول ظهور", last_seen: "آخر ظهور", download: "تنزيل",
    show_evidence: "اعرض الجملة التي قُرئ منها الحدث", actor: "الفاعل", actor1: "الفاعل", actor2: "المستهدف",
    place: "المكان", date: "التاريخ", type: "النوع", mode: "الأسلوب", about: "حول", stories_of_article: "القصص",
    via: "عبر", incitement: "تحريض", label: "الفئة", quote: "الاقتباس", name: "الاسم",
    n_events: "عدد الأحداث: {n}", n_of_m_events: "{n} من {m} من الأحداث", on_map: "الأحداث على الخريطة: {n} من {m}",
    no_place: "{n} بلا مكان معروف", capped: "حُمّل أول {n} من {m} من الأحداث فقط؛ ضيّق التصفية لرؤية البقية",
    no_date: "{n} بلا تاريخ", rows: "{a}–{b} من {n}", first: "الأولى", prev: "السابقة", next: "التالية",
    last: "الأخيرة", per_page: "في الصفحة", sort_by: "ترتيب حسب", asc: "تصاعدي", desc: "تنازلي",
    more_in_table: "و{n} غيرها في الجدول", tl_occurred: "وقع (فوق الخط)",
    tl_said: "دعوة أو تهديد أو تخطيط أو نفي (تحت الخط، مخطط)", pick_bar: "اضغط على عمود لتصفية الخريطة بتاريخه ونوعه",
    downloads_filtered: "الملفات تتبع التصفية الحالية", downloads_whole: "قاعدة البيانات كاملة",
    these_events: "هذه الأحداث", status_legend_occurred: "وقع", status_legend_said: "دعوة أو تهديد (دائرة متقطعة)",
    remove_filter: "إزالة", not_occurred: "لم يقع (دعوة، تهديد، تخطيط، نفي)", q: "كلمات البحث", admin1: "المحافظة",
    read_as: "قُرئت الأسماء هكذا", kb_id: "المعرّف", fatalities_min: "القتلى (حد أدنى)", did_you_mean: "هل تقصد:", page_n: "الصفحة {n} من {m}", table_of: "الأحداث {a}–{b} من {n}",
  },
  en: {
    nav_map: "Map", nav_events: "Events", nav_stories: "Stories", nav_entities: "Actors",
    search: "Search", search_placeholder: "Search articles…", lang_other: "العربية",
    map_title: "Events on the map", events_title: "Events table", timeline_title: "Timeline",
    stories_title: "Stories", entities_title: "Actors and entities", search_title: "Search results for",
    date_from: "From", date_to: "To", event_type: "Event type", status: "Status", country: "Country",
    outlet: "Outlet", apply: "Apply", reset: "Clear", all: "All", filters: "Filters",
    story: "Story", article: "Article", outlets: "Outlets", events: "Events", quotes: "Quotes",
    contradictions: "Contradictions between sources", fatalities: "Fatalities", none: "none", published: "Published",
    legend_event: "event sentence", legend_quote: "quote", legend_contra: "contradicting claim", legend_entity: "entity",
    entities: "Entities", places: "Places", mentions: "Mentions", articles: "Articles", open_story: "Story",
    open_article: "Article", open_evidence: "Evidence", speaker: "Speaker", results: "results",
    loading: "Loading…", not_found: "Not found", error: "Error", events_over_time: "Events over time",
    first_seen: "First seen", last_seen: "Last seen", download: "Download",
    show_evidence: "show the sentence the event was read from", actor: "Actor", actor1: "Actor", actor2: "Target",
    place: "Place", date: "Date", type: "Type", mode: "Mode", about: "About", stories_of_article: "Stories",
    via: "Via", incitement: "Incitement", label: "Label", quote: "Quote", name: "Name",
    n_events: "{n} events", n_of_m_events: "{n} of {m} events", on_map: "On the map: {n} of {m} events",
    no_place: "{n} without a known place", capped: "Only the first {n} of {m} events are loaded; narrow the filters to see the rest",
    no_date: "{n} without a date", rows: "{a}–{b} of {n}", first: "First", prev: "Previous", next: "Next",
    last: "Last", per_page: "per page", sort_by: "Sort by", asc: "ascending", desc: "descending",
    more_in_table: "and {n} more in the table", tl_occurred: "occurred (above the line)",
    tl_said: "called for, threatened, planned or denied (below the line, hatched)", pick_bar: "Click a bar to filter by its date and type",
    downloads_filtered: "files follow the active filters", downloads_whole: "whole database",
    these_events: "these events", status_legend_occurred: "occurred", status_legend_said: "called for / threatened (dashed ring)",
    remove_filter: "remove", not_occurred: "not occurred (called, threatened, planned, denied)", q: "search words", admin1: "province",
    read_as: "names read as", kb_id: "KB id", fatalities_min: "Fatalities (at least)", did_you_mean: "Did you mean:", page_n: "page {n} of {m}", table_of: "Events {a}–{b} of {n}",
  },
};

const TYPE_NAMES = {
  ar: { ASSAULT: "هجوم", COERCE: "إكراه", THREATEN: "تهديد", MOBILIZE: "تعبئة", PROTEST: "احتجاج",
        SANCTION: "عقوبات", ACCUSE: "اتهام", REJECT: "رفض", REQUEST: "مطالبة", RETREAT: "انسحاب",
        AID: "مساعدات", COOPERATE: "تعاون", CONCEDE: "تنازل", SUPPORT: "دعم", CONSULT: "مشاورات",
        AGREE: "اتفاق", OTHER: "أخرى" },
  en: { ASSAULT: "Assault", COERCE: "Coerce", THREATEN: "Threaten", MOBILIZE: "Mobilize", PROTEST: "Protest",
        SANCTION: "Sanction", ACCUSE: "Accuse", REJECT: "Reject", REQUEST: "Request", RETREAT: "Retreat",
        AID: "Aid", COOPERATE: "Cooperate", CONCEDE: "Concede", SUPPORT: "Support", CONSULT: "Consult",
        AGREE: "Agree", OTHER: "Other" },
};
export const STATUSES = ["occurred", "called", "threatened", "planned", "denied", "hypothetical"];
const STATUS_NAMES = {
  ar: { occurred: "وقع", called: "دعوة إليه", threatened: "تهديد به", planned: "مخطط له", denied: "منفي",
        hypothetical: "افتراضي" },
  en: { occurred: "occurred", called: "called for", threatened: "threatened", planned: "planned", denied: "denied",
        hypothetical: "hypothetical" },
};
const MODE_NAMES = {
  ar: { aerial: "غارة جوية", drone: "طائرة مسيّرة", explosives: "متفجرات", "suicide-attack": "هجوم انتحاري",
        firearms: "أسلحة نارية", "heavy-weapons": "أسلحة ثقيلة", abduct: "خطف", targeted: "استهداف محدد",
        beat: "ضرب", chemical: "سلاح كيميائي", grenade: "قنبلة يدوية", arrest: "اعتقال", seize: "استيلاء",
        restrict: "تقييد", deport: "ترحيل", demonstrate: "تظاهر" },
  en: { aerial: "air strike", drone: "drone", explosives: "explosives", "suicide-attack": "suicide attack",
        firearms: "firearms", "heavy-weapons": "heavy weapons", abduct: "abduction", targeted: "targeted",
        beat: "beating", chemical: "chemical weapon", grenade: "grenade", arrest: "arrest", seize: "seizure",
        restrict: "restriction", deport: "deportation", demonstrate: "demonstration" },
};
const ENTITY_LABELS = {
  ar: { PER: "شخص", ORG: "منظمة", LOC: "موقع", GPE: "دولة أو مدينة", NORP: "جماعة", FAC: "منشأة", MISC: "أخرى" },
  en: { PER: "person", ORG: "organisation", LOC: "location", GPE: "country or city", NORP: "group",
        FAC: "facility", MISC: "other" },
};

export let LANG = localStorage.getItem("rasd-lang") === "en" ? "en" : "ar";
export function setLang(lang) {
  LANG = lang;
  localStorage.setItem("rasd-lang", lang);
}

// A label, with {name} placeholders filled from vars (numbers formatted for the language).
export function t(key, vars) {
  let s = (LABELS[LANG] && LABELS[LANG][key]) || LABELS.en[key] || key;
  for (const [k, v] of Object.entries(vars || {})) s = s.replaceAll(`{${k}}`, typeof v === "number" ? fmt(v) : v);
  return s;
}

// Latin digits in both languages: the dates in the data are ISO (2024-03-10), and mixing digit
// systems in one line reads worse than either.
const LOCALE = () => (LANG === "ar" ? "ar-u-nu-latn" : "en");
export const fmt = (n) => Number(n).toLocaleString(LOCALE());
export const typeName = (type) => TYPE_NAMES[LANG][type] || type;
export const statusName = (s) => STATUS_NAMES[LANG][s] || s;
export const modeName = (m) => MODE_NAMES[LANG][m] || m;
export const entityLabel = (l) => ENTITY_LABELS[LANG][l] || l;
export const collator = () => new Intl.Collator(LOCALE(), { numeric: true, sensitivity: "base" });

const regionNames = {};
export function countryName(code) {
  if (!code) return "";
  try {
    regionNames[LANG] = regionNames[LANG] || new Intl.DisplayNames([LOCALE()], { type: "region" });
    return regionNames[LANG].of(String(code).toUpperCase()) || code;
  } catch (e) {
    return code;  // not an ISO region code: show it as stored
  }
}

export function monthFormat(opts) {
  return new Intl.DateTimeFormat(LOCALE(), { timeZone: "UTC", ...opts });
}

// Contradiction topics are written in English by rasd.stories ("control of X", "fatalities of
// ASSAULT in X on D", "whether ASSAULT in X happened"): rebuilt here in the reader's language.
// Returns parts: our own words as strings, data (place names, unknown topics) as {data}.
export function aboutParts(about, kind) {
  const ar = LANG === "ar";
  const ev = (s) => {
    const m = /^([A-Z]+)(?: in (.+?))?(?: on (\S+))?$/.exec(s || "");
    if (!m) return [{ data: s }];
    const out = [typeName(m[1])];
    if (m[2]) out.push(ar ? "في" : "in", { data: m[2] });
    if (m[3]) out.push(ar ? "بتاريخ" : "on", { data: m[3] });
    return out;
  };
  let m;
  if ((m = /^control of (.+)$/.exec(about))) return [ar ? "السيطرة على" : "control of", { data: m[1] }];
  if ((m = /^fatalities of (.+)$/.exec(about))) return [ar ? "عدد قتلى" : "fatalities of", ...ev(m[1])];
  if ((m = /^whether (.+) happened$/.exec(about))) return ar ? ["هل وقع", ...ev(m[1])] : ["whether", ...ev(m[1]), "happened"];
  if (about === "fatalities") return [t("fatalities")];
  return [{ data: about }];
}
