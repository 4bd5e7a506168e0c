import {test} from "node:test";
import assert from "node:assert/strict";
import {labelZoom, legendStartsOpen} from "../../static/conflictmap/controls.js";

test("the legend starts folded on a small map, unless the reader chose otherwise in this session", () => {
  assert.equal(legendStartsOpen(null, {x: 940, y: 620}), true);
  assert.equal(legendStartsOpen(null, {x: 560, y: 620}), false);
  assert.equal(legendStartsOpen(null, {x: 940, y: 300}), false);
  assert.equal(legendStartsOpen("0", {x: 940, y: 620}), false);
  assert.equal(legendStartsOpen("1", {x: 300, y: 300}), true);
});

test("larger towns are labelled from a lower zoom", () => {
  assert.deepEqual([labelZoom(2900000), labelZoom(500000), labelZoom(150000)], [0, 6, 7]);
});
