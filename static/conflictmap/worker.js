// The map's Web Worker: the dataset's index and its queries (engine.js), off the page's main thread so that
// neither building the index nor a filter change ever freezes the page. Bundled at set-up into
// static/build/conflictmap-worker.js. Messages: {id, request}; replies: {id, result} or {id, error}.

import {datasetFrom} from "./data.js";
import {answer, datasetState} from "./engine.js";

let state = null;

self.onmessage = (event) => {
  const id = event.data.id, request = event.data.request;
  try {
    if (request.op === "init") {
      const ds = datasetFrom(request.meta, request.buffer, null);
      state = datasetState(ds, ds.meta.n);
      self.postMessage({id: id, ready: true, result: true});
      return;
    }
    const reply = answer(state, request);
    self.postMessage({id: id, result: reply.result}, reply.transfer);
  } catch (err) {
    self.postMessage({id: id, error: String(err)});
  }
};
