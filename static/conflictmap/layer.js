// The events layer: which rows of a published dataset to show, drawn as clusters and markers; popups, lists,
// heat and playback on demand. Its payload comes from conflictmap/mapview.py (EventsLayer):
//   {url: published dataset, or inline: the dataset itself (HTML export); filter: {days: [first, last] day
//    numbers or null, types: [type codes] or null, precise: bool} or null (every row), evaluated here; mask:
//    base64 bit mask of what only the server can evaluate (text search, near a place, sub-event types) or null;
//    focus: row to open first (shown whatever the filter) or null; heat, playback, listControl: booleans;
//    heatScript: URL of leaflet.heat; link: {page: "app", dataset: key} or {page: "file"} (how the link to one
//    event is written); styles: {type: {shape, color}}; types: type names by code; words: the precision words
//    and place names details.js says (conflictmap/review/table.py, precision_words); debug: report drawings on
//    <html>; follow: {dates: {label, days}} the app's date slider to follow (follow.js) or null}.
// The dataset's index is built once per page (engine.js); a new payload (a filter change) only selects rows again.
// On the dashboard the payload has no selection but `fromPage: true`: the layer of definePageLayer reads the
// selection (filter, mask, shown, focus, heat, playback, follow) from the app's page (channel.js), and shows each
// new one as an events layer in place of the last.

import {browse, chronological, detailsElement, listOf, offMapText, pageText, pager, LIST_PAGE} from "./details.js";
import {el} from "./dom.js";
import {datasetAsked, findEvent, inlineDataset, loadDataset, loadDetails} from "./data.js";
import {COUNTRY_ONLY, mercatorX, mercatorY, selectionFilter} from "./query.js";
import {countLabel, countMarker, eventMarker, halo, keepClear} from "./draw.js";
import {engineFor, startWorker} from "./engine.js";
import {listControl, messageControl, playbackControl} from "./controls.js";
import {enableDebug, nextGeneration, report, reportDrawing} from "./debug.js";
import {followDates} from "./follow.js";
import {watchSelection} from "./channel.js";

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

// The app's page, when the map's frame may read it (the same origin), else null.
function appPage() {
  try {
    return window.parent !== window ? window.parent.document : null;
  } catch (err) {
    return null;  // not the app's page
  }
}

function frameAlive() {
  return Boolean(window.frameElement && window.frameElement.isConnected);
}

