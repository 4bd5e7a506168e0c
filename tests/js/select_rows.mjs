// What the map's browser code selects for given layer payloads, for the Python tests that check that the
// browser and the server agree (tests/browser_select.py). Reads JSON {meta, points (base64 of points.bin),
// payloads: [{filter, mask, focus}, ...]} on stdin; writes [{drawn: [row, ...], offMap: [row, ...]}, ...] (rows
// in date order) on stdout. Not a test file itself (node --test runs *.test.js only).

import {datasetFrom, decodeMask} from "../../static/conflictmap/data.js";
import {DatasetIndex, selectionFilter} from "../../static/conflictmap/query.js";

const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const ds = datasetFrom(input.meta, decodeMask(input.points).buffer, null);
  const index = new DatasetIndex(ds, ds.meta.n);
  const out = input.payloads.map((payload) => {
    const selection = index.select(selectionFilter(payload));
    return {drawn: Array.from(selection.rows), offMap: Array.from(selection.offMap)};
  });
  process.stdout.write(JSON.stringify(out));
});
