// The dashboard's layer selection, read from the app's own page. The map's feature group stays the same for a
// dataset (so Streamlit sends only a reference to the map element when a filter changes, not the whole map
// script again), and each rerun writes what the layer shows into one hidden element of the page instead:
// conflictmap/mapview.py EventsLayer.selection_html, an element with the attribute CHANNEL_ATTR holding
// {dataset: the published dataset's URL, filter, mask, shown, focus, heat, playback, follow} as JSON. The map's
// frame is the app's own (same origin), so it may read the page, as follow.js does.

import {pageBody} from "./dom.js";

export const CHANNEL_ATTR = "data-cm-layer";

// The selection the page `doc` holds for `dataset` (its URL): [text, selection], or null when the page has none,
// or one for another dataset (a rerun switching datasets may write it before or after the map's new layer).
export function readSelection(doc, dataset) {
  const element = doc.querySelector("[" + CHANNEL_ATTR + "]");
  const text = element && element.getAttribute(CHANNEL_ATTR);
  if (!text) { return null; }
  let selection;
  try {
    selection = JSON.parse(text);
  } catch (err) {
    return null;  // not ours
  }
  return selection && selection.dataset === dataset ? [text, selection] : null;
}

// Call `onSelection(selection)` with the page's selection for `dataset` now, if it has one, and whenever a rerun
// writes another; returns the function that stops watching. Does nothing (and returns a no-op) when `doc` cannot
// be read. `alive()` false (the map's frame has left the page) stops watching at the next change of the page.
export function watchSelection(doc, dataset, onSelection, alive = () => true) {
  const body = pageBody(doc);
  if (!body) { return () => {}; }
  let last = null;
  const check = () => {
    const found = readSelection(doc, dataset);
    if (!found || found[0] === last) { return; }
    last = found[0];
    onSelection(found[1]);
  };
  // Streamlit writes a changed element's markup anew (childList), or may keep the node and set the attribute.
  const observer = new MutationObserver(() => {
    if (!alive()) { observer.disconnect(); return; }
    check();
  });
  observer.observe(body, {subtree: true, childList: true, attributes: true, attributeFilter: [CHANNEL_ATTR]});
  check();
  return () => observer.disconnect();
}
