// The map's controls: legend, list of the events in view, day-by-day playback, town labels for a map without
// tiles. Each is a small Leaflet control or layer; the events layer (layer.js) gives them their content.

import {button, el, shapeIcon} from "./dom.js";

// The legend opens and closes with its title button (a keyboard-usable control); the choice is kept for the
// browser tab's session. Until the user chooses, it starts closed on a small map, where it would cover markers.
export const LEGEND_KEY = "conflictmap.legendOpen";
export const LEGEND_MIN_SIZE = [640, 420];

function remembered(key) {
  try { return window.sessionStorage.getItem(key); } catch (e) { return null; }
}

function remember(key, value) {
  try { window.sessionStorage.setItem(key, value); } catch (e) { /* storage refused: the choice lasts this page */ }
}

// Whether the legend starts open: the remembered choice, else whether the map (a Leaflet Point) is large.
export function legendStartsOpen(stored, size) {
  if (stored === "1" || stored === "0") { return stored === "1"; }
  return size.x >= LEGEND_MIN_SIZE[0] && size.y >= LEGEND_MIN_SIZE[1];
}

// `config`: {types: [name, ...] in legend order, styles: {name: {shape, color}}}.
export function legendControl(config) {
  const control = L.control({position: "bottomright"});
  control.onAdd = function (map) {
    const box = el("div", "cm-legend leaflet-control");
    const body = el("div", "cm-legend-body");
    body.id = "cm-legend-body-" + L.Util.stamp(box);
    const toggle = button("cm-legend-toggle", "Event types", () => {
      show(body.hidden);
      remember(LEGEND_KEY, body.hidden ? "0" : "1");
    });
    toggle.setAttribute("aria-controls", body.id);
    function show(open) {
      body.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      toggle.title = open ? "Hide the legend" : "Show the legend";
    }
    config.types.forEach((name) => {
      const row = el("div", "cm-legend-row");
      row.appendChild(shapeIcon(config.styles[name], 14, false));
      row.appendChild(el("span", null, name));
      body.appendChild(row);
    });
    const approx = el("div", "cm-legend-row");
    approx.appendChild(shapeIcon({shape: "circle", color: "#777777"}, 14, true));
    approx.appendChild(el("span", null, "faded, dashed: approximate place (halo = area)"));
    body.appendChild(approx);
    box.appendChild(toggle);
    box.appendChild(body);
    show(legendStartsOpen(remembered(LEGEND_KEY), map.getSize()));
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  return control;
}

// A button that opens a panel (a keyboard-usable text list): "List events in view", or the events not on the
// map. `onOpen(panel)` fills the panel when it opens.
export function listControl(onOpen, label = "List events in view", kind = "listview") {
  const control = L.control({position: "topleft"});
  control.onAdd = function () {
    const box = el("div", "cm-" + kind + " cm-panel-control leaflet-control");
    const panel = el("div", "cm-" + kind + "-panel cm-panel");
    const toggle = button("cm-" + kind + "-toggle", label, () => {
      panel.hidden = !panel.hidden;
      toggle.setAttribute("aria-expanded", String(!panel.hidden));
      if (!panel.hidden) { onOpen(panel); }
    });
    toggle.setAttribute("aria-expanded", "false");
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", label);
    panel.hidden = true;
    box.appendChild(toggle);
    box.appendChild(panel);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    control.panel = panel;
    return box;
  };
  return control;
}

// Play / pause and one-day steps. `actions`: {back(), play(), next()}; the control's setLabel(text) and
// setPlaying(bool) show where the playback is.
export function playbackControl(actions) {
  const control = L.control({position: "topright"});
  control.onAdd = function () {
    const box = el("div", "cm-playback leaflet-control");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Play back day by day");
    const back = button("cm-play-back", "\u25C0", actions.back);
    const play = button("cm-play-toggle", "\u25B6 Play", actions.play);
    const next = button("cm-play-next", "\u25B6|", actions.next);
    back.title = "Previous day";
    next.title = "Next day";
    [back, play, next].forEach((b) => box.appendChild(b));
    const label = el("span", "cm-play-label");
    label.setAttribute("aria-live", "polite");
    box.appendChild(label);
    L.DomEvent.disableClickPropagation(box);
    control.setLabel = (text) => { label.textContent = text; };
    control.setPlaying = (playing) => { play.textContent = playing ? "Pause" : "\u25B6 Play"; };
    return box;
  };
  return control;
}

// A plain message on the map (e.g. the events could not be loaded), as text.
export function messageControl(text) {
  const control = L.control({position: "topright"});
  control.onAdd = () => el("div", "cm-message leaflet-control", text);
  return control;
}

// The zoom from which a town of `population` is labelled: the larger the town, the earlier.
export function labelZoom(population) {
  return population >= 1000000 ? 0 : population >= 400000 ? 6 : 7;
}

// Town labels for a map without tiles. `places`: [[name, lat, lon, population], ...].
export function referenceLabels(places) {
  const group = L.layerGroup();
  let map = null;
  function draw() {
    group.clearLayers();
    const zoom = map.getZoom(), bounds = map.getBounds().pad(0.1);
    places.forEach((p) => {
      if (zoom < labelZoom(p[3]) || !bounds.contains([p[1], p[2]])) { return; }
      group.addLayer(L.marker([p[1], p[2]], {
        icon: L.divIcon({html: el("span", "cm-ref-label", p[0]), className: "cm-ref", iconSize: null}),
        interactive: false, keyboard: false, pane: "tilePane"
      }));
    });
  }
  group.onAdd = function (m) {
    map = m;
    L.LayerGroup.prototype.onAdd.call(group, m);
    m.on("zoomend moveend", draw);
    draw();
  };
  group.onRemove = function (m) {
    m.off("zoomend moveend", draw);
    L.LayerGroup.prototype.onRemove.call(group, m);
  };
  return group;
}
