/*
 * Modules `@pulumi/pulumi` requires eagerly but neither a program on the mock runtime nor a policy pack uses unless it
 * reaches them: the stand-ins below load the real module, unchanged, the first time anything uses it. Used by every
 * process of the offline check (boot/deferredModules.js) and by jest's resolver (test/setup/resolver.js), whose test
 * proves each request is still made by the SDK and each function stand-in has its module's functions.
 */
"use strict";

/**
 * Folder of the requiring file (relative to @pulumi/pulumi, `/`-separated) → requests deferred there. A request
 * mapped to function names is one whose functions the requiring file copies as it loads (a function stand-in).
 */
const DEFERRED = {
  // The Automation API (js-yaml, execa, normalize-package-data), a provider's gRPC server, gRPC itself.
  ".": { "./automation": true, "./provider": true, "@grpc/grpc-js": true },
  runtime: {
    // Closure serialization: its parser (TypeScript), package walks (arborist), semver, normalize-package-data.
    "./closure/serializeClosure": ["serializeFunction", "serializeFunctionAsync"],
    "./closure/codePaths": ["computeCodePaths", "findWorkspaceRoot", "packageArchivePath"],
    // Talking to a real engine: gRPC (65 modules), its generated clients, tracing; semver (47); YAML (Pulumi.yaml).
    "@grpc/grpc-js": true,
    "@opentelemetry/api": true,
    semver: true,
    "js-yaml": true,
    "../proto/callback_grpc_pb": true,
    "../proto/engine_grpc_pb": true,
    "../proto/resource_grpc_pb": true,
  },
  "runtime/closure": { "../../typescript-shim": true, "@npmcli/arborist": true },
};

/** Calls `load` once, on the first call of the function returned. */
function once(load) {
  let real;
  const get = () => (real ??= load());
  get.loaded = () => real !== undefined;
  return get;
}

/** A module that `load`s the real one on first use: for modules the SDK keeps whole (`import * as m`, `require`). */
function deferred(load) {
  const real = once(load);
  // `__esModule` lets TypeScript's `__importStar` hand the proxy through instead of copying (and so loading) it.
  return new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" && !real.loaded() ? true : Reflect.get(real(), key)),
      has: (_, key) => Reflect.has(real(), key),
      ownKeys: () => Reflect.ownKeys(real()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(real(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

/** Functions `names` that `load` the real module when one is first called: for modules whose functions are copied. */
function deferredFunctions(load, names) {
  const real = once(load);
  const stub = { __esModule: true };
  for (const name of names) {
    stub[name] = function (...args) {
      return real()[name].apply(this, args);
    };
  }
  return stub;
}

/** What DEFERRED says of `request` made from `folder` of @pulumi/pulumi: function names, true, or undefined. */
function deferredEntry(folder, request) {
  return Object.hasOwn(DEFERRED, folder) && Object.hasOwn(DEFERRED[folder], request) ? DEFERRED[folder][request] : undefined;
}

/** The stand-in for a module of DEFERRED's `entry` that `load` loads. */
function standIn(entry, load) {
  return Array.isArray(entry) ? deferredFunctions(load, entry) : deferred(load);
}

module.exports = { DEFERRED, deferredEntry, standIn };
