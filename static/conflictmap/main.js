// conflictmap's map script, bundled at set-up (python -m conflictmap assets, with esbuild) into one classic
// script, static/build/conflictmap.js, loaded after Leaflet from a local file. It adds to L:
//   L.conflictEvents(payload)    the events layer (layer.js): its selection in the payload, or read from the app's
//                                page (payload.fromPage, the dashboard)
//   L.conflictLegend(config)     the legend control (controls.js)
//   L.conflictReference(places)  town labels for a map without tiles (controls.js)
//   L.conflictFit(map, bounds, maxZoom)  the first view, clear of the controls (draw.js)

import {legendControl, referenceLabels} from "./controls.js";
import {fitData} from "./draw.js";
import {defineEventsLayer, definePageLayer} from "./layer.js";

L.ConflictEvents = defineEventsLayer(L);
L.ConflictPageEvents = definePageLayer(L, L.ConflictEvents);
L.conflictEvents = (payload) => payload.fromPage ? new L.ConflictPageEvents(payload) : new L.ConflictEvents(payload);
L.conflictLegend = legendControl;
L.conflictReference = referenceLabels;
L.conflictFit = fitData;
