import {test} from "node:test";
import assert from "node:assert/strict";
import {countLabel, popupShift} from "../../static/conflictmap/draw.js";

test("a cluster's count is written short when large", () => {
  assert.deepEqual([1, 999, 1000, 1249, 9960, 10000, 34567].map(countLabel),
    ["1", "999", "1k", "1.2k", "10k", "10k", "35k"]);
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
