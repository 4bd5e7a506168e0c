// The map's own report of what it has drawn, written on the frame's <html> as data-cm-* attributes
// (cmShown, cmMarkers, cmClusters, cmGeneration, cmRenderedAt, cmFirstAt, cmFirstRenderMs, cmOffMap, cmEngine:
// where the queries run, "worker" or "page", cmHeatPoints, cmPlaybackDay, cmError) so that browser tests and
// benchmarks can wait for a drawing instead of sleeping. Off unless the page was built with the debug switch
// (CONFLICTMAP_DEBUG=1 on the server, which sets `debug: true` in the layer's payload).

let enabled = false;
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
