// The dataset's index: what a filter selects, the clusters in a view, the rows of one cluster, the rows in view.

import {test} from "node:test";
import assert from "node:assert/strict";
import {DatasetIndex, GRID_CELL_PX, TREE_FROM, dayOrder, latitudeOf, mercatorX, mercatorY}
  from "../../static/conflictmap/query.js";

// Columns of `rows` ([lat, lon, type, precision, day, span (days after `day` the event runs; 0 if absent)]), as
// points.bin holds them.
function columns(rows) {
  return {
    lat: new Float32Array(rows.map((r) => r[0])), lon: new Float32Array(rows.map((r) => r[1])),
    type: new Uint8Array(rows.map((r) => r[2])), precision: new Uint8Array(rows.map((r) => r[3])),
    day: new Int32Array(rows.map((r) => r[4])), span: new Uint16Array(rows.map((r) => r[5] || 0))
  };
}

function index(rows) {
  return new DatasetIndex(columns(rows), rows.length);
}

const WORLD = {x0: 0, y0: 0, x1: 1, y1: 1};
const KYIV = [50.45, 30.52], KHARKIV = [49.98, 36.25];
// Row: [lat, lon, type code, geo_precision, day number]
const ROWS = [
  [...KYIV, 1, 1, 20030],       // 0
  [NaN, NaN, 5, 0, 20028],      // 1: no coordinates
  [...KHARKIV, 4, 3, 20029],    // 2
  [...KYIV, 1, 2, 20028],       // 3
  [49.0, 32.0, 0, 4, 20029],    // 4: only the country is known
  [...KHARKIV, 0, 1, 20031]     // 5
];

function bits(selected, n) {
  const mask = new Uint8Array(Math.ceil(n / 8));
  selected.forEach((i) => { mask[i >> 3] |= 1 << (i & 7); });
  return mask;
}

test("rows in day order, then file order", () => {
  assert.deepEqual(Array.from(dayOrder(new Int32Array([5, 3, 5, 4, 3]), 5)), [1, 4, 3, 0, 2]);
  assert.deepEqual(Array.from(dayOrder(new Int32Array([]), 0)), []);
});

test("Web Mercator fractions invert and match Leaflet's projection", () => {
  assert.equal(mercatorX(-180), 0);
  assert.equal(mercatorX(0), 0.5);
  assert.ok(Math.abs(mercatorY(0) - 0.5) < 1e-12);
  assert.ok(Math.abs(latitudeOf(mercatorY(50.45)) - 50.45) < 1e-9);
  assert.ok(mercatorY(60) < mercatorY(50), "north is up");
});

test("a filter selects by dates, types, precision and mask, in date order; the rest is not on the map", () => {
  const ix = index(ROWS);
  const all = ix.select({days: null, types: null});
  assert.deepEqual(Array.from(all.rows), [3, 2, 0, 5]);
  assert.deepEqual(Array.from(all.offMap), [1, 4], "no coordinates, or only the country: listed, not drawn");
  assert.deepEqual(Array.from(ix.select({days: [20029, 20030], types: null}).rows), [2, 0]);
  assert.deepEqual(Array.from(ix.select({days: [20029, 20030], types: null}).offMap), [4]);
  assert.deepEqual(Array.from(ix.select({days: null, types: [1]}).rows), [3, 0]);
  assert.deepEqual(Array.from(ix.select({days: null, types: []}).rows), [], "no type ticked: nothing");
  assert.deepEqual(Array.from(ix.select({days: null, types: null, precise: true}).rows), [0, 5]);
  assert.deepEqual(Array.from(ix.select({days: null, types: null, mask: bits([0, 1, 2], 6)}).rows), [2, 0]);
  assert.deepEqual(Array.from(ix.select({days: [20031, 20040], types: [0, 1], precise: true}).rows), [5]);
  assert.deepEqual(Array.from(ix.select({days: [20100, 20200], types: null}).rows), []);
  assert.deepEqual(Array.from(ix.select({days: [-(2 ** 31), 20028], types: null}).rows), [3], "an open end");
});

// Around the range 20010..20012: one-day events and events over several days.
const SPANS = [
  [...KYIV, 1, 1, 20011],          // 0: one day, inside
  [...KYIV, 1, 1, 20009],          // 1: one day, before
  [...KYIV, 1, 1, 20013],          // 2: one day, after
  [...KYIV, 1, 1, 20008, 2],       // 3: 20008..20010, over the start
  [...KYIV, 1, 1, 20012, 8],       // 4: 20012..20020, over the end
  [NaN, NaN, 1, 0, 19900, 200],    // 5: 19900..20100, over the whole range (not on the map)
  [...KYIV, 1, 1, 20001, 8],       // 6: 20001..20009, ends the day before
  [...KYIV, 2, 1, 20013, 1],       // 7: 20013..20014, starts the day after
  [...KHARKIV, 0, 1, 20010, 1]     // 8: 20010..20011, inside
];

