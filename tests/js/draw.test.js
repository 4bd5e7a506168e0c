import {test} from "node:test";
import assert from "node:assert/strict";
import {gridCells} from "../../static/conflictmap/draw.js";

const lat = new Float32Array([50.45, 50.45, 50.46, 49.98, 10.0, NaN]);
const lon = new Float32Array([30.52, 30.52, 30.53, 36.25, 10.0, NaN]);
const UKRAINE = {south: 44, north: 53, west: 22, east: 41};

test("the grid pass counts the points of each cell in view, at their mean place", () => {
  const cells = gridCells([0, 1, 2, 3, 4, 5], lat, lon, UKRAINE, 6);
  assert.equal(cells.length, 2, "Kyiv's three points share a cell at zoom 6; Kharkiv is alone; 10,10 is out");
  const kyiv = cells.find((c) => c.count === 3);
  assert.equal(kyiv.row, 0);
  assert.ok(Math.abs(kyiv.lat - (50.45 + 50.45 + 50.46) / 3) < 1e-5);
  const kharkiv = cells.find((c) => c.count === 1);
  assert.equal(kharkiv.row, 3);
  assert.equal(cells.reduce((n, c) => n + c.count, 0), 4);
});

test("cells are screen squares: zooming in splits them", () => {
  assert.equal(gridCells([0, 1, 2], lat, lon, UKRAINE, 6).length, 1);
  assert.equal(gridCells([0, 1, 2], lat, lon, UKRAINE, 16).length, 2, "points at one place never split");
  assert.deepEqual(gridCells([], lat, lon, UKRAINE, 6), []);
});
