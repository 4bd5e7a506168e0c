// Test support for the map script: a DOM from jsdom, and the page a browser would get (Leaflet and the map script
// bundled from static/conflictmap/ in memory by esbuild) for tests that need the whole map.

import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {JSDOM} from "jsdom";
import {buildSync} from "esbuild";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export const TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians",
  "Strategic developments", "Protests", "Riots"];
export const STYLES = {
  "Battles": {color: "#0072B2", shape: "triangle"},
  "Explosions/Remote violence": {color: "#D55E00", shape: "circle"},
  "Violence against civilians": {color: "#CC79A7", shape: "square"},
  "Strategic developments": {color: "#009E73", shape: "diamond"},
  "Protests": {color: "#E69F00", shape: "star"},
  "Riots": {color: "#000000", shape: "cross"}
};
// The precision words and place names as the map layer's payload carries them (conflictmap/review/table.py,
// precision_words); tests/test_mapview.py checks this file is that table.
export const WORDS = JSON.parse(readFileSync(new URL("./words.json", import.meta.url), "utf8"));
// Dates and how every view says them (popups, lists, the Add page's cards, the Events table); test_review_table
// checks the Python side against the same cases.
export const WHEN = JSON.parse(readFileSync(new URL("./when.json", import.meta.url), "utf8"));
export const COLUMNS = ["event_id_cnty", "event_date", "event_date_end", "time_precision", "event_type",
  "sub_event_type", "location", "admin2", "admin1", "country", "geo_precision", "latitude", "longitude", "notes",
  "fatalities", "fatalities_low", "fatalities_high", "injuries", "actor1", "assoc_actor_1", "actor2",
  "assoc_actor_2", "source", "source_url", "claimed_by", "origin"];

// A global document for modules that build DOM nodes (dom.js, details.js); returns the jsdom window.
export function useDocument() {
  const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>", {url: "http://127.0.0.1:8501/app/"});
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  return dom.window;
}

function pad4(bytes) {
  return bytes.length % 4 ? bytes.concat(new Array(4 - bytes.length % 4).fill(0)) : bytes;
}

// Events ({event_id_cnty, event_date, event_type, latitude, longitude, geo_precision, ...}) in the format the
// server publishes (conflictmap/mapdata.py: meta, points.bin as base64, detail chunks), inline as in an export.
export function inlineData(events, chunk = 1000) {
  const n = events.length;
  const columns = {
    lat: new Uint8Array(new Float32Array(events.map((e) => e.latitude ?? NaN)).buffer),
    lon: new Uint8Array(new Float32Array(events.map((e) => e.longitude ?? NaN)).buffer),
    type: new Uint8Array(events.map((e) => TYPES.indexOf(e.event_type))),
    precision: new Uint8Array(events.map((e) => e.geo_precision ?? 0)),
    day: new Uint8Array(new Int32Array(events.map((e) => Date.parse(e.event_date) / 86400000)).buffer),
    span: new Uint8Array(new Uint16Array(events.map((e) => (e.event_date_end
      ? Math.max(0, (Date.parse(e.event_date_end) - Date.parse(e.event_date)) / 86400000) : 0))).buffer)
  };
  const offsets = {};
  let blob = [];
  for (const name of ["lat", "lon", "type", "precision", "day", "span"]) {
    offsets[name] = blob.length;
    blob = blob.concat(pad4(Array.from(columns[name])));
  }
  const rows = events.map((e) => COLUMNS.map((c) => (e[c] === undefined || e[c] === null ? "" : String(e[c]))));
  const details = [];
  for (let k = 0; k < n; k += chunk) { details.push(rows.slice(k, k + chunk)); }
  return {
    meta: {n: n, types: TYPES, offsets: offsets, columns: COLUMNS, chunk: chunk},
    points: Buffer.from(blob).toString("base64"),
    details: details
  };
}

let bundle = null;

function mapScript() {
  if (bundle === null) {
    bundle = buildSync({entryPoints: [ROOT + "static/conflictmap/main.js"], bundle: true, format: "iife",
      target: "es2019", write: false, logLevel: "silent"}).outputFiles[0].text;
  }
  return bundle;
}

// A window holding a Leaflet map of `width` x `height` pixels (jsdom does no layout, so the size is given)
// with the map script loaded, as the dashboard's frame has it. Returns {window, map, L}.
export function mapPage(width = 900, height = 600) {
  const dom = new JSDOM("<!DOCTYPE html><html><head></head><body><div id='map'></div></body></html>", {
    url: "http://127.0.0.1:8501/app/", runScripts: "outside-only", pretendToBeVisual: true
  });
  const window = dom.window;
  window.eval(readFileSync(ROOT + "node_modules/leaflet/dist/leaflet-src.js", "utf8"));
  window.eval(mapScript());
  const div = window.document.getElementById("map");
  Object.defineProperty(div, "clientWidth", {value: width});
  Object.defineProperty(div, "clientHeight", {value: height});
  const L = window.L;
  const map = L.map(div, {minZoom: 2, maxZoom: 18, fadeAnimation: false, zoomAnimation: false});
  return {window, map, L};
}

// Resolves when `check()` returns a truthy value (checked every few milliseconds), which it returns.
export async function until(check, what, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) { return value; }
    if (Date.now() > deadline) { throw new Error("timed out waiting for " + what); }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// A click as a mouse makes it: bubbling, cancelable, from the element itself.
export function click(window, element) {
  element.dispatchEvent(new window.MouseEvent("click", {bubbles: true, cancelable: true, view: window}));
}
