// The whole map script on a Leaflet map in jsdom: what a reader clicks inside popups and controls must never
// reach the map as a map click (which closes the open popup), whatever the control does to its own content.

import {test} from "node:test";
import assert from "node:assert/strict";
import {gzipSync} from "node:zlib";
import {JSDOM} from "jsdom";
import {STYLES, TYPES, WORDS, click, inlineData, mapPage, until} from "./env.js";

const KYIV = {latitude: 50.45466, longitude: 30.5238, location: "Kyiv", admin1: "Kyiv City", geo_precision: 1};
const EVENTS = [
  {...KYIV, event_id_cnty: "K1", event_date: "2024-11-04", event_type: "Explosions/Remote violence"},
  {...KYIV, event_id_cnty: "K2", event_date: "2024-11-03", event_type: "Explosions/Remote violence"},
  {...KYIV, event_id_cnty: "K3", event_date: "2024-11-04", event_type: "Strategic developments"},
  {event_id_cnty: "X1", event_date: "2024-11-03", event_type: "Battles", latitude: 49.98177, longitude: 36.25475,
    location: "Kharkiv", geo_precision: 2, source_url: "https://example.org/x1"}
];
// 105 events at one place: more than a page of a list.
const CROWD = Array.from({length: 105}, (_, k) => ({
  event_id_cnty: "P" + String(k).padStart(3, "0"), event_date: new Date(Date.UTC(2024, 0, 1 + k)).toISOString()
    .slice(0, 10), event_type: "Battles", latitude: 48.0, longitude: 37.8, location: "Place " + k, geo_precision: 1
}));

async function showMap(events, extra = {}) {
  const page = mapPage();
  const {window, map, L} = page;
  map.setView([50, 33], 6);
  L.conflictLegend({types: TYPES, styles: STYLES}).addTo(map);
  page.layer = L.conflictEvents({inline: inlineData(events), mask: null, focus: null, heat: false, playback: false,
    link: {page: "app", dataset: "events"}, styles: STYLES, types: TYPES, words: WORDS, debug: true, ...extra})
    .addTo(map);
  await until(() => window.document.documentElement.dataset.cmGeneration, "the first drawing");
  page.mapClicks = 0;
  map.on("preclick", () => { page.mapClicks += 1; });
  page.$ = (selector) => window.document.querySelector(selector);
  page.$$ = (selector) => Array.from(window.document.querySelectorAll(selector));
  page.popupOpen = () => page.$(".leaflet-popup") !== null;
  return page;
}

// The map page's fetch answers with `events` published as the server writes them (meta.json, points.bin.gz);
// returns the list of the URLs asked for.
function serve(window, events) {
  const data = inlineData(events), gzipped = gzipSync(Buffer.from(data.points, "base64"));
  const asked = [];
  Object.assign(window, {Response, DecompressionStream});  // as a browser has them
  window.fetch = (url) => {
    asked.push(url);
    return Promise.resolve(url.endsWith("meta.json") ? {ok: true, json: () => Promise.resolve(data.meta)}
      : new Response(gzipped, {headers: {"Content-Type": "application/gzip"}}));
  };
  return asked;
}

function clusterOf(page, size) {
  return page.$$(".cm-cluster").find((c) => c.textContent === String(size));
}

test("the map counts a click on the map itself (so the tests below can see a stray one)", async () => {
  const page = await showMap(EVENTS);
  click(page.window, page.map.getContainer());
  assert.equal(page.mapClicks, 1);
});

