/*
 * Preloaded into stack workers and the pack process: defers modules that `@pulumi/pulumi` requires eagerly but only
 * uses to serialize closures, which neither process does: `@npmcli/arborist` (about 250 ms and 15 MB per process) and
 * TypeScript (`typescript-shim`, about 300 ms and 30 MB). Each still loads, unchanged, the first time it is read from.
 */
"use strict";
const Module = require("module");

const CLOSURE = /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]closure[\\/]/;
const DEFERRED = { "@npmcli/arborist": "codePaths.js", "../../typescript-shim": "parseFunction.js" };

const load = Module._load;
Module._load = function deferringLoad(request, parent, isMain) {
  const from = parent?.filename ?? "";
  if (!Object.hasOwn(DEFERRED, request) || !CLOSURE.test(from) || !from.endsWith(DEFERRED[request])) return load.apply(this, arguments);
  let real;
  const target = () => (real ??= load.call(this, request, parent, isMain));
  // `__esModule` lets TypeScript's `__importStar` hand the proxy through instead of copying (and so loading) it.
  const get = (_, key) => (key === "__esModule" && real === undefined ? true : Reflect.get(target(), key));
  return new Proxy({}, { get, has: (_, key) => Reflect.has(target(), key) });
};