function isoDay(day) {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

// The view's box in Web Mercator fractions ({x0, y0, x1, y1}), from Leaflet bounds.
function mercatorBox(bounds) {
  return {x0: mercatorX(bounds.getWest()), x1: mercatorX(bounds.getEast()),
    y0: mercatorY(bounds.getNorth()), y1: mercatorY(bounds.getSouth())};
}

export function defineEventsLayer(L) {
  return L.Layer.extend({
    initialize: function (payload) {
      this._payload = payload;
      this._group = L.layerGroup();
      this._halos = L.layerGroup();
      this._renders = 0;
      this._asked = 0;
      this._followed = 0;
      enableDebug(payload.debug);
    },

    onAdd: function (map) {
      this._map = map;
      this._halos.addTo(map);
      this._group.addTo(map);
      map.on("moveend", this._render, this);
      this._started = performance.now();
      const payload = this._payload;
      if (!payload.inline && !datasetAsked(payload.url)) {
        startWorker(payload.worker);  // its script loads while the points download, not after
      }
      const dataset = payload.inline ? inlineDataset(payload.inline) : loadDataset(payload.url);
      dataset.then((ds) => {
        if (this._map !== map) { return null; }
        this._ds = ds;
        this._engine = engineFor(ds, payload.worker);
        this._clusterZoom = Math.min(map.getMaxZoom(), 17) - 1;
        this._filter = selectionFilter(payload);
        return this._select(this._filter, !payload.playback).then((selection) => {
          if (this._map !== map) { return; }
          this._build(selection);
          this._openFirst();
          this._follow();
        });
      }).catch((err) => {
        report({cmError: err});
        this._message = messageControl("The events could not be loaded (" + err + "); reload the page.").addTo(map);
      });
    },

    onRemove: function (map) {
      map.off("moveend", this._render, this);
      if (this._unfollow) { this._unfollow(); this._unfollow = null; }
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
      if (this._selection) { this._engine.ask({op: "release", id: this._selection.id}); }
      this._selection = null;
      this._map = null;
    },

    // --- data -------------------------------------------------------------------------------------------------

    // Select the rows of `filter`; the selection replaces the layer's previous one. With `drawing`, the reply
    // carries the clusters of the view as it is now too (see _drawSelection).
    _select: function (filter, drawing) {
      const request = {op: "select", filter: filter};
      let asked = null;
      if (drawing && this._map) {
        asked = ++this._asked;  // a drawing asked for before is stale: the selection changes
        request.view = this._view();
      }
      return this._engine.ask(request).then((selection) => {
        if (this._selection) { this._engine.ask({op: "release", id: this._selection.id}); }
        if (!this._map) {
          this._engine.ask({op: "release", id: selection.id});
          return selection;
        }
        selection.asked = asked;
        this._selection = selection;
        return selection;
      });
    },

    _build: function (selection) {
      const ds = this._ds;
      const playing = this._payload.playback && selection.count;
      if (this._payload.heat && !playing) { this._addHeat(); }  // in playback, the heat follows the day shown
      if (playing) {
        this._addPlayback(selection.firstDay, selection.lastDay);
      } else {
        this._drawSelection(selection);
      }
      if (this._payload.listControl !== false) {
        this._listControl = listControl((panel) => {
          this._listRows = null;
          this._fillList(panel, true);
        }).addTo(this._map);
      }
      this._showOffMap(selection);
      report({cmEngine: this._engine.where()});
    },

    _showOffMap: function (selection) {
      if (this._offMapControl) { this._offMapControl.remove(); this._offMapControl = null; }
      const offMap = Array.from(selection.offMap);
      if (offMap.length) { this._addOffMap(chronological(offMap, this._ds.day)); }
      report({cmOffMap: offMap.length});
    },

    // --- the app's date slider, followed before the rerun (follow.js) -----------------------------------------

    _follow: function () {
      const payload = this._payload, spec = payload.follow && payload.follow.dates;
      if (!spec || payload.mask || payload.playback || !this._map) { return; }
      this._unfollow = followDates(appPage(), spec, (days) => this._refilter(days), frameAlive);
    },

    // Select and draw the layer's filter with the slider's `days`; the latest range wins when the reader moves
    // faster than a query.
    _refilter: function (days) {
      const now = this._wanted || this._filter;
      if (now.days && now.days[0] === days[0] && now.days[1] === days[1]) { return; }
      this._wanted = Object.assign({}, this._filter, {days: days});
      if (this._refiltering) { return; }
      const next = () => {
        const filter = this._wanted;
        this._refiltering = true;
        this._select(filter, true).then((selection) => {
          this._refiltering = false;
          if (!this._map) { return; }
          this._filter = filter;
          if (this._wanted !== filter) { next(); return; }
          this._followed++;
          this._showOffMap(selection);
          if (this._payload.heat) { this._addHeat(); }
          this._drawSelection(selection);
        });
      };
      next();
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
      return loadDetails(this._ds, i).then((d) => detailsElement(d, this._style(i), this._payload.link,
        this._payload.words));
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
        open: open,
        words: this._payload.words
      };
    },

    // --- drawing ----------------------------------------------------------------------------------------------

    // The clusters to ask for in the view as it is: its box with a margin, at the zoom clusters stop at.
    _view: function () {
      const map = this._map;
      return {box: mercatorBox(map.getBounds().pad(0.2)), zoom: Math.min(Math.round(map.getZoom()), this._clusterZoom)};
    },

    // Draw a new selection: with the clusters that came with it while the view has not moved since they were
    // asked for, else ask for them again.
    _drawSelection: function (selection) {
      if (!this._map || selection !== this._selection) { return; }
      if (selection.cells && selection.asked === this._asked) {
        this._draw(selection.cells, selection, this._listHeld);
      } else {
        this._render();
      }
    },

    _render: function () {
      const asked = ++this._asked;  // whatever was asked for before is for another view or selection
      if (!this._map || !this._selection) { return; }
      // A pan that was not the reader's (a popup brought into view) leaves the list of events in view as it is.
      const map = this._map, selection = this._selection, listHeld = this._listHeld;
      const view = this._view();
      this._engine.ask({op: "clusters", id: selection.id, box: view.box, zoom: view.zoom})
        .then((cells) => {
          // A newer drawing was asked for meanwhile (the view or the selection changed): this one is stale.
          if (this._map !== map || asked !== this._asked || cells === null) { return; }
          this._draw(cells, selection, listHeld);
        });
    },

    _draw: function (cells, selection, listHeld) {
      this._group.clearLayers();
      this._halos.clearLayers();
      let markers = 0, clusters = 0;
      for (let k = 0; k < cells.count.length; k++) {
        const ll = [cells.lat[k], cells.lon[k]];
        if (cells.count[k] === 1) {
          markers++;
          const i = cells.row[k];
          this._group.addLayer(this._eventMarker(i, [this._ds.lat[i], this._ds.lon[i]]));
        } else {
          clusters++;
          const members = cells.cells.slice(2 * cells.start[k], 2 * cells.start[k + 1]);
          this._group.addLayer(this._clusterMarker(cells.count[k], members, cells.zoom, ll));
        }
      }
      if (this._listControl && this._listControl.panel && !listHeld) { this._fillList(this._listControl.panel); }
      this._drawn(selection.count, markers, clusters);
    },

    _drawn: function (count, markers, clusters) {
      this._renders++;
      const now = performance.now(), at = Math.round(performance.timeOrigin + now);
      const state = {cmShown: count, cmMarkers: markers, cmClusters: clusters, cmGeneration: nextGeneration(),
        cmRenderedAt: at, cmFollowed: this._followed};
      if (this._renders === 1) {
        state.cmFirstRenderMs = Math.round(now - this._started);
        state.cmFirstAt = at;
      }
      reportDrawing(state);
    },

    _clusterMarker: function (count, members, zoom, ll) {
      const selection = this._selection;
      return countMarker(count, countLabel(count), ll, () => {
        this._engine.ask({op: "cell", id: selection.id, cells: members, zoom: zoom, maxZoom: this._clusterZoom})
          .then((cell) => {
            if (!this._map || selection !== this._selection || cell === null) { return; }
            if (cell.split !== null && cell.split > this._map.getZoom()) {
              this._map.setView(ll, cell.split);
            } else {
              this._listPopup(Array.from(cell.rows), ll);
            }
          });
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
        // Closed (or replaced by another) while its details loaded: it stays closed; showing it again would
        // undo the reader's own click.
        if (popup.isOpen()) { this._show(popup); }
      }).catch(() => {
        holder.textContent = "The details of this event could not be loaded; reload the page.";
      });
    },

    _listPopup: function (rows, ll) {
      // The events of a cluster that no zoom can split (they share one place), in date order, a page at a time;
      // an entry shows its event in the same popup, with a way back to the same page of the list.
      const total = rows.length, box = el("div", "cm-list");
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
      if (panel.hidden || !this._selection || (this._listHeld && !opened)) { return; }
      const selection = this._selection;
      this._engine.ask({op: "inView", id: selection.id, box: mercatorBox(this._map.getBounds())}).then((found) => {
        if (!this._map || selection !== this._selection || panel.hidden || found === null) { return; }
        const rows = Array.from(found), key = selection.id + ":" + rows.join(",");
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
      });
    },

    // --- heat and playback ------------------------------------------------------------------------------------

    _addHeat: function () {
      const map = this._map, ds = this._ds;
      Promise.all([loadScript(this._payload.heatScript), this._engine.ask({op: "rows", id: this._selection.id})])
        .then((done) => {
          if (this._map !== map) { return; }
          const rows = done[1], points = new Array(rows.length);
          for (let k = 0; k < rows.length; k++) { points[k] = [ds.lat[rows[k]], ds.lon[rows[k]], 1]; }
          if (this._heat) {
            this._heat.setLatLngs(points);
          } else {
            this._heat = L.heatLayer(points, {radius: 18, blur: 22, minOpacity: 0.3}).addTo(map);
          }
          // Clusters and markers are drawn hollow and lighter over the heat, which stays readable beneath them.
          L.DomUtil.addClass(map.getContainer(), "cm-heat-on");
          report({cmHeatPoints: points.length});
        });
    },

    // Play back the days first..last at the payload's `speed` (days a second); `payload.resume` ({day, playing},
    // from the layer this one replaces: a speed or filter change while it played) carries on where it was.
    _addPlayback: function (first, last) {
      const speed = this._payload.speed > 0 ? this._payload.speed : 1, resume = this._payload.resume;
      const play = () => {
        if (this._timer) { this._stop(); return; }
        if (this._day >= last) { this._showDay(first); }
        this._playback.setPlaying(true);
        report({cmPlaying: true});
        this._timer = setInterval(() => {
          this._showDay(this._day + 1);
          if (this._day >= last) { this._stop(); }
        }, 1000 / speed);
      };
      this._playback = playbackControl({
        back: () => { this._stop(); this._showDay(Math.max(first, this._day - 1)); },
        next: () => { this._stop(); this._showDay(Math.min(last, this._day + 1)); },
        play: play
      }).addTo(this._map);
      report({cmPlaybackSpeed: speed});
      this._showDay(resume ? Math.min(last, Math.max(first, resume.day)) : first);
      if (resume && resume.playing && this._day < last) { play(); }
    },

    // Where playback is, for the layer that replaces this one: {day, playing}, or null without playback.
    playbackState: function () {
      return this._playback && this._day !== undefined ? {day: this._day, playing: Boolean(this._timer)} : null;
    },

    _stop: function () {
      if (this._timer) { clearInterval(this._timer); this._timer = null; }
      if (this._playback) { this._playback.setPlaying(false); report({cmPlaying: false}); }
    },

    _showDay: function (day) {
      // The layer's selection on one day: each event on every day it runs (none on a day outside the layer's
      // dates); the linked event on its own days.
      this._day = day;
      const focus = this._filter.include, base = this._filter.days, ds = this._ds;
      const inside = !base || (day >= base[0] && day <= base[1]);
      const filter = Object.assign({}, this._filter, {days: inside ? [day, day] : [day, day - 1],
        include: focus !== null && ds.day[focus] <= day && day <= ds.day[focus] + ds.span[focus] ? focus : null});
      this._select(filter, true).then((selection) => {
        if (!this._map || this._day !== day) { return; }
        // The day's events among the selection's, whose count the page's Events figure gives (`shown`): the
        // label and the figures above the map say the same period (newcomer trial 10: "3 events" beside "7").
        const iso = isoDay(day), total = this._payload.shown, count = selection.count + selection.offMap.length;
        this._playback.setLabel(iso + ": " + count.toLocaleString("en-US") + " of " + total.toLocaleString("en-US") +
          (total === 1 ? " event" : " events"));
        report({cmPlaybackDay: iso});
        if (this._payload.heat) { this._addHeat(); }
        this._drawSelection(selection);
      });
    }
  });
}

