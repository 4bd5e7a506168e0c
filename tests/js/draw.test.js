import {test} from "node:test";
import assert from "node:assert/strict";
import {gridCells, popupShift} from "../../static/conflictmap/draw.js";

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

const MAP = {left: 0, top: 0, right: 900, bottom: 600};
const box = (left, top, width, height) => ({left, top, right: left + width, bottom: top + height});

test("a popup already in view and clear of the controls does not move", () => {
  assert.deepEqual(popupShift(box(300, 200, 300, 200), MAP, [box(10, 10, 40, 60)]), [0, 0]);
});

test("a popup past an edge comes whole into view, its top first when it is too tall", () => {
  assert.deepEqual(popupShift(box(300, -50, 300, 200), MAP, []), [0, 58]);
  assert.deepEqual(popupShift(box(700, 500, 300, 200), MAP, []), [-108, -108]);
  assert.deepEqual(popupShift(box(300, -50, 300, 700), MAP, []), [0, 58], "taller than the map: the top shows");
});

test("a popup under a control takes the shortest move that clears it", () => {
  const list = box(10, 10, 320, 330);  // an open "List events in view" panel, top left
  assert.deepEqual(popupShift(box(300, 100, 300, 380), MAP, [list]), [38, 0], "to the right of the list");
  const legend = box(600, 440, 290, 150);  // the legend, bottom right
  assert.deepEqual(popupShift(box(400, 300, 300, 200), MAP, [legend]), [0, -68], "above the legend: shorter");
  assert.deepEqual(popupShift(box(400, 300, 300, 280), MAP, [legend]), [-108, 0], "left of it: above is out");
  assert.deepEqual(popupShift(box(450, 100, 300, 200), MAP, [legend, list]), [0, 0]);
});

test("a control no move can clear is left alone rather than pushing the popup out of view", () => {
  const wide = box(0, 0, 900, 300);
  assert.deepEqual(popupShift(box(100, 200, 300, 380), MAP, [wide]), [0, 0]);
});
