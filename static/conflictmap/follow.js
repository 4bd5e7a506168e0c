// The app's date slider, followed from the map's frame: while the reader moves it, the map draws the dates it
// shows at once, from the index it already holds, instead of waiting for Streamlit's rerun to send them. The
// rerun then sends a new layer with the server's filter, which replaces this drawing: the server stays the
// truth for what the URL and the figures say. The frame is the app's own (same origin), so it may read the
// sidebar. The payload's `follow.dates` ({label, days: [first, last]}, conflictmap/mapview.py view_layer) names
// the slider and the day numbers of its bounds; a slider with other bounds belongs to another dataset and is
// never followed, nor is a value the reader did not set (a key or a pointer on the slider just before).

import {pageBody} from "./dom.js";

export const DAY_US = 86400e6;  // Streamlit's date slider counts microseconds since 1970-01-01
export const GESTURE_MS = 1500;  // a value change this long after the reader's key or pointer is theirs

// The [first, last] day numbers a range slider's two inputs show (`value`, `min`, `max` in microseconds, as
// strings or numbers), or null when the slider's bounds are not `days` (another dataset's slider) or it is not a
// range. Each thumb's input is bounded by the other thumb (React Aria), so the bounds are the outer ends.
export function sliderDays(inputs, days) {
  if (!inputs || inputs.length !== 2) { return null; }
  const toDay = (us) => Math.round(Number(us) / DAY_US);
  const [a, b] = Array.from(inputs);
  const first = Math.min(toDay(a.min), toDay(b.min)), last = Math.max(toDay(a.max), toDay(b.max));
  const values = [toDay(a.value), toDay(b.value)];
  if (first !== days[0] || last !== days[1] || !values.every(Number.isFinite)) { return null; }
  return [Math.min(values[0], values[1]), Math.max(values[0], values[1])];
}

function sliderGroup(doc, label) {
  const sidebar = doc.querySelector("[data-testid='stSidebar']");
  if (!sidebar) { return null; }
  for (const group of sidebar.querySelectorAll("[role='group']")) {
    if (group.getAttribute("aria-label") === label) { return group; }
  }
  return null;
}

// Call `onDays([first, last])` whenever the reader moves the slider `spec.label` of the document `doc` (the
// app's page) to a range within `spec.days`; returns the function that stops following. Does nothing (and
// returns a no-op) when the document cannot be read. `alive()` false (the map's frame has left the page, which
// Streamlit keeps across its pages) stops following at the next event.
export function followDates(doc, spec, onDays, alive = () => true, now = () => performance.now()) {
  const body = pageBody(doc);
  if (!body || !spec) { return () => {}; }
  let gestureAt = -Infinity, pressed = false, stopped = false;
  const inSlider = (target) => {
    const group = sliderGroup(doc, spec.label);
    return Boolean(group && target && group.contains(target));
  };
  const onStart = (event) => {
    if (!alive()) { stop(); return; }
    if (!inSlider(event.target)) { return; }
    gestureAt = now();
    if (event.type === "pointerdown") { pressed = true; }
  };
  const onEnd = () => {
    if (pressed) { gestureAt = now(); }
    pressed = false;
  };
  const onChange = (records) => {
    if (!alive()) { stop(); return; }

    if (!pressed && now() - gestureAt > GESTURE_MS) { return; }
    const group = sliderGroup(doc, spec.label);
    if (!group || !records.some((r) => group.contains(r.target))) { return; }
    const days = sliderDays(group.querySelectorAll("input[type='range']"), spec.days);
    if (days) { onDays(days); }
  };
  const view = doc.defaultView;
  doc.addEventListener("keydown", onStart, true);
  doc.addEventListener("pointerdown", onStart, true);
  view.addEventListener("pointerup", onEnd, true);
  view.addEventListener("pointercancel", onEnd, true);
  const observer = new MutationObserver(onChange);
  observer.observe(body, {subtree: true, attributes: true, attributeFilter: ["value", "aria-valuetext"]});
  const stop = () => {
    if (stopped) { return; }
    stopped = true;
    observer.disconnect();
    doc.removeEventListener("keydown", onStart, true);
    doc.removeEventListener("pointerdown", onStart, true);
    view.removeEventListener("pointerup", onEnd, true);
    view.removeEventListener("pointercancel", onEnd, true);
  };
  return stop;
}
