import {test} from "node:test";
import assert from "node:assert/strict";
import {inlineData} from "./env.js";
import {datasetFrom, decodeChunk, decodeMask, findEvent, inlineDataset, loadDetails} from "../../static/conflictmap/data.js";

const EVENTS = [
  {event_id_cnty: "A", event_date: "2024-11-01", event_type: "Battles", latitude: 50.45, longitude: 30.52,
    geo_precision: 1},
  {event_id_cnty: "B", event_date: "2024-11-02", event_type: "Riots", latitude: null, longitude: null},
  {event_id_cnty: "C", event_date: "2024-11-03", event_type: "Protests", latitude: 49.98, longitude: 36.25,
    geo_precision: 3, notes: "a note"}
];

test("decodeMask reads the server's bit mask, least significant bit first", () => {
  // numpy.packbits([1,0,1,0,0,0,0,0, 0,1], bitorder="little") == [0b00000101, 0b00000010] == base64 "BQI="
  assert.deepEqual(Array.from(decodeMask("BQI=")), [5, 2]);
  assert.equal(decodeMask(null), null, "no mask: every row");
});

test("the typed columns decode at their offsets", async () => {
  const ds = await inlineDataset(inlineData(EVENTS));
  assert.equal(ds.meta.n, 3);
  assert.ok(Math.abs(ds.lat[0] - 50.45) < 1e-5 && Math.abs(ds.lon[2] - 36.25) < 1e-5);
  assert.ok(Number.isNaN(ds.lat[1]));
  assert.deepEqual(Array.from(ds.type), [0, 5, 4]);
  assert.deepEqual(Array.from(ds.precision), [1, 0, 3]);
  assert.equal(ds.day[2] - ds.day[0], 2);
  assert.equal(new Date(ds.day[0] * 86400000).toISOString().slice(0, 10), "2024-11-01");
});

test("details come by column name, from the chunk holding the row", async () => {
  const ds = await inlineDataset(inlineData(EVENTS, 2));
  assert.equal(Object.keys(ds.chunks).length, 2);
  const c = await loadDetails(ds, 2);
  assert.equal(c.event_id_cnty, "C");
  assert.equal(c.notes, "a note");
  assert.equal(c.fatalities, "");
  assert.equal(await findEvent(ds, "C"), 2);
  assert.equal(await findEvent(ds, "nope"), null);
});

// details/<k>.bin as mapdata.detail_chunks lays it out: uint32 offsets of every cell, column by column, then text.
function encodeChunk(rows) {
  const m = rows.length, c = rows[0].length, parts = [], offsets = new Uint32Array(c * m + 1);
  let at = 0;
  for (let col = 0; col < c; col++) {
    for (let j = 0; j < m; j++) {
      const bytes = new TextEncoder().encode(rows[j][col]);
      parts.push(bytes);
      at += bytes.length;
      offsets[col * m + j + 1] = at;
    }
  }
  const out = new Uint8Array(offsets.byteLength + at);
  out.set(new Uint8Array(offsets.buffer), 0);
  let p = offsets.byteLength;
  parts.forEach((b) => { out.set(b, p); p += b.length; });
  return out.buffer;
}

function publishedDataset(data) {
  const buffer = Buffer.from(data.points, "base64");
  return datasetFrom(data.meta, buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.length),
    "/app/static/cache/k");
}

test("a details chunk decodes to the very texts, a byte order mark or markup included", () => {
  const rows = [["\ufeffA", "<b>x</b>", ""], ["é \u{1F600}", "line\r\nbreak", "\"quoted\""]];
  assert.deepEqual(decodeChunk(encodeChunk(rows), 2, 3), rows);
});

test("a chunk that failed to load is fetched again next time", async () => {
  const data = inlineData(EVENTS);
  const ds = publishedDataset(data);
  const asked = [];
  let up = false;
  const fetchFn = (url) => {
    asked.push(url);
    return Promise.resolve(up ? {ok: true, status: 200, arrayBuffer: () => Promise.resolve(encodeChunk(data.details[0]))}
      : {ok: false, status: 503});
  };
  await assert.rejects(loadDetails(ds, 0, fetchFn), /details 503/);
  up = true;
  assert.equal((await loadDetails(ds, 0, fetchFn)).event_id_cnty, "A");
  assert.equal((await loadDetails(ds, 2, fetchFn)).event_id_cnty, "C");
  assert.deepEqual(asked, ["/app/static/cache/k/details/0.bin", "/app/static/cache/k/details/0.bin"]);
});

test("a chunk the server has not written yet is asked for again until it is there", async () => {
  const data = inlineData(EVENTS, 2);
  const ds = publishedDataset(data);
  const asked = [];
  let written = false;
  const fetchFn = (url) => {
    asked.push(url);
    if (asked.length === 2) { written = true; }  // the server's writer renames the chunk into place meanwhile
    return Promise.resolve(written && asked.length > 2
      ? {ok: true, status: 200, arrayBuffer: () => Promise.resolve(encodeChunk(data.details[1]))}
      : {ok: false, status: 404});
  };
  const c = await loadDetails(ds, 2, fetchFn, [0, 0, 0, 0]);
  assert.equal(c.event_id_cnty, "C");
  assert.equal(c.notes, "a note");
  assert.deepEqual(asked, Array(3).fill("/app/static/cache/k/details/1.bin"));
});

test("a chunk that never comes is given up after the waits, and asked for again next time", async () => {
  const data = inlineData(EVENTS);
  const ds = publishedDataset(data);
  let asked = 0;
  const fetchFn = () => { asked += 1; return Promise.resolve({ok: false, status: 404}); };
  await assert.rejects(loadDetails(ds, 1, fetchFn, [0, 0]), /details 404/);
  assert.equal(asked, 3, "the first request and one for each wait");
  await assert.rejects(loadDetails(ds, 1, fetchFn, []), /details 404/);
  assert.equal(asked, 4);
});
