/*
 * Preloaded (`node -r`) into stack workers and the policy pack process: defers loading modules that
 * `@pulumi/pulumi` requires eagerly but that a preview or a policy pack never uses, until first use.
 *
 * `@npmcli/arborist` (about 250 ms and 15 MB per process) is required by `runtime/closure/codePaths.js` only to
 * compute the code paths of serialized closures (function serialization), which neither runs here. The module
 * still loads, unchanged, the first time anything reads from it.
 */
"use strict";
const Module = require("module");

const DEFERRED = [{ request: "@npmcli/arborist", from: /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]closure[\\/]codePaths\.js$/ }];

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