test("every entry of a list at one place opens its event, and the list comes back", async () => {
  const page = await showMap(EVENTS);
  click(page.window, clusterOf(page, 3).firstChild);
  await until(() => page.$(".cm-list .cm-list-item"), "the list of the events at this place");
  page.mapClicks = 0;  // the click on the cluster itself was a map click; from here on none may be
  assert.equal(page.$(".cm-list-title").textContent, "3 events at this place");
  const seen = [];
  for (let k = 0; k < 3; k++) {
    const entry = await until(() => page.$$(".cm-list .cm-list-item")[k], "entry " + k);
    click(page.window, entry.querySelector("span"));
    const details = await until(() => page.$(".leaflet-popup .cm-popup"), "the details of entry " + k);
    seen.push(details.dataset.eventId);
    assert.ok(page.popupOpen(), "the popup stays open");
    click(page.window, page.$(".cm-back"));
    await until(() => page.$$(".cm-list .cm-list-item").length === 3, "the list again");
  }
  assert.deepEqual(seen, ["K2", "K1", "K3"], "in date order, then file order");
  assert.equal(page.mapClicks, 0);
});

test("a list longer than a page says how many are not shown, and its pages reach them all", async () => {
  const page = await showMap(CROWD);
  click(page.window, clusterOf(page, 105).firstChild);
  await until(() => page.$(".cm-list .cm-list-item"), "the list");
  page.mapClicks = 0;
  assert.equal(page.$(".cm-list-title").textContent, "105 events at this place: 1-100 shown, 5 not shown");
  click(page.window, page.$(".cm-page-next"));
  assert.equal(page.$(".cm-list-title").textContent, "105 events at this place: 101-105 shown, 100 not shown");
  const entries = page.$$(".cm-list .cm-list-item");
  assert.equal(entries.length, 5);
  click(page.window, entries[4]);
  const details = await until(() => page.$(".leaflet-popup .cm-popup"), "the last event");
  assert.equal(details.dataset.eventId, "P104");
  click(page.window, page.$(".cm-back"));
  await until(() => page.$(".cm-page-prev"), "the list again");
  assert.equal(page.$(".cm-list-title").textContent, "105 events at this place: 101-105 shown, 100 not shown");
  click(page.window, page.$(".cm-page-prev"));
  assert.equal(page.$$(".cm-list .cm-list-item").length, 100);
  assert.ok(page.popupOpen());
  assert.equal(page.mapClicks, 0);
});

test("links, the legend and the list of events in view keep the open popup open", async () => {
  const page = await showMap(EVENTS);
  const marker = page.$$(".cm-marker")[0];
  click(page.window, marker.firstChild);
  const details = await until(() => page.$(".leaflet-popup .cm-popup"), "Kharkiv's details");
  assert.equal(details.dataset.eventId, "X1");
  page.mapClicks = 0;
  const links = page.$$(".leaflet-popup a:not(.leaflet-popup-close-button)");
  assert.equal(links.length, 2, "the source link and the link to the event");
  links.forEach((a) => a.addEventListener("click", (e) => e.preventDefault()));  // jsdom cannot open tabs
  links.forEach((a) => click(page.window, a));
  click(page.window, page.$(".cm-legend-toggle"));
  assert.equal(page.$(".cm-legend-body").hidden, true);
  click(page.window, page.$(".cm-legend-toggle"));
  assert.equal(page.$(".cm-legend-body").hidden, false);
  assert.ok(page.popupOpen());
  click(page.window, page.$(".cm-listview-toggle"));
  const entry = await until(() => page.$$(".cm-listview-panel .cm-list-item")
    .find((b) => b.textContent.includes("Strategic") || b.textContent.includes("Other")), "the list in view");
  click(page.window, entry);
  const opened = await until(() => page.$(".leaflet-popup .cm-popup[data-event-id='K3']"), "K3 from the list");
  assert.ok(opened);
  assert.equal(page.mapClicks, 0);
});

test("a popup closed while its details load stays closed when they arrive", async () => {
  const page = await showMap(EVENTS);
  const layer = page.layer;
  let arrive;
  const chunk = layer._ds.chunks[0];
  layer._ds.chunks[0] = new Promise((resolve) => { arrive = () => resolve(chunk); });  // a slow connection
  click(page.window, page.$$(".cm-marker")[0].firstChild);
  await until(() => page.$(".leaflet-popup .cm-popup-holder"), "the popup, loading");
  click(page.window, page.$(".leaflet-popup-close-button"));
  assert.ok(!page.popupOpen(), "the close button closes it at once");
  arrive();
  await layer._ds.chunks[0];
  await new Promise((resolve) => setTimeout(resolve, 50));  // let the details' callbacks run
  assert.ok(!page.popupOpen(), "the details arriving must not open it again");
});