// The dashboard's layer (payload.fromPage): the dataset stays, the selection comes from the app's page, written by
// every rerun (channel.js). Each new selection is shown by a new events layer (`EventsLayer`, defineEventsLayer)
// in place of the last, as when the whole layer came with the map element: the dataset's index is kept
// (engine.js), controls and popups start again.
export function definePageLayer(L, EventsLayer) {
  return L.Layer.extend({
    initialize: function (payload) {
      this._payload = payload;
      this._shown = null;
      enableDebug(payload.debug);
    },

    onAdd: function (map) {
      this._map = map;
      const doc = appPage();
      if (!doc) {
        report({cmError: "the map cannot read the app's page"});
        this._message = messageControl("The map cannot read the app's page; reload it.").addTo(map);
        return;
      }
      // The dataset is the same whatever the selection: its points download and its index is built now, while
      // the page's script still computes the selection (the map element comes before it), not after.
      if (!datasetAsked(this._payload.url)) {
        startWorker(this._payload.worker);
        loadDataset(this._payload.url).then((ds) => engineFor(ds, this._payload.worker), () => null);
      }
      this._unwatch = watchSelection(doc, this._payload.url, (selection) => this._show(selection), frameAlive);
    },

    onRemove: function (map) {
      if (this._unwatch) { this._unwatch(); this._unwatch = null; }
      if (this._shown) { map.removeLayer(this._shown); this._shown = null; }
      if (this._message) { this._message.remove(); this._message = null; }
      this._map = null;
    },

    _show: function (selection) {
      if (!this._map) { return; }
      const payload = Object.assign({}, this._payload, selection, {fromPage: false});
      delete payload.dataset;
      payload.resume = payload.playback && this._shown ? this._shown.playbackState() : null;
      if (this._shown) { this._map.removeLayer(this._shown); }
      this._shown = new EventsLayer(payload);
      this._map.addLayer(this._shown);
    }
  });
}
