// rasd dashboard: the router and the header. The views live in js/ (ES modules, loaded from
// our own origin only: the Content-Security-Policy allows no inline script and no other host).
import { el, query, u } from "./js/dom.js";
import { LANG, countryName, setLang, t } from "./js/i18n.js";
import { showEvents, showMap } from "./js/views-events.js";
import { showArticle, showEntities, showEntity, showSearch, showStories, showStory } from "./js/views.js";

// Each navigation gets a sequence number; a view still loading when the user moves on must not
// paint over the newer one.
let SEQ = 0;
class Stale extends Error {}
function context() {
  const seq = ++SEQ;
  return {
    check() { if (seq !== SEQ) throw new Stale("superseded"); },
    view(...nodes) {
      this.check();
      document.getElementById("view").replaceChildren(...nodes.flat().filter((n) => n !== "" && n !== null && n !== undefined));
    },
    current: () => seq === SEQ,
  };
}

function applyLang() {
  document.documentElement.lang = LANG;
  document.documentElement.dir = LANG === "ar" ? "rtl" : "ltr";
  for (const n of document.querySelectorAll("[data-i18n]")) n.textContent = t(n.dataset.i18n);
  for (const n of document.querySelectorAll("[data-i18n-placeholder]")) n.placeholder = t(n.dataset.i18nPlaceholder);
  for (const n of document.querySelectorAll("[data-i18n-label]")) n.setAttribute("aria-label", t(n.dataset.i18nLabel));
  const toggle = document.getElementById("lang-toggle");
  toggle.textContent = t("lang_other");
  toggle.lang = LANG === "ar" ? "en" : "ar";
  document.getElementById("menu").setAttribute("aria-label", t("nav_map"));
}

async function route() {
  const ctx = context();
  const [path, qs] = (location.hash.slice(1) || "/").split("?");
  const params = Object.fromEntries(new URLSearchParams(qs || ""));
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const section = "#/" + (parts[0] === "story" ? "stories" : parts[0] === "entity" ? "entities" : parts[0] || "");
  for (const a of document.querySelectorAll("#menu a")) a.classList.toggle("active", a.getAttribute("href") === section);
  delete document.body.dataset.ready;
  ctx.view(el("p", { class: "muted" }, t("loading")));
  try {
    if (!parts.length) await showMap(ctx, params);
    else if (parts[0] === "events") await showEvents(ctx, params);
    else if (parts[0] === "stories") await showStories(ctx);
    else if (parts[0] === "story") await showStory(ctx, parts[1]);
    else if (parts[0] === "article") await showArticle(ctx, parts[1], params);
    else if (parts[0] === "entities") await showEntities(ctx);
    else if (parts[0] === "entity") await showEntity(ctx, parts[1]);
    else if (parts[0] === "search") await showSearch(ctx, params);
    else ctx.view(el("p", {}, t("not_found")));
    if (ctx.current()) document.body.dataset.ready = location.hash || "#/";
  } catch (err) {
    if (err instanceof Stale || !ctx.current()) return;
    console.error(err);  // the stack, for whoever opens the console
    ctx.view(el("p", { class: "error", "data-testid": "error" }, t("error"), ": ", el("bdi", { dir: "auto" }, err.message || String(err))),
             didYouMean(err.info, path, params));
    document.body.dataset.ready = "error";
  }
}

// An unknown name in a filter comes back with the closest known names: each is a link to the
// same view with that name instead.
function didYouMean(info, path, params) {
  const sugg = info && info.param && Array.isArray(info.suggestions) ? info.suggestions : [];
  if (!sugg.length) return "";
  return el("p", { class: "suggestions", "data-testid": "did-you-mean" }, t("did_you_mean"), " ",
    sugg.map((x, i) => [i ? " · " : "", el("a", { href: "#" + path + query({ ...params, [info.param]: x.value }) },
                                             u(info.param === "country" ? countryName(x.value) : x.label || x.value))]));
}

document.getElementById("lang-toggle").addEventListener("click", () => {
  setLang(LANG === "ar" ? "en" : "ar");
  applyLang();
  route();
});
document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = document.getElementById("search-input").value.trim();
  if (q) location.hash = "#/search?q=" + encodeURIComponent(q);
});
window.addEventListener("hashchange", route);
applyLang();
route();
