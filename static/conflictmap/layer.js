// The events layer: which rows of a published dataset to show (a bit mask), drawn as clusters and markers;
// popups, lists, heat and playback on demand. Its payload comes from conflictmap/mapview.py (EventsLayer):
//   {url: published dataset, or inline: the dataset itself (HTML export); mask: base64 bit mask or null (all);
//    focus: row to open first or null; heat, playback, listControl: booleans; heatScript: URL of leaflet.heat;
//    link: {page: "app", dataset: key} or {page: "file"} (how the link to one event is written);
//    styles: {type: {shape, color}}; types: type names by code; debug: report drawings on <html>}.

import {browse, chronological, detailsElement, listOf, offMapText, pageText, pager, LIST_PAGE} from "./details.js";
import {el, button} from "./dom.js";
import {COUNTRY_ONLY, decodeMask, findEvent, inlineDataset, loadDataset, loadDetails, selectRows}
  from "./data.js";
import {clusterIndex, countMarker, eventMarker, gridCells, halo, keepClear, GRID_FIRST} from "./draw.js";
import {listControl, messageControl, playbackControl} from "./controls.js";
import {enableDebug, nextGeneration, report} from "./debug.js";

const SCRIPTS = {};

function loadScript(url) {
  if (!SCRIPTS[url]) {
    SCRIPTS[url] = new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = url;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }
  return SCRIPTS[url];
}

