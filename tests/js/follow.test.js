import {test} from "node:test";
import assert from "node:assert/strict";
import {JSDOM} from "jsdom";
import {DAY_US, GESTURE_MS, followDates, sliderDays} from "../../static/conflictmap/follow.js";

const FIRST = 20027, LAST = 20031;  // 2024-10-31 .. 2024-11-04 as day numbers
const us = (day) => String(day * DAY_US);

// The app's page as Streamlit draws a date range slider in its sidebar (React Aria: a group labelled by the
// widget's label, one range input per thumb, each bounded by the other thumb).
function appPage(label = "Dates", first = FIRST, last = LAST) {
  const dom = new JSDOM(`<!DOCTYPE html><html><body><section data-testid="stSidebar">
    <div role="group" aria-label="${label}">
      <input type="range" aria-label="${label} — start" min="${us(first)}" max="${us(last)}" value="${us(first)}">
      <input type="range" aria-label="${label} — end" min="${us(first)}" max="${us(last)}" value="${us(last)}">
    </div>
    <div role="group" aria-label="Other"><input type="range" min="0" max="10" value="3"></div>
  </section><main><button>elsewhere</button></main></body></html>`);
  globalThis.MutationObserver = dom.window.MutationObserver;
  const doc = dom.window.document;
  const [start, end] = doc.querySelectorAll("[aria-label='" + label + "'] input");
  return {doc, start, end, window: dom.window};
}

// What React does when a thumb moves: each thumb's bound by the other thumb, then the values.
function move(page, startDay, endDay) {
  page.start.setAttribute("max", us(endDay));
  page.end.setAttribute("min", us(startDay));
  page.start.setAttribute("value", us(startDay));
  page.end.setAttribute("value", us(endDay));
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function follower(page, clock = {t: 1000}, label = "Dates") {
  const seen = [];
  const stop = followDates(page.doc, {label: label, days: [FIRST, LAST]}, (days) => seen.push(days), () => true,
    () => clock.t);
  return {seen, stop, clock};
}

test("the slider's days are read from its two thumbs, bounded by each other", () => {
  const page = appPage();
  move(page, LAST, LAST);
  assert.deepEqual(sliderDays(page.doc.querySelectorAll("[aria-label='Dates'] input"), [FIRST, LAST]), [LAST, LAST]);
  move(page, FIRST + 1, LAST - 1);
  assert.deepEqual(sliderDays([page.start, page.end], [FIRST, LAST]), [FIRST + 1, LAST - 1]);
});

test("a slider with other bounds is another dataset's, and one thumb is no range", () => {
  const page = appPage("Dates", FIRST, LAST + 1);
  assert.equal(sliderDays([page.start, page.end], [FIRST, LAST]), null);
  assert.equal(sliderDays([page.start], [FIRST, LAST]), null);
});

test("a key on the slider, then its new value: the map is told the slider's days", async () => {
  const page = appPage(), f = follower(page);
  page.start.dispatchEvent(new page.window.KeyboardEvent("keydown", {key: "End", bubbles: true}));
  move(page, LAST, LAST);
  await settle();
  assert.deepEqual(f.seen.at(-1), [LAST, LAST]);
  f.stop();
});

test("a drag is followed while the pointer is down, however long it lasts", async () => {
  const page = appPage(), f = follower(page);
  page.end.dispatchEvent(new page.window.Event("pointerdown", {bubbles: true}));
  f.clock.t += 10 * GESTURE_MS;
  move(page, FIRST, LAST - 2);
  await settle();
  assert.deepEqual(f.seen, [[FIRST, LAST - 2]]);
  page.window.dispatchEvent(new page.window.Event("pointerup"));
  f.stop();
});

test("a value the reader did not set (a rerun, a dataset switch) is not followed", async () => {
  const page = appPage(), f = follower(page);
  move(page, FIRST + 1, LAST);  // no key or pointer on the slider
  await settle();
  page.doc.querySelector("main button").dispatchEvent(new page.window.KeyboardEvent("keydown", {bubbles: true}));
  move(page, FIRST + 2, LAST);  // a key elsewhere
  await settle();
  page.start.dispatchEvent(new page.window.KeyboardEvent("keydown", {bubbles: true}));
  f.clock.t += GESTURE_MS + 1;  // long after the reader's key
  move(page, FIRST + 3, LAST);
  await settle();
  assert.deepEqual(f.seen, []);
  f.stop();
});

test("another slider, another dataset's bounds, or a stopped follower tell the map nothing", async () => {
  const page = appPage(), f = follower(page);
  const other = page.doc.querySelector("[aria-label='Other'] input");
  other.dispatchEvent(new page.window.KeyboardEvent("keydown", {bubbles: true}));
  other.setAttribute("value", "5");
  await settle();
  page.start.dispatchEvent(new page.window.KeyboardEvent("keydown", {bubbles: true}));
  page.start.setAttribute("min", us(FIRST - 7));  // the slider now shows a dataset with other dates
  page.start.setAttribute("value", us(FIRST - 7));
  await settle();
  assert.deepEqual(f.seen, []);
  f.stop();
  page.start.setAttribute("min", us(FIRST));
  page.start.dispatchEvent(new page.window.KeyboardEvent("keydown", {bubbles: true}));
  move(page, LAST, LAST);
  await settle();
  assert.deepEqual(f.seen, []);
});

test("a frame that has left the page stops following, and a page it cannot read is not followed", async () => {
  const page = appPage(), seen = [];
  let alive = true;
  followDates(page.doc, {label: "Dates", days: [FIRST, LAST]}, (days) => seen.push(days), () => alive, () => 0);
  alive = false;
  page.start.dispatchEvent(new page.window.KeyboardEvent("keydown", {bubbles: true}));
  alive = true;  // stopped for good: listeners and observer are gone
  page.start.dispatchEvent(new page.window.KeyboardEvent("keydown", {bubbles: true}));
  move(page, LAST, LAST);
  await settle();
  assert.deepEqual(seen, []);
  const locked = {get body() { throw new Error("SecurityError"); }};
  assert.equal(typeof followDates(locked, {label: "Dates", days: [FIRST, LAST]}, () => {}), "function");
  assert.equal(typeof followDates(null, {label: "Dates", days: [FIRST, LAST]}, () => {}), "function");
});