test("a popup says it is loading while its chunk is not there yet, then shows the details", async () => {
  const page = await showMap(EVENTS);
  const layer = page.layer;
  let arrive;
  const chunk = layer._ds.chunks[0];
  layer._ds.chunks[0] = new Promise((resolve) => { arrive = () => resolve(chunk); });  // still being written
  click(page.window, page.$$(".cm-marker")[0].firstChild);
  const holder = await until(() => page.$(".leaflet-popup .cm-popup-holder"), "the popup, loading");
  assert.equal(holder.textContent, "Loading...");
  arrive();
  assert.ok(await until(() => page.$(".leaflet-popup .cm-popup[data-event-id]"), "the details, once written"));
});

test("playback buttons step through the days without touching the map", async () => {
  const page = await showMap(EVENTS, {playback: true, shown: 4});
  const state = page.window.document.documentElement.dataset;
  const label = (text) => until(() => page.$(".cm-play-label").textContent === text, text);
  assert.equal(state.cmPlaybackDay, "2024-11-03");
  await label("2024-11-03: 2 of 4 events");  // of the page's Events figure (`shown`), as the figure counts them
  click(page.window, page.$(".cm-play-next"));
  await label("2024-11-04: 2 of 4 events");
  click(page.window, page.$(".cm-play-next"));
  await until(() => state.cmPlaybackDay === "2024-11-04", "the last day stays the last");
  click(page.window, page.$(".cm-play-back"));
  await until(() => state.cmPlaybackDay === "2024-11-03", "a day back");
  assert.equal(page.mapClicks, 0);
});

test("playback shows an event over several days on each of its days, within the layer's dates", async () => {
  const day = (iso) => Date.parse(iso) / 86400000;
  const long = {event_id_cnty: "L1", event_date: "2024-10-30", event_date_end: "2024-11-05",
    event_type: "Battles", latitude: 48.0, longitude: 37.8, location: "Front", geo_precision: 2};
  const page = await showMap(EVENTS.concat([long]), {playback: true, shown: 5,
    filter: {days: [day("2024-11-01"), day("2024-11-04")], types: null, precise: false}});
  const state = page.window.document.documentElement.dataset;
  const label = (text) => until(() => page.$(".cm-play-label").textContent === text, text);
  await label("2024-11-01: 1 of 5 events");  // the range's first day: L1 began before it and runs on
  click(page.window, page.$(".cm-play-next"));
  await label("2024-11-02: 1 of 5 events");
  click(page.window, page.$(".cm-play-next"));
  await label("2024-11-03: 3 of 5 events");
  click(page.window, page.$(".cm-play-next"));
  await label("2024-11-04: 3 of 5 events");
  click(page.window, page.$(".cm-play-next"));
  await until(() => state.cmPlaybackDay === "2024-11-04", "the range's last day stays the last, though L1 runs on");
});

