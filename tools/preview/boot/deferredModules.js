/*
 * Preloaded into stack workers and the pack process: each request boot/deferred.js lists, made by a file of any copy
 * of `@pulumi/pulumi`, gets a stand-in that loads the real module the first time it is used (neither process ever
 * uses most of them: closure serialization, the Automation API, a real engine's clients).
 */
"use strict";
const Module = require("module");
const { deferredEntry, standIn } = require("./deferred");

/** A file of @pulumi/pulumi: its folder there (the last copy's, for one nested in another). */
const SDK_FILE = /.*[\\/]@pulumi[\\/]pulumi[\\/](?:(.*)[\\/])?[^\\/]+$/;

const load = Module._load;
Module._load = function deferringLoad(request, parent, isMain) {
  const sdk = SDK_FILE.exec(parent?.filename ?? "");
  const entry = sdk && deferredEntry((sdk[1] ?? ".").replace(/\\/g, "/"), request);
  return entry ? standIn(entry, () => load.call(this, request, parent, isMain)) : load.apply(this, arguments);
};
