import {test} from "node:test";
import assert from "node:assert/strict";
import {JSDOM} from "jsdom";
import {CHANNEL_ATTR, readSelection, watchSelection} from "../../static/conflictmap/channel.js";

const DATASET = "/app/static/cache/k";

// The attribute's value as the server writes it (mapview.EventsLayer.selection_html), quotes escaped.
function markup(selection) {
  const text = JSON.stringify(selection).replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  return `<div ${CHANNEL_ATTR}="${text}" hidden></div>`;
}

// The app's page with Streamlit's st.html element holding the layer's selection, or nothing yet.
function appPage(selection) {
  const dom = new JSDOM(`<!DOCTYPE html><html><body><main><div data-testid="stHtml">${
    selection ? markup(selection) : ""}</div></main></body></html>`);
  globalThis.MutationObserver = dom.window.MutationObserver;
  return dom.window.document;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const rerun = (doc, selection) => { doc.querySelector("[data-testid='stHtml']").innerHTML = markup(selection); };

test("the selection is read for its own dataset only", () => {
  const doc = appPage({dataset: DATASET, shown: 3, filter: {days: [1, 2], types: [0], precise: false}});
  const [text, selection] = readSelection(doc, DATASET);
  assert.equal(selection.shown, 3);
  assert.deepEqual(selection.filter.types, [0]);
  assert.equal(typeof text, "string");
  assert.equal(readSelection(doc, "/app/static/cache/other"), null, "another dataset's selection");
  assert.equal(readSelection(appPage(null), DATASET), null, "none yet");
});

test("the map is told the selection at once, then each new one a rerun writes, once each", async () => {
  const doc = appPage({dataset: DATASET, shown: 3}), seen = [];
  const stop = watchSelection(doc, DATASET, (s) => seen.push(s.shown));
  assert.deepEqual(seen, [3]);
  rerun(doc, {dataset: DATASET, shown: 2});
  await settle();
  rerun(doc, {dataset: DATASET, shown: 2});  // the same selection again: nothing to draw
  doc.querySelector(`[${CHANNEL_ATTR}]`).setAttribute(CHANNEL_ATTR, JSON.stringify({dataset: DATASET, shown: 1}));
  await settle();
  assert.deepEqual(seen, [3, 2, 1]);
  stop();
  rerun(doc, {dataset: DATASET, shown: 0});
  await settle();
  assert.deepEqual(seen, [3, 2, 1], "stopped");
});

test("a selection written after the map's layer, or another dataset's, waits for its own", async () => {
  const doc = appPage(null), seen = [];
  watchSelection(doc, DATASET, (s) => seen.push(s.shown));
  rerun(doc, {dataset: "/app/static/cache/old", shown: 9});
  await settle();
  assert.deepEqual(seen, []);
  rerun(doc, {dataset: DATASET, shown: 4});
  await settle();
  assert.deepEqual(seen, [4]);
});

test("a frame that has left the page stops watching; an unreadable page is a no-op", async () => {
  const doc = appPage({dataset: DATASET, shown: 3}), seen = [];
  let alive = true;
  watchSelection(doc, DATASET, (s) => seen.push(s.shown), () => alive);
  alive = false;
  rerun(doc, {dataset: DATASET, shown: 2});
  await settle();
  rerun(doc, {dataset: DATASET, shown: 1});
  await settle();
  assert.deepEqual(seen, [3]);
  const locked = {get body() { throw new Error("SecurityError"); }};
  assert.equal(typeof watchSelection(locked, DATASET, () => assert.fail("called")), "function");
  assert.equal(typeof watchSelection(null, DATASET, () => assert.fail("called")), "function");
});