test("playback plays at the page's speed, and a new selection while it plays carries on from the day shown",
  async () => {
    const {window, map, L} = mapPage();
    map.setView([48, 37.8], 6);
    serve(window, CROWD);
    const app = new JSDOM("<!DOCTYPE html><html><body><div data-testid='stHtml'></div></body></html>");
    Object.defineProperty(window, "parent", {value: app.window});
    Object.defineProperty(window, "frameElement", {value: {isConnected: true}});
    const url = "/app/static/cache/k", state = window.document.documentElement.dataset;
    const write = (selection) => {
      app.window.document.querySelector("[data-testid='stHtml']").innerHTML = `<div data-cm-layer="${
        JSON.stringify({dataset: url, ...selection}).replace(/"/g, "&quot;")}" hidden></div>`;
    };
    const steps = [], setInterval = window.setInterval;
    window.setInterval = (fn, ms) => { steps.push(ms); return setInterval.call(window, fn, ms); };
    L.conflictEvents({url: url, fromPage: true, link: {page: "app", dataset: "events"}, styles: STYLES,
      types: TYPES, words: WORDS, debug: true}).addTo(map);
    const selection = {filter: null, mask: null, follow: null, shown: 105, focus: null, heat: false, playback: true,
      speed: 4};
    write(selection);
    const $ = (selector) => window.document.querySelector(selector);
    await until(() => $(".cm-play-label") && $(".cm-play-label").textContent === "2024-01-01: 1 of 105 events",
      "the first day, of the page's 105");
    click(window, $(".cm-play-toggle"));
    await until(() => state.cmPlaybackDay >= "2024-01-03", "playing");
    assert.deepEqual(steps, [250], "4 days a second");
    const before = state.cmPlaybackDay;
    write({...selection, speed: 0.5});  // the reader chose 0.5x while it played
    await until(() => steps.length === 2, "playing again in the new layer");
    assert.equal(steps[1], 2000, "half a day a second");
    assert.ok(state.cmPlaybackDay >= before, "carried on from " + before + ", not from the first day");
    assert.match($(".cm-play-toggle").textContent, /Pause$/);
    click(window, $(".cm-play-toggle"));
    assert.match($(".cm-play-toggle").textContent, /Play$/);
    const paused = state.cmPlaybackDay;
    write({...selection, speed: 1, shown: 104});  // paused: the next layer stays paused on that day
    await until(() => $(".cm-play-label").textContent.endsWith(" of 104 events"), "the new layer");
    assert.equal(state.cmPlaybackDay, paused);
    assert.match($(".cm-play-toggle").textContent, /Play$/);
    assert.equal(steps.length, 2);
  });

test("a filter change on the same dataset selects again from the index built once", async () => {
  const {window, map, L} = mapPage();
  map.setView([50, 33], 6);
  const asked = serve(window, EVENTS);
  const state = window.document.documentElement.dataset;
  const payload = {url: "/app/static/cache/k", filter: null, mask: null, focus: null, link: {page: "app"},
    styles: STYLES, types: TYPES, words: WORDS, debug: true};
  const first = L.conflictEvents(payload).addTo(map);
  await until(() => state.cmShown === "4", "every event");
  const index = first._engine.state.index;
  map.removeLayer(first);
  const day = Date.parse("2024-11-04") / 86400000;
  const second = L.conflictEvents({...payload, filter: {days: [day, day], types: [1, 3], precise: false}}).addTo(map);
  await until(() => state.cmShown === "2", "K1 and K3, on 2024-11-04");
  assert.equal(second._engine.state.index, index, "the same index");
  assert.equal(asked.length, 2, "the dataset was fetched once");
  map.removeLayer(second);
  L.conflictEvents({...payload, filter: {days: null, types: [0], precise: false}}).addTo(map);
  await until(() => state.cmShown === "1", "X1, the only battle");
});

test("without the debug switch the map writes nothing on the page", async () => {
  const page = mapPage();
  page.map.setView([50, 33], 6);
  page.L.conflictEvents({inline: inlineData(EVENTS), mask: null, styles: STYLES, types: TYPES, words: WORDS,
    link: {page: "app", dataset: "events"}}).addTo(page.map);
  await until(() => page.window.document.querySelector(".cm-cluster"), "the first drawing");
  assert.deepEqual(Object.keys(page.window.document.documentElement.dataset), []);
});

