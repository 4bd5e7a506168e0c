// The queries of one dataset (query.js) behind one asynchronous interface, answered in a Web Worker (worker.js)
// when the page can start one, else on the page itself (an exported file opened from disk, the unit tests).
// Either way the same function, `answer`, computes every reply.
//
// Requests: select {filter, view} -> {id, count, offMap, firstDay, lastDay, cells}, with `view` ({box, zoom}, or
// absent) the clusters of the new selection there in the same reply (one message to draw a filter change, not
// two; cells absent without a view); clusters {id, box, zoom} -> cells (see DatasetIndex.clusters); cell {id, cells, zoom, maxZoom} -> {rows, split} (one cluster's rows, and the zoom
// that splits them or null); inView {id, box} -> rows;
// rows {id} -> rows; release {id}. `id` names a selection; rows are Uint32Arrays in date order. A request on a
// selection already released is answered with null.

import {DatasetIndex} from "./query.js";

// The per-dataset state of a worker or of the page: the index and the selections of its layers.
export function datasetState(columns, n) {
  return {index: new DatasetIndex(columns, n), selections: new Map(), next: 1};
}

function cellBuffers(cells) {
  return [cells.count.buffer, cells.lat.buffer, cells.lon.buffer, cells.row.buffer, cells.start.buffer,
    cells.cells.buffer];
}

// The reply to one request, and the buffers it can hand over rather than copy.
export function answer(state, request) {
  const index = state.index;
  if (request.op === "select") {
    const selection = index.select(request.filter), id = state.next++, rows = selection.rows;
    state.selections.set(id, selection);
    const [firstDay, lastDay] = index.daysOf(rows, request.filter);
    const result = {id: id, count: rows.length, offMap: selection.offMap, firstDay: firstDay, lastDay: lastDay};
    if (!request.view) { return {result: result, transfer: []}; }
    result.cells = index.clusters(selection, request.view.box, request.view.zoom);
    return {result: result, transfer: cellBuffers(result.cells)};
  }
  if (request.op === "release") {
    state.selections.delete(request.id);
    return {result: null, transfer: []};
  }
  const selection = state.selections.get(request.id);
  if (!selection) { return {result: null, transfer: []}; }  // released: a layer asked late, and ignores it
  if (request.op === "clusters") {
    const cells = index.clusters(selection, request.box, request.zoom);
    return {result: cells, transfer: cellBuffers(cells)};
  }
  if (request.op === "cell") {
    const rows = index.cellRows(selection, request.cells, request.zoom);
    return {result: {rows: rows, split: index.splitZoom(rows, request.zoom, request.maxZoom)}, transfer: []};
  }
  if (request.op === "inView") {
    return {result: index.rowsIn(selection, request.box), transfer: []};
  }
  if (request.op === "rows") {
    return {result: selection.rows.slice(), transfer: []};
  }
  throw new Error("unknown request " + request.op);
}

// The queries answered on the page itself.
export class PageEngine {
  constructor(columns, n) {
    this.state = datasetState(columns, n);
  }

  // Where the queries are answered: "page" or "worker".
  where() {
    return "page";
  }

  ask(request) {
    try {
      return Promise.resolve(answer(this.state, request).result);
    } catch (err) {
      return Promise.reject(err);
    }
  }
}

const STARTED = new Map();  // worker URL -> a Worker started before its dataset had come (startWorker)

// Start a worker from `url` now, while the dataset's points are still being fetched, so that its script is
// loaded and compiled by then; the next WorkerEngine of `url` takes it. Does nothing without Worker or when one
// is already waiting. A worker whose script fails to load before it is taken is marked `failed`.
export function startWorker(url) {
  if (!url || typeof Worker === "undefined" || STARTED.has(url)) { return; }
  let worker;
  try {
    worker = new Worker(url);
  } catch (err) {
    return;  // the engine tries again, and answers on the page if it cannot either
  }
  worker.onerror = (event) => {
    event.preventDefault();
    worker.failed = true;
  };
  STARTED.set(url, worker);
}

// The worker startWorker(url) started, taken (the next call starts none), or a new one.
function takeWorker(url) {
  const started = STARTED.get(url);
  STARTED.delete(url);
  return started || new Worker(url);
}

// The queries answered in a Web Worker started from `url` (the worker bundle), which gets its own copy of the
// dataset's columns. Requests sent before the worker is ready wait in its queue; if the worker cannot start
// (its script cannot be loaded), they are answered on the page instead, and so is every later one.
export class WorkerEngine {
  constructor(ds, url) {
    this.ds = ds;
    this.waiting = new Map();
    this.next = 1;
    this.ready = false;
    this.fallback = null;
    try {
      this.worker = takeWorker(url);
    } catch (err) {
      this._useThePage();
      return;
    }
    if (this.worker.failed) {
      this._useThePage();
      return;
    }
    this.worker.onmessage = (event) => {
      const reply = event.data, pending = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ready) { this.ready = true; }
      if (!pending) { return; }
      if (reply.error) { pending.reject(new Error(reply.error)); } else { pending.resolve(reply.result); }
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      if (!this.ready) { this._useThePage(); return; }
      const waiting = Array.from(this.waiting.values());
      this.waiting.clear();
      waiting.forEach((pending) => pending.reject(new Error("the map's worker failed: " + event.message)));
    };
    const copy = ds.buffer.slice(0);
    this._post({op: "init", meta: ds.meta, buffer: copy}, [copy]);
  }

  _post(request, transfer) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {resolve: resolve, reject: reject, request: request});
      this.worker.postMessage({id: id, request: request}, transfer || []);
    });
  }

  _useThePage() {
    if (this.worker) { this.worker.terminate(); }
    this.fallback = new PageEngine(this.ds, this.ds.meta.n);
    const waiting = Array.from(this.waiting.values());
    this.waiting.clear();
    waiting.forEach((pending) => {
      if (pending.request.op === "init") { pending.resolve(true); return; }
      this.fallback.ask(pending.request).then(pending.resolve, pending.reject);
    });
  }

  where() {
    return this.fallback ? "page" : "worker";
  }

  ask(request) {
    return this.fallback ? this.fallback.ask(request) : this._post(request);
  }
}

// The engine of dataset `ds` (data.js), one per page however many layers show it: in a worker started from
// `workerUrl` when there is one (the dashboard), else on the page (a file that stands alone).
export function engineFor(ds, workerUrl) {
  if (!ds.engine) {
    ds.engine = workerUrl && typeof Worker !== "undefined" && ds.buffer ? new WorkerEngine(ds, workerUrl)
      : new PageEngine(ds, ds.meta.n);
  }
  return ds.engine;
}
