// The rows the map's browser code decodes from published details chunks, for the Python tests that check the
// published texts (tests/test_mapview.py). Reads JSON [{rows, columns, data (base64 of details/<k>.bin)}, ...] on
// stdin; writes [[row, ...], ...] (each row an array of texts) on stdout. Not a test file itself.

import {decodeChunk} from "../../static/conflictmap/data.js";

const parts = [];
process.stdin.on("data", (part) => parts.push(part));
process.stdin.on("end", () => {
  const out = JSON.parse(Buffer.concat(parts).toString("utf8")).map((chunk) => {
    const bytes = Buffer.from(chunk.data, "base64");
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    return decodeChunk(buffer, chunk.rows, chunk.columns);
  });
  process.stdout.write(JSON.stringify(out));
});