test("events with no place to draw are listed on the map, each readable", async () => {
  const page = await showMap(EVENTS.concat([
    {event_id_cnty: "U1", event_date: "2022-02-24", event_type: "Battles", latitude: 49.0, longitude: 32.0,
      country: "Ukraine", geo_precision: 4},
    {event_id_cnty: "N1", event_date: "2024-11-02", event_type: "Riots", location: "Nowhere known"}
  ]));
  assert.equal(page.window.document.documentElement.dataset.cmShown, "4", "only the four placed events are drawn");
  assert.equal(page.$$(".cm-marker").length + page.$$(".cm-cluster").length, 2);
  const toggle = page.$(".cm-offmap-toggle");
  assert.equal(toggle.textContent, "2 events not on the map");
  click(page.window, toggle);
  const panel = page.$(".cm-offmap-panel");
  assert.equal(panel.querySelector(".cm-list-title").textContent,
    "2 events not on the map: 1 placed only to a country, 1 without coordinates");
  const entries = await until(() => {
    const found = Array.from(panel.querySelectorAll(".cm-list-item"));
    return found.length === 2 && !found.some((b) => b.textContent.endsWith("...")) && found;
  }, "the entries' labels");
  assert.deepEqual(entries.map((b) => b.textContent), ["2022-02-24 Battles, Ukraine",
    "2024-11-02 Riots, Nowhere known"]);
  click(page.window, entries[0]);
  const details = await until(() => panel.querySelector(".cm-popup"), "the details in the panel");
  assert.equal(details.dataset.eventId, "U1");
  assert.equal(details.querySelector(".cm-place td").textContent, "Ukraine (only the country is known)");
  click(page.window, panel.querySelector(".cm-back"));
  assert.equal(panel.querySelectorAll(".cm-list-item").length, 2);
  assert.equal(page.mapClicks, 0);
});

test("the dashboard's map fetches its dataset before the page has written a selection", async () => {
  const {window, map, L} = mapPage();
  map.setView([50, 33], 6);
  const asked = serve(window, EVENTS);
  // The app's page, which the map's frame reads (channel.js); the rerun has not written its selection yet.
  const app = new JSDOM("<!DOCTYPE html><html><body><div data-testid='stHtml'></div></body></html>");
  Object.defineProperty(window, "parent", {value: app.window});
  Object.defineProperty(window, "frameElement", {value: {isConnected: true}});
  const url = "/app/static/cache/k", state = window.document.documentElement.dataset;
  L.conflictEvents({url: url, fromPage: true, link: {page: "app", dataset: "events"}, styles: STYLES,
    types: TYPES, words: WORDS, debug: true}).addTo(map);
  await until(() => asked.length === 2, "the dataset asked for at once");
  assert.deepEqual(asked, [url + "/meta.json", url + "/points.bin.gz"]);
  assert.equal(state.cmGeneration, undefined, "nothing drawn without the page's selection");
  const selection = {dataset: url, filter: {days: null, types: [0], precise: false}, mask: null, follow: null,
    shown: 1, focus: null, heat: false, playback: false};
  app.window.document.querySelector("[data-testid='stHtml']").innerHTML =
    `<div data-cm-layer="${JSON.stringify(selection).replace(/"/g, "&quot;")}" hidden></div>`;
  await until(() => state.cmShown === "1", "X1, the only battle, once the page says so");
  assert.equal(asked.length, 2, "the dataset was fetched once");
});

test("the dashboard's map takes the points the app's page started downloading, or fetches them if that failed",
  async () => {
    for (const download of ["arrived", "failed"]) {
      const {window, map, L} = mapPage();
      map.setView([50, 33], 6);
      const asked = serve(window, EVENTS), url = "/app/static/cache/k";
      const data = inlineData(EVENTS), points = new Uint8Array(Buffer.from(data.points, "base64")).buffer;
      // the page's download (mapview.prefetch_html): [meta, inflated points]
      const app = new JSDOM("<!DOCTYPE html><html><body></body></html>").window;
      app.__cmPrefetch = {[url]: download === "arrived" ? Promise.resolve([data.meta, points])
        : Promise.reject(new Error("points 404"))};
      Object.defineProperty(window, "parent", {value: app});
      const state = window.document.documentElement.dataset;
      L.conflictEvents({url: url, filter: null, mask: null, focus: null, link: {page: "app"}, styles: STYLES,
        types: TYPES, words: WORDS, debug: true}).addTo(map);
      await until(() => state.cmShown === "4", "every event, " + download);
      assert.deepEqual(asked, download === "arrived" ? [] : [url + "/meta.json", url + "/points.bin.gz"]);
      assert.deepEqual(Object.keys(app.__cmPrefetch), [], "taken once");
    }
  });
