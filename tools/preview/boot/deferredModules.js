/*
 * Preloaded (`node -r`) into stack workers and the policy pack process: defers loading modules that
 * `@pulumi/pulumi` requires eagerly but that a preview or a policy pack never uses, until first use.
 *
 * `@npmcli/arborist` (about 250 ms and 15 MB per process) and TypeScript (`typescript-shim`, about 300 ms and 30 MB)
 * are required by `runtime/closure/codePaths.js` and `parseFunction.js` only to serialize closures (function
 * serialization), which neither process does. Each still loads, unchanged, the first time anything reads from it.
 */
"use strict";
const Module = require("module");

const DEFERRED = [
  { request: "@npmcli/arborist", from: /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]closure[\\/]codePaths\.js$/ },
  { request: "../../typescript-shim", from: /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]closure[\\/]parseFunction\.js$/ },
];

const load = Module._load;
Module._load = function deferringLoad(request, parent, isMain) {
  const deferred = parent && DEFERRED.some((d) => d.request === request && d.from.test(parent.filename ?? ""));
  if (!deferred) return load.apply(this, arguments);
  let real;
  const target = () => (real ??= load.call(this, request, parent, isMain));
  // `__esModule` lets TypeScript's `__importStar` hand the proxy through instead of copying (and so loading) it.
  return new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" && real === undefined ? true : Reflect.get(target(), key)),
      has: (_, key) => Reflect.has(target(), key),
    },
  );
};
