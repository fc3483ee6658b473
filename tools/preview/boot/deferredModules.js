/*
 * Modules `@pulumi/pulumi` requires eagerly that programs on the mock runtime and policy packs rarely reach: each request
 * below, made by a file of any copy of the SDK, gets a stand-in that loads the real module the first time it is used.
 * Installed in stack workers and the pack process; jest's resolver (test/setup/resolver.js) uses the same stand-ins.
 */
"use strict";
const Module = require("module");

/** Folder of the requiring file in @pulumi/pulumi → requests deferred there (function names: the file copies them). */
const DEFERRED = {
  // The Automation API (js-yaml, execa, normalize-package-data), a provider's gRPC server, gRPC itself.
  ".": { "./automation": true, "./provider": true, "@grpc/grpc-js": true },
  runtime: {
    "./closure/serializeClosure": ["serializeFunction", "serializeFunctionAsync"],
    "./closure/codePaths": ["computeCodePaths", "findWorkspaceRoot", "packageArchivePath"],
    // gRPC (65 modules), its generated clients, tracing; semver (47); YAML (Pulumi.yaml, 25).
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

/** DEFERRED's entry for `request` made from `folder`: function names, true, or undefined. */
function deferredEntry(folder, request) {
  return Object.hasOwn(DEFERRED, folder) && Object.hasOwn(DEFERRED[folder], request) ? DEFERRED[folder][request] : undefined;
}

/** The stand-in, for DEFERRED's `entry`, of the module `load` loads: a proxy of it, or its functions `entry` names. */
function standIn(entry, load) {
  let real;
  const target = () => (real ??= load());
  if (Array.isArray(entry)) {
    const stub = { __esModule: true };
    for (const name of entry) {
      stub[name] = function (...args) {
        return target()[name].apply(this, args);
      };
    }
    return stub;
  }
  // `__esModule` lets TypeScript's `__importStar` hand the proxy through instead of copying (and so loading) it.
  return new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" && real === undefined ? true : Reflect.get(target(), key)),
      has: (_, key) => Reflect.has(target(), key),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(target(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

/** A file of @pulumi/pulumi (its folder there: the last copy's, for one nested in another). */
const SDK_FILE = /.*[\\/]@pulumi[\\/]pulumi[\\/](?:(.*)[\\/])?[^\\/]+$/;

/** Hands out the stand-ins in this process. */
function install() {
  const load = Module._load;
  Module._load = function deferringLoad(request, parent, isMain) {
    const sdk = SDK_FILE.exec(parent?.filename ?? "");
    const entry = sdk && deferredEntry((sdk[1] ?? ".").replace(/\\/g, "/"), request);
    return entry ? standIn(entry, () => load.call(this, request, parent, isMain)) : load.apply(this, arguments);
  };
}

module.exports = { DEFERRED, deferredEntry, install, standIn };