test("an event is in every range of days any of its days is in (small and large selections alike)", () => {
  const ix = index(SPANS), pick = (days, extra = {}) => {
    const selection = ix.select({days: days, types: null, ...extra});
    return [Array.from(selection.rows), Array.from(selection.offMap)];
  };
  assert.deepEqual(pick([20010, 20012]), [[3, 8, 0, 4], [5]], "in date order of their first day");
  assert.deepEqual(pick([20009, 20009]), [[6, 3, 1], [5]]);
  assert.deepEqual(pick([20015, 2 ** 31 - 1]), [[4], [5]], "an open end");
  assert.deepEqual(pick([-(2 ** 31), 20000]), [[], [5]]);
  assert.deepEqual(pick([20101, 20200]), [[], []]);
  assert.deepEqual(pick([20011, 20010]), [[], []], "a range that ends before it begins holds no day");
  assert.deepEqual(pick([20013, 20013], {types: [2]}), [[7], []]);
  // Many one-day events around them: the same rows, whether read in memory order or in date order.
  const crowd = SPANS.concat(Array.from({length: 200}, (_, i) => [...KHARKIV, 3, 1, 20100 + i]));
  const large = new DatasetIndex(columns(crowd), crowd.length);
  for (const days of [[20010, 20012], [20009, 20009], [20000, 20300]]) {
    const selection = large.select({days: days, types: [0, 1, 2]});
    assert.deepEqual(Array.from(selection.rows), pick(days)[0], String(days));
  }
});

test("the days a selection runs on are those of its events, within the filter's", () => {
  const ix = index(SPANS);
  const days = (filter) => ix.daysOf(ix.select(filter).rows, filter);
  assert.deepEqual(days({days: [20010, 20030], types: null}), [20010, 20020], "event 4 runs to 20020");
  assert.deepEqual(days({days: [20000, 20009], types: null}), [20001, 20009]);
  assert.deepEqual(days({days: null, types: null}), [20001, 20020]);
  assert.deepEqual(days({days: [20030, 20040], types: null}), [null, null]);
  assert.deepEqual(days({days: [20030, 20040], types: null, include: 4}), [20012, 20020], "a linked event: its own");
});

test("the event a link opens is selected whatever the filter, in its date order", () => {
  const ix = index(ROWS);
  const kept = ix.select({days: [20031, 20031], types: null, include: 3});
  assert.deepEqual(Array.from(kept.rows), [3, 5]);
  assert.equal(kept.flags[3], 1);
  assert.deepEqual(Array.from(ix.select({days: [20031, 20031], types: null, include: 1}).offMap), [1]);
  assert.deepEqual(Array.from(ix.select({days: null, types: null, include: 0}).rows), [3, 2, 0, 5], "once");
});

test("large and small selections are read the same way (memory order or date order)", () => {
  const rows = Array.from({length: 400}, (_, i) => [48 + (i % 7) / 10, 30 + (i % 11) / 10, i % 6, 1 + i % 3,
    20000 + (i * 37) % 50]);
  const ix = index(rows);
  for (const days of [[20000, 20049], [20010, 20011], [20049, 20049]]) {
    const selection = ix.select({days: days, types: [0, 2, 4]});
    const expected = rows.map((r, i) => i).filter((i) => rows[i][4] >= days[0] && rows[i][4] <= days[1] &&
      [0, 2, 4].includes(rows[i][2])).sort((a, b) => (rows[a][4] - rows[b][4]) || (a - b));
    assert.deepEqual(Array.from(selection.rows), expected, String(days));
  }
});

test("clusters count every selected point in view once, at the mean place of their points", () => {
  const ix = index(ROWS), selection = ix.select({days: null, types: null});
  const cells = ix.clusters(selection, WORLD, 6);
  assert.deepEqual(Array.from(cells.count), [2, 2], "Kyiv's two, Kharkiv's two");
  assert.ok(Math.abs(cells.lat[0] - KYIV[0]) < 1e-4 && Math.abs(cells.lon[0] - KYIV[1]) < 1e-4, "Kyiv first: north");
  assert.deepEqual(Array.from(cells.row), [3, 2], "each cluster's first event in date order");
  const east = {x0: mercatorX(35), y0: mercatorY(52), x1: mercatorX(40), y1: mercatorY(48)};
  assert.deepEqual(Array.from(ix.clusters(selection, east, 6).count), [2], "only what is in view");
  assert.equal(ix.clusters(ix.select({days: [20100, 20100], types: null}), WORLD, 6).count.length, 0);
});

