// Queries over one published dataset, built once per dataset and answered per drawing: which rows a filter
// selects, their clusters in a view, the rows of one cluster, the rows in view. No DOM and no Leaflet: the same
// code runs in a Web Worker (worker.js) or, where a worker cannot start, on the page itself.
//
// A filter is evaluated here on the typed columns the browser already has (day, span, type code, geo_precision),
// from the description the server sends: {days: [first, last] day numbers or null (all): an event is in when any
// day of its span [day, day + span] is (as filters._in_dates), types: [type codes] or null
// (all), precise: bool (geo_precision 1 only), mask: Uint8Array of bits or null (what only the server can
// evaluate: text search, near a place, sub-event types), include: a row shown whatever the filter (the event a
// link opens) or null}. Clusters are counts per square of screen pixels at the view's zoom, computed from the
// selected rows in view at each drawing: a filter change rebuilds nothing but the selection.

import KDBush from "kdbush";
import {decodeMask} from "./data.js";

export const GRID_CELL_PX = 60;
// Neighbouring cells whose points' mean places are closer than this (screen pixels) are one cluster.
export const MERGE_PX = 30;
// Below this many rows every view scans the selection; above it, views showing a small part of the data ask a
// k-d tree of all the points (built once, on the first such view).
export const TREE_FROM = 50000;
export const COUNTRY_ONLY = 4;  // geo_precision: only the country is known (not drawn)

// Web Mercator of (lat, lon), as fractions of the world's width from the top left: Leaflet's pixel at zoom z is
// this times 256 * 2^z.
export function mercatorX(lon) {
  return (lon + 180) / 360;
}

export function mercatorY(lat) {
  const sin = Math.sin(lat * Math.PI / 180);
  const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  return y < 0 ? 0 : y > 1 ? 1 : y;
}

export function latitudeOf(y) {
  return 360 / Math.PI * Math.atan(Math.exp((1 - 2 * y) * Math.PI)) - 90;
}

// The filter an events layer's payload asks for (see layer.js): its description, its mask, the event a link opens.
export function selectionFilter(payload) {
  const filter = payload.filter || {};
  return {days: filter.days || null, types: filter.types || null, precise: Boolean(filter.precise),
    mask: decodeMask(payload.mask), include: payload.focus === undefined ? null : payload.focus};
}

// Rows sorted by day, then by row: a counting sort over the days present (one pass, 4 bytes a row).
export function dayOrder(day, n) {
  let first = Infinity, last = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (d < first) { first = d; }
    if (d > last) { last = d; }
  }
  const order = new Uint32Array(n);
  if (!n) { return order; }
  const starts = new Uint32Array(last - first + 2);
  for (let i = 0; i < n; i++) { starts[day[i] - first + 1]++; }
  for (let k = 1; k < starts.length; k++) { starts[k] += starts[k - 1]; }
  for (let i = 0; i < n; i++) { order[starts[day[i] - first]++] = i; }
  return order;
}

export class DatasetIndex {
  // `columns`: {lat: Float32Array, lon: Float32Array, type: Uint8Array, precision: Uint8Array, day: Int32Array,
  // span: Uint16Array (days after `day` the event runs; absent: every event lasts one day)}, n rows each; a row
  // without coordinates (NaN) or placed only to a country is not drawn.
  constructor(columns, n) {
    this.n = n;
    this.lat = columns.lat;
    this.lon = columns.lon;
    this.type = columns.type;
    this.precision = columns.precision;
    this.day = columns.day;
    this.span = columns.span || new Uint16Array(n);
    let longest = 0;
    for (let i = 0; i < n; i++) { if (this.span[i] > longest) { longest = this.span[i]; } }
    this.longest = longest;  // an event that began up to this many days before a range may still run in it
    this.x = new Float32Array(n);
    this.y = new Float32Array(n);
    let west = Infinity, east = -Infinity, north = Infinity, south = -Infinity;
    for (let i = 0; i < n; i++) {
      const la = this.lat[i], lo = this.lon[i];
      if (la !== la || lo !== lo || this.precision[i] === COUNTRY_ONLY) {
        this.x[i] = NaN;
        this.y[i] = NaN;
        continue;
      }
      this.x[i] = mercatorX(lo);
      this.y[i] = mercatorY(la);
      const x = this.x[i], y = this.y[i];  // as stored (float32), so that the extent holds every point
      if (x < west) { west = x; }
      if (x > east) { east = x; }
      if (y < north) { north = y; }
      if (y > south) { south = y; }
    }
    this.extent = west <= east ? {x0: west, y0: north, x1: east, y1: south} : null;
    this.order = dayOrder(this.day, n);
    this.tree = null;
  }

