// The published dataset in the browser: typed columns decoded once, event texts fetched per chunk on demand.
//
// Format (written by conflictmap/mapdata.py): meta.json {n, types, offsets, columns, chunk}; points.bin.gz holds,
// gzip-compressed, float32 latitude, float32 longitude, uint8 type code, uint8 geo_precision, int32 day number (of
// event_date, days since 1970-01-01) and uint16 span (days to event_date_end, 0 for one day), each column starting
// at offsets[name]; details/<k>.bin holds the texts of rows k*chunk .. (k+1)*chunk-1 (see decodeChunk). The server
// writes the detail chunks after the first view's files, so a chunk may not be there yet: it is asked for again.
// A page that stands alone (the HTML export) carries the same data inline, its chunks as arrays of rows.

const DATASETS = {};

// Bytes of a base64 string (a filter's bit mask, or the inline points blob); null for no mask (every row).
export function decodeMask(encoded) {
  if (!encoded) { return null; }
  const raw = atob(encoded), bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
  return bytes;
}

export function datasetFrom(meta, buffer, url) {
  const n = meta.n, o = meta.offsets;
  return {
    meta: meta,
    lat: new Float32Array(buffer, o.lat, n),
    lon: new Float32Array(buffer, o.lon, n),
    type: new Uint8Array(buffer, o.type, n),
    precision: new Uint8Array(buffer, o.precision, n),
    day: new Int32Array(buffer, o.day, n),
    span: new Uint16Array(buffer, o.span, n),
    buffer: buffer,
    chunks: {},
    url: url
  };
}

// {meta, points: base64 of points.bin, details: [chunk rows, ...]}, as exports.inline_dataset writes it.
export function inlineDataset(inline) {
  const ds = datasetFrom(inline.meta, decodeMask(inline.points).buffer, null);
  inline.details.forEach((rows, k) => { ds.chunks[k] = Promise.resolve(rows); });
  return Promise.resolve(ds);
}

// The bytes of points.bin.gz: served as they are written (application/gzip), inflated here.
function inflate(response) {
  if (!response.ok) { throw new Error("points " + response.status); }
  return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
}

// Whether the dataset published at `url` has been asked for on this page (loadDataset).
export function datasetAsked(url) {
  return Boolean(DATASETS[url]);
}

// The download the app's page started (mapview.prefetch_html), taken once, or null.
function prefetched(url) {
  try {
    const started = window.parent !== window && window.parent.__cmPrefetch;
    const download = started && started[url];
    if (download) { delete started[url]; }
    return download || null;
  } catch (err) {
    return null;  // not the app's page
  }
}

// The dataset published at `url`, fetched once per page however many layers show it; the download the app's page
// started is taken instead when there is one (fetched here again if it failed).
export function loadDataset(url, fetchFn) {
  const get = fetchFn || fetch;
  if (!DATASETS[url]) {
    const fetched = () => Promise.all([
      get(url + "/meta.json").then((r) => r.json()),
      get(url + "/points.bin.gz").then(inflate)
    ]);
    const early = !fetchFn && prefetched(url);
    DATASETS[url] = (early ? Promise.resolve(early).catch(fetched) : fetched())
      .then((parts) => datasetFrom(parts[0], parts[1], url));
  }
  return DATASETS[url];
}

// The rows of a details chunk of `rows` rows and `columns` columns (mapdata.detail_chunks): uint32 offsets
// [columns*rows + 1], then the UTF-8 text of every cell, column by column; each row is an array of its texts.
export function decodeChunk(buffer, rows, columns) {
  const cells = columns * rows, offsets = new Uint32Array(buffer, 0, cells + 1);
  const text = new Uint8Array(buffer, 4 * (cells + 1)), utf8 = new TextDecoder("utf-8", {ignoreBOM: true});
  const out = [];
  for (let j = 0; j < rows; j++) {
    const row = new Array(columns);
    for (let c = 0; c < columns; c++) {
      const cell = c * rows + j;
      row[c] = utf8.decode(text.subarray(offsets[cell], offsets[cell + 1]));
    }
    out.push(row);
  }
  return out;
}

// How long to wait before asking again for a chunk the server has not written yet (404): the waits grow to 2 s,
// 5 minutes in all, then the popup says the details could not be loaded.
export const RETRY_WAITS_MS = [250, 500, 1000].concat(new Array(150).fill(2000));

function fetchChunk(url, get, waits, attempt) {
  return get(url).then((r) => {
    if (r.status === 404 && attempt < waits.length) {
      return new Promise((resolve) => { setTimeout(resolve, waits[attempt]); })
        .then(() => fetchChunk(url, get, waits, attempt + 1));
    }
    if (!r.ok) { throw new Error("details " + r.status); }
    return r.arrayBuffer();
  });
}

// The texts of row i as an object keyed by column name. A chunk that failed to load is asked for again next time.
export function loadDetails(ds, i, fetchFn, waits) {
  const k = Math.floor(i / ds.meta.chunk);
  if (!ds.chunks[k]) {
    const rows = Math.min(ds.meta.chunk, ds.meta.n - k * ds.meta.chunk);
    ds.chunks[k] = fetchChunk(ds.url + "/details/" + k + ".bin", fetchFn || fetch, waits || RETRY_WAITS_MS, 0)
      .then((buffer) => decodeChunk(buffer, rows, ds.meta.columns.length))
      .catch((err) => {
        delete ds.chunks[k];
        throw err;
      });
  }
  return ds.chunks[k].then((rows) => {
    const row = rows[i - k * ds.meta.chunk], out = {};
    ds.meta.columns.forEach((c, j) => { out[c] = row[j]; });
    return out;
  });
}

// The row of an event id, or null; reads every chunk (for the export, where all of them are in the page).
export function findEvent(ds, eventId) {
  const column = ds.meta.columns.indexOf("event_id_cnty");
  const chunks = Object.keys(ds.chunks).map(Number).sort((a, b) => a - b);
  return Promise.all(chunks.map((k) => ds.chunks[k])).then((all) => {
    for (let c = 0; c < all.length; c++) {
      const j = all[c].findIndex((row) => row[column] === eventId);
      if (j >= 0) { return chunks[c] * ds.meta.chunk + j; }
    }
    return null;
  });
}