test("points a cell border separates are one cluster; far points are not", () => {
  // Two points 4 pixels apart at zoom 8, on either side of a cell border.
  const zoom = 8, world = 256 * Math.pow(2, zoom), border = 600 * GRID_CELL_PX;
  const near = [border - 2, border + 2].map((px) => [latitudeOf(0.35), (px / world) * 360 - 180, 0, 1, 20000]);
  const ix = index(near.concat([[latitudeOf(0.35), ((border + 200) / world) * 360 - 180, 0, 1, 20000]]));
  const cells = ix.clusters(ix.select({days: null, types: null}), WORLD, zoom);
  assert.deepEqual(Array.from(cells.count), [2, 1]);
  assert.equal(cells.start[1] - cells.start[0], 2, "the cluster holds both cells");
  const members = cells.cells.slice(2 * cells.start[0], 2 * cells.start[1]);
  assert.deepEqual(Array.from(ix.cellRows(ix.select({days: null, types: null}), members, zoom)), [0, 1]);
});

test("a cluster's rows come in date order; the zoom that splits them, or none at one place", () => {
  const rows = [[...KYIV, 0, 1, 20005], [...KYIV, 0, 1, 20001], [50.46, 30.53, 0, 1, 20003], [...KHARKIV, 0, 1, 1]];
  const ix = index(rows), selection = ix.select({days: null, types: null});
  const cells = ix.clusters(selection, WORLD, 5);
  const kyiv = cells.count.indexOf(3);
  const members = cells.cells.slice(2 * cells.start[kyiv], 2 * cells.start[kyiv + 1]);
  const inKyiv = ix.cellRows(selection, members, 5);
  assert.deepEqual(Array.from(inKyiv), [1, 2, 0]);
  const split = ix.splitZoom(inKyiv, 5, 16);
  assert.ok(split > 5 && split <= 16);
  const around = {x0: mercatorX(30.4), y0: mercatorY(50.6), x1: mercatorX(30.7), y1: mercatorY(50.3)};
  assert.equal(ix.clusters({rows: inKyiv, flags: null}, around, split).count.length, 2, "split there, not before");
  assert.equal(ix.clusters({rows: inKyiv, flags: null}, around, split - 1).count.length, 1);
  assert.equal(ix.splitZoom(new Uint32Array([0, 1]), 5, 16), null, "the very same place: a list");
});

test("rows in view are in date order", () => {
  const ix = index(ROWS), selection = ix.select({days: null, types: null});
  const west = {x0: mercatorX(25), y0: mercatorY(52), x1: mercatorX(33), y1: mercatorY(48)};
  assert.deepEqual(Array.from(ix.rowsIn(selection, west)), [3, 0]);
  assert.deepEqual(Array.from(ix.rowsIn(selection, WORLD)), [3, 2, 0, 5]);
});

test("beyond TREE_FROM rows a small view asks the k-d tree, with the same answers as a scan", () => {
  const n = Math.round(TREE_FROM * 1.5), rows = new Array(n);
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < n; i++) {
    rows[i] = [44 + random() * 8, 22 + random() * 18, Math.floor(random() * 6), 1 + Math.floor(random() * 3),
      20000 + Math.floor(random() * 300)];
  }
  const ix = index(rows), selection = ix.select({days: [20000, 20290], types: [0, 1, 2, 3, 4]});
  const city = {x0: mercatorX(30.0), y0: mercatorY(50.8), x1: mercatorX(31.0), y1: mercatorY(50.2)};
  const fromTree = ix.clusters(selection, city, 10);
  assert.notEqual(ix.tree, null, "the tree was built for the small view");
  const scanned = ix.clusters({rows: selection.rows, flags: null}, city, 10);
  assert.deepEqual(Array.from(fromTree.count), Array.from(scanned.count));
  assert.deepEqual(Array.from(fromTree.row), Array.from(scanned.row), "the same first event per cluster");
  const expected = selection.rows.filter((i) => rows[i][0] >= 50.2 && rows[i][0] <= 50.8 && rows[i][1] >= 30 &&
    rows[i][1] <= 31).length;
  assert.equal(fromTree.count.reduce((a, b) => a + b, 0), expected);
});