  // Positions [lo, hi) of `order` whose day is within [first, last].
  dayRun(first, last) {
    const order = this.order, day = this.day;
    const bound = (d) => {
      let lo = 0, hi = this.n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (day[order[mid]] < d) { lo = mid + 1; } else { hi = mid; }
      }
      return lo;
    };
    return [bound(first), bound(last + 1)];
  }

  // The rows `filter` selects, in date order (then file order): {rows: drawn as a point, offMap: not drawn,
  // flags: Uint8Array(n), 1 for each selected row drawn as a point, 2 for each one not drawn}. A row is in a
  // range of days when any day of its span is: the rows that begin up to `longest` days before the range are
  // tested too. A range that ends before it begins holds no day.
  select(filter) {
    const {order, type, precision, x, day, span, n} = this;
    const first = filter.days ? filter.days[0] : -Infinity, last = filter.days ? filter.days[1] : Infinity;
    const [lo, hi] = !filter.days ? [0, n] : first > last ? [0, 0] : this.dayRun(first - this.longest, last);
    const typeOk = new Uint8Array(256).fill(filter.types ? 0 : 1);
    if (filter.types) { filter.types.forEach((code) => { typeOk[code] = 1; }); }
    const precise = Boolean(filter.precise), mask = filter.mask || null;
    const rows = new Uint32Array(hi - lo), flags = new Uint8Array(n), offMap = [];
    let count = 0;
    const keep = (i) => typeOk[type[i]] === 1 && (!precise || precision[i] === 1) &&
      (mask === null || ((mask[i >> 3] >> (i & 7)) & 1) === 1);
    const inDays = (i) => day[i] <= last && day[i] + span[i] >= first;
    if (hi - lo > n / 8) {
      // A large part of the data: test the rows in memory order, then read them out in date order.
      for (let i = 0; i < n; i++) {
        if (inDays(i) && keep(i)) { flags[i] = x[i] === x[i] ? 1 : 2; }
      }
      for (let k = lo; k < hi; k++) {
        const i = order[k], f = flags[i];
        if (f === 1) { rows[count++] = i; } else if (f === 2) { offMap.push(i); }
      }
    } else {
      for (let k = lo; k < hi; k++) {
        const i = order[k];
        if (!inDays(i) || !keep(i)) { continue; }
        if (x[i] === x[i]) {
          rows[count++] = i;
          flags[i] = 1;
        } else {
          offMap.push(i);
          flags[i] = 2;
        }
      }
    }
    const selection = {rows: rows.subarray(0, count), offMap: Uint32Array.from(offMap), flags: flags};
    const extra = filter.include;
    if (extra !== null && extra !== undefined && extra >= 0 && extra < this.n && flags[extra] === 0) {
      const drawn = x[extra] === x[extra], list = drawn ? selection.rows : selection.offMap;
      const merged = new Uint32Array(list.length + 1);
      const at = this._position(list, extra);
      merged.set(list.subarray(0, at));
      merged[at] = extra;
      merged.set(list.subarray(at), at + 1);
      flags[extra] = drawn ? 1 : 2;
      if (drawn) { selection.rows = merged; } else { selection.offMap = merged; }
    }
    return selection;
  }

  // The first and last day on which `rows` run within the days of `filter` (the event it includes on all of its
  // own days): [first, last], or [null, null] for no rows. Day-by-day playback runs over these days.
  daysOf(rows, filter) {
    const {day, span} = this, include = filter.include;
    const lo = filter.days ? filter.days[0] : -Infinity, hi = filter.days ? filter.days[1] : Infinity;
    let first = Infinity, last = -Infinity;
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k], own = i === include;
      first = Math.min(first, own ? day[i] : Math.max(day[i], lo));
      last = Math.max(last, own ? day[i] + span[i] : Math.min(day[i] + span[i], hi));
    }
    return rows.length ? [first, last] : [null, null];
  }

  _position(list, row) {
    const day = this.day, d = day[row];
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1, other = list[mid];
      if (day[other] < d || (day[other] === d && other < row)) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  // Which rows to test for a view `box` ({x0, y0, x1, y1}, Web Mercator fractions): {rows: ids to test, or
  // null for every row in file order (memory order is faster than date order once the selection is a large part
  // of the data), scan: whether the box test is still to be made}. A view showing a small part of a large
  // selection asks a k-d tree of all the points instead (built once, on the first such view).
  _candidates(selection, box) {
    const rows = selection.rows, n = this.n;
    if (selection.flags && rows.length > TREE_FROM && this.extent && this._share(box) * n < rows.length / 2) {
      const flags = selection.flags, found = this._tree().range(box.x0, box.y0, box.x1, box.y1);
      let m = 0;
      for (let k = 0; k < found.length; k++) {
        if (flags[found[k]] === 1) { found[m++] = found[k]; }
      }
      found.length = m;
      return {rows: found, scan: false};
    }
    return {rows: selection.flags && rows.length > n / 8 ? null : rows, scan: true};
  }

  // The share of the data's extent that `box` covers (0..1): how much of the data a view can hold.
  _share(box) {
    const e = this.extent;
    const w = Math.min(box.x1, e.x1) - Math.max(box.x0, e.x0), h = Math.min(box.y1, e.y1) - Math.max(box.y0, e.y0);
    if (w < 0 || h < 0) { return 0; }
    const area = Math.max((e.x1 - e.x0) * (e.y1 - e.y0), 1e-18);
    return Math.min(1, (Math.max(w, 1e-12) * Math.max(h, 1e-12)) / area);
  }

  _tree() {
    if (this.tree === null) {
      const tree = new KDBush(this.n, 64, Float32Array);
      for (let i = 0; i < this.n; i++) {
        // Rows not drawn are put far outside the world, where no view reaches.
        if (this.x[i] === this.x[i]) { tree.add(this.x[i], this.y[i]); } else { tree.add(-10, -10); }
      }
      this.tree = tree.finish();
    }
    return this.tree;
  }

  // The clusters of the selected rows inside `view` at zoom `zoom`: counts per square of `cellPx` screen pixels,
  // a cell merged with its neighbours whose points lie close to its own. {count, lat, lon (the cluster's mean
  // place), row (its first row in date order), start, cells, zoom, cellPx}: typed arrays with one entry per
  // cluster, in reading order (north to south, then west to east: the order a keyboard reaches the markers in);
  // cluster k's cells are cells[2 * start[k] .. 2 * start[k + 1]) as [cx, cy] pairs.
  clusters(selection, view, zoom, cellPx = GRID_CELL_PX) {
    const size = Math.pow(2, zoom) * 256 / cellPx;  // cells around the world
    const e = this.extent || view;  // no cells beyond the data (a view larger than the data, the world)
    const box = {x0: Math.max(view.x0, e.x0), y0: Math.max(view.y0, e.y0), x1: Math.min(view.x1, e.x1),
      y1: Math.min(view.y1, e.y1)};
    if (box.x0 > box.x1 || box.y0 > box.y1) { box.x1 = box.x0; box.y1 = box.y0; }
    const cx0 = Math.floor(box.x0 * size), cy0 = Math.floor(box.y0 * size);
    const width = Math.floor(box.x1 * size) - cx0 + 1, height = Math.floor(box.y1 * size) - cy0 + 1;
    const count = new Uint32Array(width * height), first = new Uint32Array(width * height);
    const sumX = new Float64Array(width * height), sumY = new Float64Array(width * height);
    const {x, y, day} = this, {x0, y0, x1, y1} = box, flags = selection.flags;
    const found = this._candidates(selection, box), rows = found.rows, scan = found.scan;
    const total = rows === null ? this.n : rows.length;
    for (let k = 0; k < total; k++) {
      const i = rows === null ? k : rows[k];
      if (rows === null && flags[i] !== 1) { continue; }
      const px = x[i], py = y[i];
      if (scan && !(px >= x0 && px <= x1 && py >= y0 && py <= y1)) { continue; }
      const c = (Math.floor(py * size) - cy0) * width + (Math.floor(px * size) - cx0);
      if (count[c] === 0) {
        first[c] = i;
      } else if (rows !== selection.rows) {
        const f = first[c];
        if (day[i] < day[f] || (day[i] === day[f] && i < f)) { first[c] = i; }
      }
      count[c]++;
      sumX[c] += px;
      sumY[c] += py;
    }
    // Points a cell border separates are drawn as one cluster: a cell takes in its neighbours whose mean place
    // is within MERGE_PX of its own, the fuller cells first.
    const filled = [];
    for (let c = 0; c < count.length; c++) { if (count[c]) { filled.push(c); } }
    const byCount = filled.slice().sort((a, b) => (count[b] - count[a]) || (a - b));
    const owner = new Int32Array(count.length).fill(-1), world = size * cellPx, members = new Map();
    for (const c of byCount) {
      if (owner[c] !== -1) { continue; }
      owner[c] = c;
      const own = [c], col = c % width, line = (c - col) / width;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nc = col + dx, nl = line + dy, d = nl * width + nc;
          if (nc < 0 || nc >= width || nl < 0 || nl >= height || !count[d] || owner[d] !== -1) { continue; }
          const ex = (sumX[c] / count[c] - sumX[d] / count[d]) * world;
          const ey = (sumY[c] / count[c] - sumY[d] / count[d]) * world;
          if (ex * ex + ey * ey > MERGE_PX * MERGE_PX) { continue; }
          owner[d] = c;
          own.push(d);
          count[c] += count[d];
          sumX[c] += sumX[d];
          sumY[c] += sumY[d];
          const f = first[d], g = first[c];
          if (day[f] < day[g] || (day[f] === day[g] && f < g)) { first[c] = f; }
        }
      }
      members.set(c, own);
    }
    const kept = filled.filter((c) => owner[c] === c), cells = kept.length;
    const out = {count: new Uint32Array(cells), lat: new Float64Array(cells), lon: new Float64Array(cells),
      row: new Uint32Array(cells), start: new Uint32Array(cells + 1), cells: new Int32Array(2 * filled.length),
      zoom: zoom, cellPx: cellPx};
    let at = 0;
    kept.forEach((c, k) => {
      const m = count[c];
      out.count[k] = m;
      out.lat[k] = latitudeOf(sumY[c] / m);
      out.lon[k] = sumX[c] / m * 360 - 180;
      out.row[k] = first[c];
      out.start[k] = at;
      members.get(c).forEach((d) => {
        out.cells[2 * at] = cx0 + d % width;
        out.cells[2 * at + 1] = cy0 + Math.floor(d / width);
        at++;
      });
    });
    out.start[cells] = at;
    return out;
  }

  // The selected rows of one cluster of clusters(..., zoom, cellPx): in the cells `cells` ([cx, cy, cx, cy,
  // ...]), in date order.
  cellRows(selection, cells, zoom, cellPx = GRID_CELL_PX) {
    const size = Math.pow(2, zoom) * 256 / cellPx, {x, y} = this, rows = [], wanted = new Set();
    let box = null;
    for (let k = 0; k < cells.length; k += 2) {
      const cx = cells[k], cy = cells[k + 1];
      wanted.add(cx + "," + cy);
      box = box === null ? {x0: cx, y0: cy, x1: cx + 1, y1: cy + 1} : {x0: Math.min(box.x0, cx),
        y0: Math.min(box.y0, cy), x1: Math.max(box.x1, cx + 1), y1: Math.max(box.y1, cy + 1)};
    }
    if (box === null) { return new Uint32Array(0); }
    const found = this._candidates(selection, {x0: box.x0 / size, y0: box.y0 / size, x1: box.x1 / size,
      y1: box.y1 / size}), flags = selection.flags;
    const total = found.rows === null ? this.n : found.rows.length;
    for (let k = 0; k < total; k++) {
      const i = found.rows === null ? k : found.rows[k];
      if (flags[i] === 1 && wanted.has(Math.floor(x[i] * size) + "," + Math.floor(y[i] * size))) { rows.push(i); }
    }
    return Uint32Array.from(rows).sort((a, b) => (this.day[a] - this.day[b]) || (a - b));
  }

  // The first zoom after `zoom`, up to `maxZoom`, at which `rows` are drawn as more than one cluster or marker;
  // null when they never are (they share a place: their cluster is a list).
  splitZoom(rows, zoom, maxZoom, cellPx = GRID_CELL_PX) {
    if (rows.length < 2) { return null; }
    const {x, y} = this;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k];
      x0 = Math.min(x0, x[i]);
      x1 = Math.max(x1, x[i]);
      y0 = Math.min(y0, y[i]);
      y1 = Math.max(y1, y[i]);
    }
    const box = {x0: x0, y0: y0, x1: x1, y1: y1}, only = {rows: rows, flags: null};
    for (let z = zoom + 1; z <= maxZoom; z++) {
      if (this.clusters(only, box, z, cellPx).count.length > 1) { return z; }
    }
    return null;
  }

  // The selected rows inside `box`, in date order.
  rowsIn(selection, box) {
    const {x, y} = this, {x0, y0, x1, y1} = box, rows = [], all = selection.rows;
    for (let k = 0; k < all.length; k++) {
      const i = all[k], px = x[i], py = y[i];
      if (px >= x0 && px <= x1 && py >= y0 && py <= y1) { rows.push(i); }
    }
    return Uint32Array.from(rows);
  }
}
