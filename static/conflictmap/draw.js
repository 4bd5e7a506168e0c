// Drawing: cluster and event markers, halos, the first view. Leaflet (L) is the page's global, loaded before this
// script from a local file; the clusters themselves are computed by query.js.

import {el, shapeIcon} from "./dom.js";

// Radius of the halo of an approximate place, in metres, by geo_precision (2 near a place, 3 only the region).
export const HALO_METRES = {2: 5000, 3: 60000};

// The count written on a cluster: 950, 1.2k, 34k.
export function countLabel(count) {
  return count >= 10000 ? Math.round(count / 1000) + "k" : count >= 1000 ? Math.round(count / 100) / 10 + "k" :
    String(count);
}

// A round marker with a count (a cluster, or a grid cell), keyboard-focusable.
export function countMarker(count, label, ll, onClick) {
  const size = Math.round(28 + 8 * Math.log10(count)), div = el("div", "cm-cluster-inner", label);
  div.style.width = div.style.height = size + "px";
  div.style.lineHeight = size + "px";
  const marker = L.marker(ll, {
    icon: L.divIcon({html: div, className: "cm-cluster", iconSize: [size, size]}),
    title: count + " events",
    keyboard: true
  });
  marker.on("click", onClick);
  return marker;
}

// The marker of one event: its type's shape and colour, faded and dashed when the place is approximate.
export function eventMarker(ll, style, title, approximate, onClick) {
  const marker = L.marker(ll, {
    icon: L.divIcon({
      html: shapeIcon(style, 18, approximate),
      className: "cm-marker" + (approximate ? " cm-approx" : ""),
      iconSize: [18, 18]
    }),
    title: title,
    keyboard: true
  });
  marker.on("click", onClick);
  return marker;
}

// The dashed circle around an approximate place: the area the event may be anywhere in.
export function halo(ll, precision, style) {
  return L.circle(ll, {
    radius: HALO_METRES[precision], color: style.color, weight: 1, dashArray: "4 4",
    fillOpacity: 0.08, interactive: false, className: "cm-halo"
  });
}

// How far a popup must move on screen, [dx, dy] pixels, to be whole inside the map and clear of its controls
// (the legend, an open list, the zoom buttons), with `margin` pixels to spare. `box`, `frame` (the map) and each
// of `controls` are rectangles {left, top, right, bottom}. First the popup comes inside the map (its top and left
// edges first when it is larger); then, for each control it overlaps, it takes the shortest of the four moves
// (right of it, left of it, below, above) that keeps it inside the map; none if no such move exists.
export function popupShift(box, frame, controls, margin = 8) {
  let dx = 0, dy = 0;
  const at = () => ({left: box.left + dx, right: box.right + dx, top: box.top + dy, bottom: box.bottom + dy});
  let b = at();
  if (b.right > frame.right - margin) { dx -= b.right - (frame.right - margin); }
  if (b.bottom > frame.bottom - margin) { dy -= b.bottom - (frame.bottom - margin); }
  b = at();
  if (b.left < frame.left + margin) { dx += frame.left + margin - b.left; }
  if (b.top < frame.top + margin) { dy += frame.top + margin - b.top; }
  const inside = (r) => r.left >= frame.left + margin - 0.5 && r.right <= frame.right - margin + 0.5 &&
    r.top >= frame.top + margin - 0.5 && r.bottom <= frame.bottom - margin + 0.5;
  for (let pass = 0; pass < 2; pass++) {
    controls.forEach((c) => {
      b = at();
      if (b.right <= c.left || b.left >= c.right || b.bottom <= c.top || b.top >= c.bottom) { return; }
      const moves = [[c.right + margin - b.left, 0], [c.left - margin - b.right, 0],
        [0, c.bottom + margin - b.top], [0, c.top - margin - b.bottom]]
        .filter((m) => inside({left: b.left + m[0], right: b.right + m[0], top: b.top + m[1], bottom: b.bottom + m[1]}))
        .sort((m, n) => Math.abs(m[0] + m[1]) - Math.abs(n[0] + n[1]));
      if (moves.length) {
        dx += moves[0][0];
        dy += moves[0][1];
      }
    });
  }
  return [dx, dy];
}

function rect(element) {
  const r = element.getBoundingClientRect();
  return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
}

// Pan the map so that `popup` (open) is whole in view and clear of the controls, as they are now; whether it
// had to.
export function keepClear(map, popup) {
  const controls = Array.from(map.getContainer().querySelectorAll(".leaflet-control"))
    .filter((c) => c.offsetWidth || c.offsetHeight).map(rect);
  const shift = popupShift(rect(popup.getElement()), rect(map.getContainer()), controls);
  if (!shift[0] && !shift[1]) { return false; }
  map.panBy([-shift[0], -shift[1]]);
  return true;
}

// What the first view must keep clear of in one corner of the map: the controls there (at most 40% of the map's
// width or height, so that the data always has room), plus a margin. [x, y] pixels.
export function cornerPadding(map, vertical, horizontal) {
  const size = map.getSize();
  const corner = map.getContainer().querySelector(".leaflet-" + vertical + ".leaflet-" + horizontal);
  const box = corner ? corner.getBoundingClientRect() : {width: 0, height: 0};
  return [Math.min(box.width, size.x * 0.4) + 10, Math.min(box.height, size.y * 0.4) + 10];
}

// The first view: `bounds` ([[south, west], [north, east]], degrees), kept clear of the controls in the map's
// corners (legend, zoom buttons) when their style has applied, so that no event starts hidden under the legend
// (a page that carries its style, as the HTML export). streamlit-folium adds style sheets without waiting for
// them: there the controls cannot be measured yet, and the view is fitted plainly rather than moved again later.
// Never animated: a view still moving would drop the next setView (a link opening one event) silently.
export function fitData(map, bounds, maxZoom) {
  const corner = map.getContainer().querySelector(".leaflet-bottom.leaflet-right");
  const styled = corner !== null && getComputedStyle(corner).position === "absolute";
  map.fitBounds(bounds, styled ? {maxZoom: maxZoom, animate: false, paddingTopLeft: cornerPadding(map, "top", "left"),
    paddingBottomRight: cornerPadding(map, "bottom", "right")} : {maxZoom: maxZoom, animate: false});
}
