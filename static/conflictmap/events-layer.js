/* conflictmap: events layer for Leaflet.
 *
 * The server publishes each dataset once as compact typed columns (points.bin) with the event texts in
 * chunks (details/<k>.json); a view only sends a bit mask of the rows to show. This file clusters the
 * selected points with Supercluster, draws markers whose shape and colour say the event type, and builds
 * popups on demand. Every text from the data is written with textContent, never as HTML, and only http(s)
 * URLs become links.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var DATASETS = {};
  var GENERATION = 0;  // renders so far in this frame, across layers: lets tests and benchmarks wait for a redraw
  // Above this many points the first view is a quick grid count, drawn while Supercluster builds its index
  // (about 3 microseconds a point) right after the browser has painted.
  var GRID_FIRST = 20000;
  var GRID_CELL_PX = 80;
  var LIST_PAGE = 100;  // entries per page of a list
  var PRECISION_TEXT = {1: "exact place", 2: "near or part of the place", 3: "only the region is known"};
  var TIME_TEXT = {2: "week of", 3: "month of"};
  var HALO_METRES = {2: 5000, 3: 60000};
  var SHAPES = {
    circle: function (s) { return ["circle", {cx: s / 2, cy: s / 2, r: s / 2 - 2}]; },
    square: function (s) { return ["rect", {x: 2, y: 2, width: s - 4, height: s - 4}]; },
    triangle: function (s) { return ["polygon", {points: [s / 2, 1, s - 1, s - 2, 1, s - 2].join(" ")}]; },
    diamond: function (s) { return ["polygon", {points: [s / 2, 1, s - 1, s / 2, s / 2, s - 1, 1, s / 2].join(" ")}]; },
    star: function (s) {
      var pts = [], c = s / 2;
      for (var k = 0; k < 10; k++) {
        var r = k % 2 === 0 ? c - 1 : c * 0.45, a = Math.PI / 5 * k - Math.PI / 2;
        pts.push((c + r * Math.cos(a)).toFixed(1), (c + r * Math.sin(a)).toFixed(1));
      }
      return ["polygon", {points: pts.join(" ")}];
    },
    cross: function (s) {
      var a = s * 0.3, b = s * 0.7;
      return ["polygon", {points: [a, 1, b, 1, b, a, s - 1, a, s - 1, b, b, b, b, s - 1, a, s - 1, a, b, 1, b, 1, a, a, a].join(" ")}];
    }
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // A control that replaces content when used (a list entry that becomes the event's details, a page of a list)
  // may take its own target out of the document. Leaflet's map then no longer finds the target inside the popup
  // or control, takes the click for a click on the map, and closes the popup. Every control inside a popup or a
  // map control is bound through this one helper: its click stops at the control, whatever the handler replaces.
  function onActivate(node, handler) {
    L.DomEvent.on(node, "click", function (e) {
      L.DomEvent.stopPropagation(e);
      handler(e);
    });
    return node;
  }

  function button(className, text, handler) {
    var node = el("button", className, text);
    node.type = "button";
    return onActivate(node, handler);
  }

  // What a popup must keep clear of in one corner of the map: the controls there (at most 40% of the map's
  // width or height, so that a popup always has room), plus a margin.
  function cornerPadding(map, vertical, horizontal, size) {
    var corner = map.getContainer().querySelector(".leaflet-" + vertical + ".leaflet-" + horizontal);
    var box = corner ? corner.getBoundingClientRect() : {width: 0, height: 0};
    return [Math.min(box.width, size.x * 0.4) + 10, Math.min(box.height, size.y * 0.4) + 10];
  }

  function shapeIcon(style, size, approximate) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", size);
    svg.setAttribute("height", size);
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    var spec = (SHAPES[style.shape] || SHAPES.circle)(size);
    var node = document.createElementNS(SVG_NS, spec[0]);
    Object.keys(spec[1]).forEach(function (k) { node.setAttribute(k, spec[1][k]); });
    node.setAttribute("fill", style.color);
    node.setAttribute("fill-opacity", approximate ? "0.45" : "0.9");
    node.setAttribute("stroke", "#ffffff");
    node.setAttribute("stroke-width", "1.5");
    if (approximate) { node.setAttribute("stroke-dasharray", "2 2"); }
    svg.appendChild(node);
    return svg;
  }

  function safeUrl(value) {
    if (!/^https?:\/\//i.test(value)) { return null; }
    try {
      var parsed = new URL(value);
      return (parsed.protocol === "http:" || parsed.protocol === "https:") ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  var SCRIPTS = {};
  function loadScript(url) {
    if (!SCRIPTS[url]) {
      SCRIPTS[url] = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = url;
        tag.onload = resolve;
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return SCRIPTS[url];
  }

  function loadDataset(url) {
    if (!DATASETS[url]) {
      DATASETS[url] = Promise.all([
        fetch(url + "/meta.json").then(function (r) { return r.json(); }),
        fetch(url + "/points.bin").then(function (r) { return r.arrayBuffer(); })
      ]).then(function (parts) { return datasetFrom(parts[0], parts[1], url); });
    }
    return DATASETS[url];
  }

  function datasetFrom(meta, buf, url) {
    var n = meta.n, o = meta.offsets;
    return {
      meta: meta,
      lat: new Float32Array(buf, o.lat, n),
      lon: new Float32Array(buf, o.lon, n),
      type: new Uint8Array(buf, o.type, n),
      precision: new Uint8Array(buf, o.precision, n),
      day: new Int32Array(buf, o.day, n),
      chunks: {},
      url: url
    };
  }

  // A page that stands alone (the HTML export) carries its dataset: {meta, points: base64 of points.bin,
  // details: the detail chunks}, the same format the server publishes.
  function inlineDataset(inline) {
    var ds = datasetFrom(inline.meta, decodeMask(inline.points).buffer, null);
    inline.details.forEach(function (rows, k) { ds.chunks[k] = Promise.resolve(rows); });
    return Promise.resolve(ds);
  }

  function loadDetails(ds, i) {
    var k = Math.floor(i / ds.meta.chunk);
    if (!ds.chunks[k]) {
      ds.chunks[k] = fetch(ds.url + "/details/" + k + ".json").then(function (r) {
        if (!r.ok) { delete ds.chunks[k]; throw new Error("details " + r.status); }
        return r.json();
      });
    }
    return ds.chunks[k].then(function (rows) {
      var row = rows[i - k * ds.meta.chunk], out = {};
      ds.meta.columns.forEach(function (c, j) { out[c] = row[j]; });
      return out;
    });
  }

  function decodeMask(encoded) {
    if (!encoded) { return null; }
    var raw = atob(encoded), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }

  function dateText(d) {
    var text = d.event_date;
    var tp = parseInt(d.time_precision, 10);
    if (TIME_TEXT[tp]) { text = TIME_TEXT[tp] + " " + text + " (exact day unknown)"; }
    if (d.event_date_end && d.event_date_end !== d.event_date) { text += " to " + d.event_date_end; }
    return text;
  }

  function countText(value, low, high) {
    if (value === "" || value === null || value === undefined) { return "unknown"; }
    var text = String(value);
    if (low !== "" && high !== "" && low !== undefined && (low !== value || high !== value)) {
      text += " (range " + low + "-" + high + ")";
    }
    return text;
  }

  function placeText(d) {
    return [d.location, d.admin2, d.admin1, d.country].filter(function (x) { return x; }).join(", ") ||
      "unnamed place";
  }

  // One line per event in every list (events at one place, events in view): date, type, place.
  function listLabel(d) {
    return d.event_date + " " + (d.sub_event_type || d.event_type) + ", " +
      (d.location || d.admin2 || d.admin1 || d.country || "unnamed place");
  }

  // Rows in date order (then file order), as every list shows them.
  function chronological(rows, day) {
    return rows.slice().sort(function (a, b) { return (day[a] - day[b]) || (a - b); });
  }

  function pageText(total, start, shown, what) {
    // "12 events in view", or "250 events at this place: 101-200 shown, 150 not shown"
    var text = total + (total === 1 ? " event" : " events") + " " + what;
    if (shown < total) {
      text += ": " + (start + 1) + "-" + (start + shown) + " shown, " + (total - shown) + " not shown";
    }
    return text;
  }

  function addRow(table, label, value, className) {
    if (value === "" || value === null || value === undefined) { return; }
    var row = el("tr", className);
    row.appendChild(el("th", null, label));
    var cell = el("td");
    if (value instanceof Node) { cell.appendChild(value); } else { cell.textContent = String(value); }
    row.appendChild(cell);
    table.appendChild(row);
  }

  function eventLink(id, datasetKey) {
    // The app page this map is embedded in (same origin), opened on this event: a link to cite in a report.
    var page;
    try { page = window.parent.location; } catch (e) { page = window.location; }
    var a = onActivate(el("a", "cm-event-link", id), function () {});
    a.href = page.origin + page.pathname + "?dataset=" + encodeURIComponent(datasetKey || "") +
      "&event=" + encodeURIComponent(id);
    a.target = "_blank";
    a.rel = "noopener";
    a.title = "Link to this event";
    return a;
  }

  function detailsElement(d, style, datasetKey) {
    var box = el("div", "cm-popup");
    box.dataset.eventId = d.event_id_cnty;
    var head = el("div", "cm-head");
    head.appendChild(shapeIcon(style, 14, false));
    head.appendChild(el("span", "cm-type", d.event_type + (d.sub_event_type ? " / " + d.sub_event_type : "")));
    box.appendChild(head);
    if (d.claimed_by) {
      box.appendChild(el("div", "cm-claim", "Claim by " + d.claimed_by + ", not independently verified"));
    }
    var table = el("table", "cm-fields");
    addRow(table, "Date", dateText(d), "cm-date");
    var precision = PRECISION_TEXT[parseInt(d.geo_precision, 10)] || "precision unknown";
    addRow(table, "Place", placeText(d) + " (" + precision + ")", "cm-place");
    addRow(table, "Fatalities", countText(d.fatalities, d.fatalities_low, d.fatalities_high), "cm-fatalities");
    addRow(table, "Injuries", countText(d.injuries), "cm-injuries");
    var actors = [d.actor1, d.assoc_actor_1].filter(function (x) { return x; }).join("; ");
    var others = [d.actor2, d.assoc_actor_2].filter(function (x) { return x; }).join("; ");
    addRow(table, "Actors", actors + (others ? " vs " + others : ""), "cm-actors");
    addRow(table, "Source", d.source, "cm-source");
    var links = String(d.source_url || "").split(/\s+/).map(safeUrl).filter(function (x) { return x; });
    if (links.length) {
      var list = el("span", "cm-links");
      links.forEach(function (href, j) {
        var a = onActivate(el("a", null, href), function () {});
        a.href = href;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        if (j) { list.appendChild(document.createTextNode(" ")); }
        list.appendChild(a);
      });
      addRow(table, "Links", list, "cm-urls");
    }
    addRow(table, "Origin", d.origin, "cm-origin");
    addRow(table, "Event id", eventLink(d.event_id_cnty, datasetKey), "cm-id");
    box.appendChild(table);
    if (d.notes) { box.appendChild(el("p", "cm-notes", d.notes)); }
    return box;
  }

  L.ConflictEvents = L.Layer.extend({
    initialize: function (payload) {
      this._payload = payload;
      this._group = L.layerGroup();
      this._halos = L.layerGroup();
      this._renders = 0;
    },

    onAdd: function (map) {
      var self = this;
      this._map = map;
      this._halos.addTo(map);
      this._group.addTo(map);
      map.on("moveend", this._render, this);
      this._started = performance.now();
      var dataset = this._payload.inline ? inlineDataset(this._payload.inline) : loadDataset(this._payload.url);
      dataset.then(function (ds) {
        if (self._map !== map) { return; }
        self._build(ds);
        self._render();
        if (self._payload.focus !== null && self._payload.focus !== undefined) { self._focus(self._payload.focus); }
      }).catch(function (err) {
        document.documentElement.dataset.cmError = String(err);
      });
    },

    onRemove: function (map) {
      map.off("moveend", this._render, this);
      map.closePopup();
      map.removeLayer(this._group);
      map.removeLayer(this._halos);
      if (this._heat) {
        map.removeLayer(this._heat);
        L.DomUtil.removeClass(map.getContainer(), "cm-heat-on");
      }
      if (this._playback) { this._stop(); this._playback.remove(); }
      if (this._listControl) { this._listControl.remove(); }
      this._map = null;
    },

    _build: function (ds) {
      var bits = decodeMask(this._payload.mask), selected = [], heat = [];
      for (var i = 0; i < ds.meta.n; i++) {
        if (bits && !((bits[i >> 3] >> (i & 7)) & 1)) { continue; }
        var lat = ds.lat[i], lon = ds.lon[i];
        if (lat !== lat || lon !== lon) { continue; }
        selected.push(i);
        if (this._payload.heat) { heat.push([lat, lon, 1]); }
      }
      this._ds = ds;
      this._selected = selected;
      // Clusters exist up to this zoom; beyond it points at the very same place would stack, so they stay a
      // cluster whose click lists its events.
      this._clusterZoom = Math.min(this._map.getMaxZoom(), 17) - 1;
      if (this._payload.heat) { this._addHeat(heat); }
      if (this._payload.playback && selected.length) {
        this._addPlayback();
      } else if (selected.length > GRID_FIRST) {
        this._count = selected.length;
        this._grid = true;
        var self = this, map = this._map;
        requestAnimationFrame(function () {
          setTimeout(function () {
            if (self._map !== map) { return; }
            self._index = self._cluster(selected);
            self._grid = false;
            self._render();
          }, 0);
        });
      } else {
        this._index = this._cluster(selected);
      }
      if (this._payload.listControl !== false) { this._addListControl(); }
    },

    _addHeat: function (points) {
      var self = this, map = this._map;
      loadScript(this._payload.heatScript).then(function () {
        if (self._map !== map) { return; }
        self._heat = L.heatLayer(points, {radius: 18, blur: 22, minOpacity: 0.3}).addTo(map);
        // Clusters and markers are drawn hollow and lighter over the heat, which stays readable beneath them.
        L.DomUtil.addClass(map.getContainer(), "cm-heat-on");
        document.documentElement.dataset.cmHeatPoints = String(points.length);
      });
    },

    _cluster: function (rows) {
      // Supercluster keeps only coordinates and properties, so the row number travels in properties.
      var ds = this._ds, features = new Array(rows.length);
      for (var k = 0; k < rows.length; k++) {
        var i = rows[k];
        features[k] = {properties: {i: i}, geometry: {coordinates: [ds.lon[i], ds.lat[i]]}};
      }
      this._count = rows.length;
      return new Supercluster({radius: 50, maxZoom: this._clusterZoom, minPoints: 2}).load(features);
    },

    _addPlayback: function () {
      var self = this, ds = this._ds, first = Infinity, last = -Infinity;
      this._selected.forEach(function (i) { first = Math.min(first, ds.day[i]); last = Math.max(last, ds.day[i]); });
      var control = L.control({position: "topright"});
      control.onAdd = function () {
        var box = el("div", "cm-playback leaflet-control");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", "Play back day by day");
        var back = button("cm-play-back", "\u25C0", function () {
          self._stop();
          self._showDay(Math.max(first, self._day - 1));
        });
        var play = button("cm-play-toggle", "\u25B6 Play", function () {
          if (self._timer) { self._stop(); return; }
          if (self._day >= last) { self._showDay(first); }
          play.textContent = "\u23F8 Pause";
          self._timer = setInterval(function () {
            self._showDay(self._day + 1);
            if (self._day >= last) { self._stop(); }
          }, 1000);
        });
        var next = button("cm-play-next", "\u25B6|", function () {
          self._stop();
          self._showDay(Math.min(last, self._day + 1));
        });
        back.title = "Previous day";
        next.title = "Next day";
        [back, play, next].forEach(function (b) { box.appendChild(b); });
        var label = el("span", "cm-play-label");
        label.setAttribute("aria-live", "polite");
        box.appendChild(label);
        L.DomEvent.disableClickPropagation(box);
        self._playLabel = label;
        self._playButton = play;
        return box;
      };
      this._playback = control.addTo(this._map);
      this._showDay(first);
    },

    _stop: function () {
      if (this._timer) { clearInterval(this._timer); this._timer = null; }
      if (this._playButton) { this._playButton.textContent = "\u25B6 Play"; }
    },

    _showDay: function (day) {
      var ds = this._ds;
      this._day = day;
      var rows = this._selected.filter(function (i) { return ds.day[i] === day; });
      this._index = this._cluster(rows);
      var iso = new Date(day * 86400000).toISOString().slice(0, 10);
      this._playLabel.textContent = iso + ": " + rows.length + (rows.length === 1 ? " event" : " events");
      document.documentElement.dataset.cmPlaybackDay = iso;
      this._render();
    },

    _addListControl: function () {
      var self = this, control = L.control({position: "topleft"});
      control.onAdd = function () {
        var box = el("div", "cm-listview leaflet-control");
        var toggle = button("cm-listview-toggle", "List events in view", function () {
          panel.hidden = !panel.hidden;
          toggle.setAttribute("aria-expanded", String(!panel.hidden));
          self._listStart = 0;
          self._listRows = null;
          if (!panel.hidden) { self._fillList(); }
        });
        toggle.setAttribute("aria-expanded", "false");
        var panel = el("div", "cm-listview-panel");
        panel.setAttribute("role", "region");
        panel.setAttribute("aria-label", "Events in view");
        panel.hidden = true;
        box.appendChild(toggle);
        box.appendChild(panel);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        self._listPanel = panel;
        return box;
      };
      this._listControl = control.addTo(this._map);
    },

    _fillList: function () {
      var panel = this._listPanel;
      if (!panel || panel.hidden || !this._index) { return; }
      var self = this, b = this._map.getBounds();
      var rows = chronological(this._index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
        this._clusterZoom + 1).map(function (f) { return f.properties.i; }), this._ds.day);
      var key = rows.join(",");
      if (key !== this._listRows) {
        // Another set of events in view: back to its first page. The same set (a redraw after opening an event
        // from this list) keeps the panel as it is, and the keyboard focus on the entry just used.
        this._listRows = key;
        this._listStart = 0;
        this._showListPage(panel, rows);
      }
    },

    _showListPage: function (panel, rows) {
      var self = this, start = this._listStart, page = rows.slice(start, start + LIST_PAGE);
      panel.textContent = "";
      panel.appendChild(el("div", "cm-list-title", pageText(rows.length, start, page.length, "in view")));
      panel.appendChild(this._pager(rows.length, start, function (next) {
        self._listStart = next;
        self._showListPage(panel, rows);
      }));
      panel.appendChild(this._listOf(page, function (i) {
        self._openDetails(i, [self._ds.lat[i], self._ds.lon[i]]);
      }));
    },

    _listOf: function (rows, onOpen) {
      // The one list-item builder: shape and colour of the type, then "date type, place" once loaded.
      var self = this, list = el("ul");
      rows.forEach(function (i) {
        var item = el("li"), entry = button("cm-list-item", null, function () { onOpen(i); });
        entry.appendChild(shapeIcon(self._style(i), 12, self._ds.precision[i] >= 2));
        var label = el("span", null, "...");
        entry.appendChild(label);
        loadDetails(self._ds, i).then(function (d) { label.textContent = listLabel(d); });
        item.appendChild(entry);
        list.appendChild(item);
      });
      return list;
    },

    _pager: function (total, start, onPage) {
      // Previous / next page of a long list, so that every event stays reachable, however many share a place.
      var box = el("div", "cm-pager");
      if (total <= LIST_PAGE) { return box; }
      var prev = button("cm-page-prev", "\u25C0 Previous " + LIST_PAGE, function () { onPage(start - LIST_PAGE); });
      var next = button("cm-page-next", "Next " + Math.min(LIST_PAGE, total - start - LIST_PAGE) + " \u25B6",
        function () { onPage(start + LIST_PAGE); });
      prev.disabled = start === 0;
      next.disabled = start + LIST_PAGE >= total;
      box.appendChild(prev);
      box.appendChild(next);
      return box;
    },

    _style: function (i) {
      return this._payload.styles[this._payload.types[this._ds.type[i]]] || {color: "#777777", shape: "circle"};
    },

    _render: function () {
      if (!this._map) { return; }
      if (!this._index) {
        if (this._grid) { this._renderGrid(); }
        return;
      }
      var b = this._map.getBounds(), zoom = Math.min(Math.round(this._map.getZoom()), this._clusterZoom);
      var items = this._index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom);
      this._group.clearLayers();
      this._halos.clearLayers();
      var self = this, markers = 0, clusters = 0;
      items.forEach(function (f) {
        var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        if (f.properties.cluster) {
          clusters++;
          self._group.addLayer(self._clusterMarker(f, ll));
        } else {
          markers++;
          self._group.addLayer(self._eventMarker(f.properties.i, ll));
        }
      });
      this._fillList();
      this._drawn(markers, clusters, "index");
    },

    _drawn: function (markers, clusters, phase) {
      // Reported on the frame's <html> for tests and benchmarks: what is drawn, and when.
      this._renders++;
      GENERATION++;
      var root = document.documentElement.dataset, now = performance.now();
      root.cmShown = String(this._count);
      root.cmMarkers = String(markers);
      root.cmClusters = String(clusters);
      root.cmPhase = phase;
      root.cmGeneration = String(GENERATION);
      root.cmRenderedAt = String(Math.round(performance.timeOrigin + now));
      if (this._renders === 1) {
        root.cmFirstRenderMs = String(Math.round(now - this._started));
        root.cmFirstAt = root.cmRenderedAt;
      }
    },

    _renderGrid: function () {
      // Counts per square of GRID_CELL_PX screen pixels (Web Mercator), until the real clusters are ready.
      var map = this._map, ds = this._ds, rows = this._selected, cells = new Map();
      var scale = 256 * Math.pow(2, map.getZoom()), b = map.getBounds().pad(0.2);
      var south = b.getSouth(), north = b.getNorth(), west = b.getWest(), east = b.getEast();
      for (var k = 0; k < rows.length; k++) {
        var i = rows[k], lat = ds.lat[i], lon = ds.lon[i];
        if (lat < south || lat > north || lon < west || lon > east) { continue; }
        var sin = Math.sin(lat * Math.PI / 180);
        var x = Math.floor((lon + 180) / 360 * scale / GRID_CELL_PX);
        var y = Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale / GRID_CELL_PX);
        var key = x * 4194304 + y, cell = cells.get(key);
        if (!cell) { cell = [0, 0, 0, i]; cells.set(key, cell); }
        cell[0]++;
        cell[1] += lat;
        cell[2] += lon;
      }
      this._group.clearLayers();
      this._halos.clearLayers();
      var self = this, markers = 0, clusters = 0;
      cells.forEach(function (cell) {
        var ll = [cell[1] / cell[0], cell[2] / cell[0]];
        if (cell[0] === 1) {
          markers++;
          self._group.addLayer(self._eventMarker(cell[3], ll));
        } else {
          clusters++;
          self._group.addLayer(self._countMarker(cell[0], String(cell[0]), ll, function () {
            map.setView(ll, Math.min(map.getZoom() + 2, self._clusterZoom));
          }));
        }
      });
      this._drawn(markers, clusters, "grid");
    },

    _countMarker: function (count, label, ll, onClick) {
      var size = Math.round(28 + 8 * Math.log10(count)), div = el("div", "cm-cluster-inner", label);
      div.style.width = div.style.height = size + "px";
      div.style.lineHeight = size + "px";
      var marker = L.marker(ll, {
        icon: L.divIcon({html: div, className: "cm-cluster", iconSize: [size, size]}),
        title: count + " events",
        keyboard: true
      });
      marker.on("click", onClick);
      return marker;
    },

    _clusterMarker: function (f, ll) {
      var self = this;
      return this._countMarker(f.properties.point_count, f.properties.point_count_abbreviated, ll, function () {
        var next = self._index.getClusterExpansionZoom(f.properties.cluster_id);
        if (next <= self._clusterZoom && next > self._map.getZoom()) {
          self._map.setView(ll, next);
        } else {
          self._listPopup(f, ll);
        }
      });
    },

    _eventMarker: function (i, ll) {
      var style = this._style(i), precision = this._ds.precision[i], approximate = precision >= 2;
      var marker = L.marker(ll, {
        icon: L.divIcon({
          html: shapeIcon(style, 18, approximate),
          className: "cm-marker" + (approximate ? " cm-approx" : ""),
          iconSize: [18, 18]
        }),
        title: this._payload.types[this._ds.type[i]],
        keyboard: true
      });
      if (approximate) {
        this._halos.addLayer(L.circle(ll, {
          radius: HALO_METRES[precision], color: style.color, weight: 1, dashArray: "4 4",
          fillOpacity: 0.08, interactive: false, className: "cm-halo"
        }));
      }
      var self = this;
      marker.on("click", function () { self._openDetails(i, ll); });
      marker._cmIndex = i;
      return marker;
    },

    _openDetails: function (i, ll) {
      var self = this, holder = el("div", "cm-popup-holder", "Loading...");
      var popup = this._popup(ll).setContent(holder);
      this._show(popup);
      loadDetails(this._ds, i).then(function (d) {
        holder.textContent = "";
        holder.appendChild(detailsElement(d, self._style(i), self._payload.dataset));
        self._show(popup);
      }).catch(function () {
        holder.textContent = "The details of this event could not be loaded; reload the page.";
      });
    },

    _popup: function (ll) {
      // Taller content scrolls inside the popup.
      return L.popup({maxWidth: 360, maxHeight: Math.max(160, this._map.getSize().y - 140)}).setLatLng(ll);
    },

    _show: function (popup) {
      // Open the popup, or fit it to its new content; either way the map pans it into view, clear of the
      // controls in the corners as they are now (a list or the legend may have been opened or closed since).
      var size = this._map.getSize();
      popup.options.autoPanPaddingTopLeft = cornerPadding(this._map, "top", "left", size);
      popup.options.autoPanPaddingBottomRight = cornerPadding(this._map, "bottom", "right", size);
      if (popup.isOpen()) { popup.update(); } else { popup.openOn(this._map); }
    },

    _listPopup: function (f, ll) {
      // The events of a cluster that no zoom can split (they share one place), a page at a time; an entry shows
      // its event in the same popup, with a way back to the same page of the list.
      var self = this, total = f.properties.point_count, box = el("div", "cm-list");
      var all = chronological(this._index.getLeaves(f.properties.cluster_id, Infinity).map(function (leaf) {
        return leaf.properties.i;
      }), this._ds.day);
      var popup = this._popup(ll).setContent(box);
      function showPage(start) {
        var rows = all.slice(start, start + LIST_PAGE);
        box.className = "cm-list";
        box.textContent = "";
        box.appendChild(el("div", "cm-list-title", pageText(total, start, rows.length, "at this place")));
        box.appendChild(self._pager(total, start, showPage));
        box.appendChild(self._listOf(rows, function (i) { showEvent(i, start); }));
        if (popup.isOpen()) { self._show(popup); }
      }
      function showEvent(i, start) {
        loadDetails(self._ds, i).then(function (d) {
          box.className = "cm-list cm-list-event";
          box.textContent = "";
          box.appendChild(button("cm-back", "\u25C0 All " + total + " events at this place", function () {
            showPage(start);
          }));
          box.appendChild(detailsElement(d, self._style(i), self._payload.dataset));
          self._show(popup);
        });
      }
      showPage(0);
      this._show(popup);
    },

    _focus: function (i) {
      var ds = this._ds, lat = ds.lat[i], lon = ds.lon[i];
      if (lat !== lat || lon !== lon) { return; }
      this._map.setView([lat, lon], Math.max(this._map.getZoom(), 11));
      this._openDetails(i, [lat, lon]);
    }
  });

  L.conflictEvents = function (payload) { return new L.ConflictEvents(payload); };

  L.conflictReference = function (places) {
    // Town labels for a map without tiles: the larger the town, the earlier (lower zoom) it is labelled.
    var group = L.layerGroup(), map = null;
    function minZoom(population) { return population >= 1000000 ? 0 : population >= 400000 ? 6 : 7; }
    function draw() {
      group.clearLayers();
      var zoom = map.getZoom(), bounds = map.getBounds().pad(0.1);
      places.forEach(function (p) {
        if (zoom < minZoom(p[3]) || !bounds.contains([p[1], p[2]])) { return; }
        var label = el("span", "cm-ref-label", p[0]);
        group.addLayer(L.marker([p[1], p[2]], {
          icon: L.divIcon({html: label, className: "cm-ref", iconSize: null}),
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
    return group;
  };

  // The legend opens and closes with its title button (a keyboard-usable control); the choice is kept for the
  // browser tab's session. Until the user chooses, it starts closed on a small map, where it would cover markers.
  var LEGEND_KEY = "conflictmap.legendOpen";
  var LEGEND_MIN_SIZE = [640, 420];

  function remembered(key) {
    try { return window.sessionStorage.getItem(key); } catch (e) { return null; }
  }

  function remember(key, value) {
    try { window.sessionStorage.setItem(key, value); } catch (e) { /* storage refused: the choice lasts this page */ }
  }

  L.conflictLegend = function (config) {
    var control = L.control({position: "bottomright"});
    control.onAdd = function (map) {
      var box = el("div", "cm-legend leaflet-control");
      var body = el("div", "cm-legend-body");
      body.id = "cm-legend-body-" + L.Util.stamp(box);
      var toggle = button("cm-legend-toggle", "Event types", function () {
        show(body.hidden);
        remember(LEGEND_KEY, body.hidden ? "0" : "1");
      });
      toggle.setAttribute("aria-controls", body.id);
      function show(open) {
        body.hidden = !open;
        toggle.setAttribute("aria-expanded", String(open));
        toggle.title = open ? "Hide the legend" : "Show the legend";
      }
      config.types.forEach(function (name) {
        var row = el("div", "cm-legend-row");
        row.appendChild(shapeIcon(config.styles[name], 14, false));
        row.appendChild(el("span", null, name));
        body.appendChild(row);
      });
      var approx = el("div", "cm-legend-row");
      approx.appendChild(shapeIcon({shape: "circle", color: "#777777"}, 14, true));
      approx.appendChild(el("span", null, "faded, dashed: approximate place (halo = area)"));
      body.appendChild(approx);
      box.appendChild(toggle);
      box.appendChild(body);
      var size = map.getSize(), stored = remembered(LEGEND_KEY);
      show(stored !== null ? stored === "1" : size.x >= LEGEND_MIN_SIZE[0] && size.y >= LEGEND_MIN_SIZE[1]);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    return control;
  };
}());
