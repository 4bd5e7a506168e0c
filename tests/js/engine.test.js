// The engine: the same answers on the page and in the worker (worker.js, run here behind a stand-in for the
// browser's Worker that copies messages as the browser does); the page takes over when no worker can start.

import {test} from "node:test";
import assert from "node:assert/strict";
import {inlineData} from "./env.js";
import {inlineDataset} from "../../static/conflictmap/data.js";
import {PageEngine, WorkerEngine, engineFor, startWorker} from "../../static/conflictmap/engine.js";

const EVENTS = [
  {event_id_cnty: "A", event_date: "2024-11-01", event_type: "Battles", latitude: 50.45, longitude: 30.52,
    geo_precision: 1},
  {event_id_cnty: "B", event_date: "2024-11-02", event_type: "Riots", latitude: null, longitude: null},
  {event_id_cnty: "C", event_date: "2024-11-03", event_type: "Protests", latitude: 49.98, longitude: 36.25,
    geo_precision: 3},
  {event_id_cnty: "D", event_date: "2024-11-01", event_type: "Battles", latitude: 50.45, longitude: 30.52,
    geo_precision: 2}
];
const WORLD = {x0: 0, y0: 0, x1: 1, y1: 1};

// The worker module evaluated once in this process (each test file has its own), as the browser would in the
// worker's own scope, `self`.
let workerScope = null;
async function loadWorkerScope() {
  if (workerScope === null) {
    workerScope = {postMessage: null};
    globalThis.self = workerScope;
    await import("../../static/conflictmap/worker.js");
  }
  return workerScope;
}

// A stand-in for the browser's Worker: messages are structured-cloned (transferred buffers are moved) and
// delivered asynchronously both ways. With `fails`, the script does not load: an error event, no reply.
function fakeWorker(scope, fails) {
  return class {
    constructor() {
      this.onmessage = null;
      this.onerror = null;
      scope.postMessage = (data, transfer) => {
        const copy = structuredClone(data, {transfer: transfer || []});
        setTimeout(() => this.onmessage({data: copy}), 0);
      };
      if (fails) {
        setTimeout(() => this.onerror({message: "404", preventDefault() {}}), 0);
      }
    }

    postMessage(data, transfer) {
      if (fails) { return; }
      const copy = structuredClone(data, {transfer: transfer || []});
      setTimeout(() => scope.onmessage({data: copy}), 0);
    }

    terminate() {}
  };
}

async function dataset() {
  const ds = await inlineDataset(inlineData(EVENTS));
  ds.buffer = ds.lat.buffer;
  return ds;
}

async function conversation(engine) {
  const all = await engine.ask({op: "select", filter: {days: null, types: null}});
  const battles = await engine.ask({op: "select", filter: {days: null, types: [0], precise: true}});
  const cells = await engine.ask({op: "clusters", id: all.id, box: WORLD, zoom: 5});
  const first = cells.cells.slice(0, 2 * cells.start[1]);
  const cell = await engine.ask({op: "cell", id: all.id, cells: first, zoom: 5, maxZoom: 16});
  const inView = await engine.ask({op: "inView", id: battles.id, box: WORLD});
  const drawn = await engine.ask({op: "select", filter: {days: null, types: null}, view: {box: WORLD, zoom: 5}});
  await engine.ask({op: "release", id: battles.id});
  const released = await engine.ask({op: "rows", id: battles.id});
  return {
    all: [all.count, Array.from(all.offMap), all.firstDay, all.lastDay],
    battles: battles.count,
    cells: [Array.from(cells.count), Array.from(cells.row)],
    cell: [Array.from(cell.rows), cell.split],
    inView: Array.from(inView),
    drawn: [drawn.count, Array.from(drawn.cells.count), Array.from(drawn.cells.row), "cells" in all],
    released: released
  };
}

test("the page answers every request", async () => {
  const ds = await dataset();
  const seen = await conversation(new PageEngine(ds, ds.meta.n));
  assert.deepEqual(seen.all, [3, [1], ds.day[0], ds.day[2]]);
  assert.equal(seen.battles, 1);
  assert.deepEqual(seen.cells, [[2, 1], [0, 2]]);
  assert.deepEqual(seen.cell, [[0, 3], null], "A and D share their place: a list");
  assert.deepEqual(seen.inView, [0]);
  assert.deepEqual(seen.drawn, [3, [2, 1], [0, 2], false], "a selection asked with its view brings its clusters");
  assert.equal(seen.released, null, "a released selection answers nothing");
});

// Run `body` with `Fake` as the browser's Worker.
async function withWorker(Fake, body) {
  const saved = globalThis.Worker;
  globalThis.Worker = Fake;
  try {
    await body();
  } finally {
    globalThis.Worker = saved;
  }
}

test("the worker gives the page's answers", async () => {
  const ds = await dataset();
  const onPage = await conversation(new PageEngine(ds, ds.meta.n));
  await withWorker(fakeWorker(await loadWorkerScope(), false), async () => {
    const engine = engineFor(ds, "/app/static/build/conflictmap-worker.js");
    assert.ok(engine instanceof WorkerEngine);
    assert.equal(engineFor(ds, "/other"), engine, "one engine per dataset");
    assert.deepEqual(await conversation(engine), onPage);
    assert.equal(engine.fallback, null);
    assert.equal(ds.lat.length, 4, "the page keeps its own columns: the worker got a copy");
  });
});

test("when the worker cannot start, the page answers, requests already sent included", async () => {
  const ds = await dataset();
  const onPage = await conversation(new PageEngine(ds, ds.meta.n));
  await withWorker(fakeWorker(await loadWorkerScope(), true), async () => {
    const engine = new WorkerEngine(ds, "/missing.js");
    assert.deepEqual(await conversation(engine), onPage);
    assert.ok(engine.fallback instanceof PageEngine);
  });
});

test("a worker started before its dataset came is the one its engine uses, and only once", async () => {
  const ds = await dataset();
  const onPage = await conversation(new PageEngine(ds, ds.meta.n));
  const Fake = fakeWorker(await loadWorkerScope(), false), made = [];
  const Counted = class extends Fake {
    constructor(url) {
      super(url);
      made.push(this);
    }
  };
  await withWorker(Counted, async () => {
    startWorker("/early.js");
    startWorker("/early.js");
    assert.equal(made.length, 1, "one worker waits per script");
    const engine = new WorkerEngine(ds, "/early.js");
    assert.equal(engine.worker, made[0]);
    assert.deepEqual(await conversation(engine), onPage);
    assert.equal(engine.fallback, null);
    startWorker("/early.js");
    assert.equal(made.length, 2, "taken: none waits any more, so another starts");
  });
});

test("a worker started early whose script failed before it was taken leaves the page to answer", {timeout: 10000}, async () => {
  const ds = await dataset();
  const onPage = await conversation(new PageEngine(ds, ds.meta.n));
  await withWorker(fakeWorker(await loadWorkerScope(), true), async () => {
    startWorker("/gone.js");
    await new Promise((resolve) => setTimeout(resolve, 0));  // after the fake's error event, queued first
    const engine = new WorkerEngine(ds, "/gone.js");
    assert.ok(engine.fallback instanceof PageEngine);
    assert.deepEqual(await conversation(engine), onPage);
  });
});

test("a page that stands alone answers on the page", async () => {
  const ds = await dataset();
  assert.ok(engineFor(ds, null) instanceof PageEngine);
});
