// The map's own report of what it has drawn, written on the frame's <html> as data-cm-* attributes
// (cmShown, cmMarkers, cmClusters, cmGeneration, cmRenderedAt, cmFirstAt, cmFirstRenderMs, cmOffMap, cmEngine:
// where the queries run, "worker" or "page", cmHeatPoints, cmPlaybackDay, cmPlaybackSpeed: days a second,
// cmPlaying, cmError, cmFollowed: drawings the layer made from the app's date slider before the rerun, follow.js;
// cmDrawings, see reportDrawing) so that browser tests and benchmarks can wait for a drawing instead of sleeping.
// Off unless the page was built with the debug switch (CONFLICTMAP_DEBUG=1 on the server, which sets `debug: true`
// in the layer's payload).

const DRAWINGS_KEPT = 20;

let enabled = false;
const drawings = [];  // the last drawings, "generation:shown:renderedAt" each, oldest first
let generation = 0;  // drawings so far in this frame, across layers: lets a test wait for the next one

export function enableDebug(on) {
  enabled = enabled || Boolean(on);
}

export function debugEnabled() {
  return enabled;
}

export function report(values) {
  if (!enabled) { return; }
  const state = document.documentElement.dataset;
  Object.keys(values).forEach((k) => { state[k] = String(values[k]); });
}

export function nextGeneration() {
  generation += 1;
  return generation;
}

// Report a drawing (cmShown, cmGeneration, cmRenderedAt, ...) and keep it in cmDrawings, the last DRAWINGS_KEPT
// drawings as "generation:shown:renderedAt" separated by spaces: a drawing soon followed by another (the map's
// own from the date slider, then the rerun's) is still seen by a benchmark that reads the page a moment later.
export function reportDrawing(values) {
  if (!enabled) { return; }
  drawings.push(values.cmGeneration + ":" + values.cmShown + ":" + values.cmRenderedAt);
  if (drawings.length > DRAWINGS_KEPT) { drawings.shift(); }
  report(Object.assign({}, values, {cmDrawings: drawings.join(" ")}));
}
