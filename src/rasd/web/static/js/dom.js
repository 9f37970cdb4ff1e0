// DOM and fetch helpers. Every text that comes from the database is untrusted: it only ever
// reaches the page through textContent / createTextNode (el), never through innerHTML.

export const SVG_NS = "http://www.w3.org/2000/svg";

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false || c === "") continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function svgEl(tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (k === "href") node.setAttribute("href", safeHref(v));
    // Through the CSSOM: the Content-Security-Policy (style-src 'self') blocks style attributes.
    else if (k === "style") for (const [p, val] of Object.entries(v)) node.style.setProperty(p, String(val));
    else node.setAttribute(k, String(v));
  }
}

// User text (titles, names, outlets, article text) in an element of its own direction, so an
// Arabic title in the English layout (or a Latin name in the Arabic one) lays out by its own
// script: full stops at the right end, the start of the line where it belongs.
export function u(text, tag, attrs) {
  if (text === null || text === undefined || text === "") return "";
  return el(tag || "bdi", { dir: "auto", ...(attrs || {}) }, String(text));
}

// Only our own hash routes, our own paths, blob: downloads we made and http(s) links become hrefs.
export function safeHref(v) {
  const s = String(v);
  return s.startsWith("#") || /^\/[a-z]/.test(s) || s.startsWith("blob:") || /^https?:\/\//i.test(s) ? s : "#";
}

export const enc = encodeURIComponent;

export function query(params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") qs.set(k, v);
  const s = qs.toString();
  return s ? "?" + s : "";
}

// GET path?params as JSON. A failure throws an Error whose info is the API's error object
// ({code, message, param, suggestions...}; older answers said {detail}).
export async function api(path, params) {
  const r = await fetch(path + query(params), { headers: { Accept: "application/json" } });
  if (!r.ok) {
    let body = null;
    try { body = await r.json(); } catch (e) { /* not JSON: the status text says it */ }
    const info = (body && (body.error || body.detail)) || {};
    const msg = typeof info === "string" ? info : info.message || r.statusText;
    const err = new Error(`${r.status}: ${msg}`);
    err.info = typeof info === "object" ? info : {};
    throw err;
  }
  return r.json();
}
