// The published dataset in the browser: typed columns decoded once, event texts fetched per chunk on demand.
//
// Format (written by conflictmap/mapdata.py): meta.json {n, types, offsets, columns, chunk}; points.bin.gz holds,
// gzip-compressed, float32 latitude, float32 longitude, uint8 type code, uint8 geo_precision, int32 day number (of
// event_date, days since 1970-01-01) and uint16 span (days to event_date_end, 0 for one day), each column starting
// at offsets[name]; details/<k>.json holds rows k*chunk .. (k+1)*chunk-1 as
// arrays in `columns` order. A page that stands alone (the HTML export) carries the same data inline.

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

// The dataset published at `url`, fetched once per page however many layers show it.
export function loadDataset(url, fetchFn) {
  const get = fetchFn || fetch;
  if (!DATASETS[url]) {
    DATASETS[url] = Promise.all([
      get(url + "/meta.json").then((r) => r.json()),
      get(url + "/points.bin.gz").then(inflate)
    ]).then((parts) => datasetFrom(parts[0], parts[1], url));
  }
  return DATASETS[url];
}

// The texts of row i as an object keyed by column name. A chunk that failed to load is asked for again next time.
export function loadDetails(ds, i, fetchFn) {
  const k = Math.floor(i / ds.meta.chunk);
  if (!ds.chunks[k]) {
    ds.chunks[k] = (fetchFn || fetch)(ds.url + "/details/" + k + ".json").then((r) => {
      if (!r.ok) { throw new Error("details " + r.status); }
      return r.json();
    }).catch((err) => {
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