function isoDay(day) {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

export function defineEventsLayer(L) {
  return L.Layer.extend({
    initialize: function (payload) {
      this._payload = payload;
      this._group = L.layerGroup();
      this._halos = L.layerGroup();
      this._renders = 0;
      enableDebug(payload.debug);
    },

    onAdd: function (map) {
      this._map = map;
      this._halos.addTo(map);
      this._group.addTo(map);
      map.on("moveend", this._render, this);
      this._started = performance.now();
      const payload = this._payload;
      const dataset = payload.inline ? inlineDataset(payload.inline) : loadDataset(payload.url);
      dataset.then((ds) => {
        if (this._map !== map) { return; }
        this._build(ds);
        this._render();
        this._openFirst();
      }).catch((err) => {
        report({cmError: err});
        this._message = messageControl("The events could not be loaded (" + err + "); reload the page.").addTo(map);
      });
    },

    onRemove: function (map) {
      map.off("moveend", this._render, this);
      if (this._onHash) { window.removeEventListener("hashchange", this._onHash); }
      map.closePopup();
      map.removeLayer(this._group);
      map.removeLayer(this._halos);
      if (this._heat) {
        map.removeLayer(this._heat);
        L.DomUtil.removeClass(map.getContainer(), "cm-heat-on");
      }
      if (this._playback) { this._stop(); this._playback.remove(); }
      if (this._listControl) { this._listControl.remove(); }
      if (this._offMapControl) { this._offMapControl.remove(); }
      if (this._message) { this._message.remove(); }
      this._map = null;
    },

    // --- data -------------------------------------------------------------------------------------------------

    _build: function (ds) {
      const rows = selectRows(ds, decodeMask(this._payload.mask)), selected = rows.drawn;
      this._ds = ds;
      this._selected = selected;
      this._clusterZoom = Math.min(this._map.getMaxZoom(), 17) - 1;
      if (this._payload.heat) { this._addHeat(selected.map((i) => [ds.lat[i], ds.lon[i], 1])); }
      if (this._payload.playback && selected.length) {
        this._addPlayback();
      } else if (selected.length > GRID_FIRST) {
        this._count = selected.length;
        this._grid = true;
        const map = this._map;
        requestAnimationFrame(() => {
          setTimeout(() => {
            if (this._map !== map) { return; }
            this._setIndex(selected);
            this._grid = false;
            this._render();
          }, 0);
        });
      } else {
        this._setIndex(selected);
      }
      if (this._payload.listControl !== false) {
        this._listControl = listControl((panel) => {
          this._listRows = null;
          this._fillList(panel, true);
        }).addTo(this._map);
      }
      if (rows.offMap.length) { this._addOffMap(chronological(rows.offMap, ds.day)); }
      report({cmOffMap: rows.offMap.length});
    },

    _addOffMap: function (rows) {
      // The selected events that are not drawn (no coordinates, or only the country known) stay readable: a
      // panel lists them, each opening its details there, since there is no place to open a popup at.
      const country = rows.filter((i) => this._ds.precision[i] === COUNTRY_ONLY).length;
      const label = rows.length + (rows.length === 1 ? " event" : " events") + " not on the map";
      this._offMapControl = listControl((panel) => {
        browse(panel, rows, (start, shown) => offMapText(rows.length, country, start, shown), "All " + label,
          this._entry(), (i) => this._detailsOf(i), () => {});
      }, label, "offmap").addTo(this._map);
    },

    _detailsOf: function (i) {
      return loadDetails(this._ds, i).then((d) => detailsElement(d, this._style(i), this._payload.link));
    },

    _setIndex: function (rows) {
      this._index = clusterIndex(this._ds, rows, this._clusterZoom);
      this._count = rows.length;
    },

    _style: function (i) {
      return this._payload.styles[this._payload.types[this._ds.type[i]]] || {color: "#777777", shape: "circle"};
    },

    _entry: function (open) {
      // How lists show and open the rows of this dataset (see details.listOf; browse sets `open` itself).
      const ds = this._ds;
      return {
        style: (i) => this._style(i),
        approximate: (i) => ds.precision[i] >= 2,
        details: (i) => loadDetails(ds, i),
        open: open
      };
    },

    // --- drawing ----------------------------------------------------------------------------------------------

    _render: function () {
      if (!this._map) { return; }
      if (!this._index) {
        if (this._grid) { this._renderGrid(); }
        return;
      }
      const b = this._map.getBounds(), zoom = Math.min(Math.round(this._map.getZoom()), this._clusterZoom);
      const items = this._index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom);
      this._group.clearLayers();
      this._halos.clearLayers();
      let markers = 0, clusters = 0;
      items.forEach((f) => {
        const ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        if (f.properties.cluster) {
          clusters++;
          this._group.addLayer(this._clusterMarker(f, ll));
        } else {
          markers++;
          this._group.addLayer(this._eventMarker(f.properties.i, ll));
        }
      });
      if (this._listControl && this._listControl.panel) { this._fillList(this._listControl.panel); }
      this._drawn(markers, clusters, "index");
    },

    _renderGrid: function () {
      // Counts per square of screen pixels until the real clusters are ready.
      const map = this._map, b = map.getBounds().pad(0.2);
      const cells = gridCells(this._selected, this._ds.lat, this._ds.lon,
        {south: b.getSouth(), north: b.getNorth(), west: b.getWest(), east: b.getEast()}, map.getZoom());
      this._group.clearLayers();
      this._halos.clearLayers();
      let markers = 0, clusters = 0;
      cells.forEach((cell) => {
        const ll = [cell.lat, cell.lon];
        if (cell.count === 1) {
          markers++;
          this._group.addLayer(this._eventMarker(cell.row, ll));
        } else {
          clusters++;
          this._group.addLayer(countMarker(cell.count, String(cell.count), ll, () => {
            map.setView(ll, Math.min(map.getZoom() + 2, this._clusterZoom));
          }));
        }
      });
      this._drawn(markers, clusters, "grid");
    },

    _drawn: function (markers, clusters, phase) {
      this._renders++;
      const now = performance.now(), at = Math.round(performance.timeOrigin + now);
      const state = {cmShown: this._count, cmMarkers: markers, cmClusters: clusters, cmPhase: phase,
        cmGeneration: nextGeneration(), cmRenderedAt: at};
      if (this._renders === 1) {
        state.cmFirstRenderMs = Math.round(now - this._started);
        state.cmFirstAt = at;
      }
      report(state);
    },

    _clusterMarker: function (f, ll) {
      return countMarker(f.properties.point_count, f.properties.point_count_abbreviated, ll, () => {
        const next = this._index.getClusterExpansionZoom(f.properties.cluster_id);
        if (next <= this._clusterZoom && next > this._map.getZoom()) {
          this._map.setView(ll, next);
        } else {
          this._listPopup(f, ll);
        }
      });
    },

    _eventMarker: function (i, ll) {
      const style = this._style(i), precision = this._ds.precision[i], approximate = precision >= 2;
      const marker = eventMarker(ll, style, this._payload.types[this._ds.type[i]], approximate,
        () => this._openDetails(i, ll));
      if (approximate) { this._halos.addLayer(halo(ll, precision, style)); }
      return marker;
    },

    // --- popups -----------------------------------------------------------------------------------------------

    _popup: function (ll) {
      // Taller content scrolls inside the popup. Leaflet's own pan is off: keepClear pans it into view and out
      // from under the controls (an open list, the legend) instead of from fixed corner margins.
      return L.popup({maxWidth: 360, maxHeight: Math.max(160, this._map.getSize().y - 140), autoPan: false})
        .setLatLng(ll);
    },

    _show: function (popup) {
      // Open the popup, or fit it to its new content; then bring it whole into view. That pan is not the
      // reader's: the list of events in view stays as it is (the entry in use keeps the keyboard focus) until
      // the reader moves the map.
      if (popup.isOpen()) { popup.update(); } else { popup.openOn(this._map); }
      if (keepClear(this._map, popup)) {
        this._listHeld = true;
        this._map.once("moveend", () => { this._listHeld = false; });
      }
    },

    _openDetails: function (i, ll) {
      const holder = el("div", "cm-popup-holder", "Loading...");
      holder.setAttribute("aria-live", "polite");  // a screen reader reads the details when they arrive
      const popup = this._popup(ll).setContent(holder);
      this._show(popup);
      this._detailsOf(i).then((element) => {
        holder.textContent = "";
        holder.appendChild(element);
        this._show(popup);
      }).catch(() => {
        holder.textContent = "The details of this event could not be loaded; reload the page.";
      });
    },

    _listPopup: function (f, ll) {
      // The events of a cluster that no zoom can split (they share one place), a page at a time; an entry shows
      // its event in the same popup, with a way back to the same page of the list.
      const total = f.properties.point_count, box = el("div", "cm-list");
      const rows = chronological(this._index.getLeaves(f.properties.cluster_id, Infinity)
        .map((leaf) => leaf.properties.i), this._ds.day);
      const popup = this._popup(ll).setContent(box);
      browse(box, rows, (start, shown) => pageText(total, start, shown, "at this place"),
        "All " + total + " events at this place", this._entry(), (i) => this._detailsOf(i),
        () => { if (popup.isOpen()) { this._show(popup); } });
      this._show(popup);
    },

    _focus: function (i) {
      const ds = this._ds, lat = ds.lat[i], lon = ds.lon[i];
      if (lat !== lat || lon !== lon) { return; }
      // At once, not animated: the popup pans the map into view only from a settled view.
      this._map.setView([lat, lon], Math.max(this._map.getZoom(), 11), {animate: false});
      this._openDetails(i, [lat, lon]);
    },

    _openFirst: function () {
      // The event the page was opened on: the app says which row; a file that stands alone reads #event=ID.
      const payload = this._payload;
      if (payload.focus !== null && payload.focus !== undefined) { this._focus(payload.focus); }
      if (payload.link && payload.link.page === "file") {
        this._onHash = () => {
          const match = /(?:^#|&)event=([^&]*)/.exec(window.location.hash);
          if (!match) { return; }
          findEvent(this._ds, decodeURIComponent(match[1])).then((i) => {
            if (i !== null && this._map) { this._focus(i); }
          });
        };
        window.addEventListener("hashchange", this._onHash);
        this._onHash();
      }
    },

    // --- list of the events in view ---------------------------------------------------------------------------

    _fillList: function (panel, opened) {
      // `opened`: the reader has just opened the panel, which is filled whatever pan is under way.
      if (panel.hidden || !this._index || (this._listHeld && !opened)) { return; }
      const b = this._map.getBounds();
      const rows = chronological(this._index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
        this._clusterZoom + 1).map((f) => f.properties.i), this._ds.day);
      const key = rows.join(",");
      if (key === this._listRows) { return; }
      // Another set of events in view: back to its first page. The same set (a redraw after opening an event
      // from this list) keeps the panel as it is. Either way the keyboard focus stays on the entry just used
      // (when it is still in view), so a keyboard user goes on down the list after a popup has panned the map.
      this._listRows = key;
      const focused = panel.contains(document.activeElement) ? document.activeElement.dataset.row : undefined;
      const showPage = (start) => {
        const page = rows.slice(start, start + LIST_PAGE);
        panel.textContent = "";
        panel.appendChild(el("div", "cm-list-title", pageText(rows.length, start, page.length, "in view")));
        panel.appendChild(pager(rows.length, start, showPage));
        panel.appendChild(listOf(page, this._entry((i) => this._openDetails(i, [this._ds.lat[i], this._ds.lon[i]]))));
      };
      showPage(0);
      const again = focused !== undefined && panel.querySelector(".cm-list-item[data-row='" + focused + "']");
      if (again) { again.focus(); }
    },

    // --- heat and playback ------------------------------------------------------------------------------------

    _addHeat: function (points) {
      const map = this._map;
      loadScript(this._payload.heatScript).then(() => {
        if (this._map !== map) { return; }
        this._heat = L.heatLayer(points, {radius: 18, blur: 22, minOpacity: 0.3}).addTo(map);
        // Clusters and markers are drawn hollow and lighter over the heat, which stays readable beneath them.
        L.DomUtil.addClass(map.getContainer(), "cm-heat-on");
        report({cmHeatPoints: points.length});
      });
    },

    _addPlayback: function () {
      const ds = this._ds;
      let first = Infinity, last = -Infinity;
      this._selected.forEach((i) => { first = Math.min(first, ds.day[i]); last = Math.max(last, ds.day[i]); });
      this._playback = playbackControl({
        back: () => { this._stop(); this._showDay(Math.max(first, this._day - 1)); },
        next: () => { this._stop(); this._showDay(Math.min(last, this._day + 1)); },
        play: () => {
          if (this._timer) { this._stop(); return; }
          if (this._day >= last) { this._showDay(first); }
          this._playback.setPlaying(true);
          this._timer = setInterval(() => {
            this._showDay(this._day + 1);
            if (this._day >= last) { this._stop(); }
          }, 1000);
        }
      }).addTo(this._map);
      this._showDay(first);
    },

    _stop: function () {
      if (this._timer) { clearInterval(this._timer); this._timer = null; }
      if (this._playback) { this._playback.setPlaying(false); }
    },

    _showDay: function (day) {
      const ds = this._ds;
      this._day = day;
      const rows = this._selected.filter((i) => ds.day[i] === day);
      this._setIndex(rows);
      const iso = isoDay(day);
      this._playback.setLabel(iso + ": " + rows.length + (rows.length === 1 ? " event" : " events"));
      report({cmPlaybackDay: iso});
      this._render();
    }
  });
}
