/*
 * Jest's resolver. Jest evaluates every module a suite loads again for each suite, and most suites import
 * @pulumi/pulumi, which requires about 320 modules (3.4 MB) as it loads; a test on the SDK's mocks uses a fifth of
 * them. The requests below, made by the SDK's own files, resolve to stand-ins (test/setup/deferred.js) that load the
 * real module on first use, so a suite pays only for what it runs; every other request resolves as usual. The
 * stand-ins are written to node_modules/.cache/jest-deferred/ when a worker starts.
 * test/setup/resolver.test.ts checks each request is still made and each stand-in behaves as its module.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const SDK = path.dirname(require.resolve("@pulumi/pulumi"));
const NODE_MODULES = path.join(__dirname, "../../node_modules");
const STAND_INS = path.join(NODE_MODULES, ".cache/jest-deferred");

/**
 * Directory of the requiring file (relative to @pulumi/pulumi, `/`-separated) → requests deferred there. A request
 * mapped to function names is one whose functions the requiring file copies as it loads (a function stand-in).
 */
const DEFERRED = {
  // The Automation API (js-yaml, execa, normalize-package-data), a provider's gRPC server, gRPC itself.
  ".": { "./automation": true, "./provider": true, "@grpc/grpc-js": true },
  runtime: {
    // Closure serialization: its parser (TypeScript), package walks (arborist), semver, normalize-package-data.
    "./closure/serializeClosure": ["serializeFunction", "serializeFunctionAsync"],
    "./closure/codePaths": ["computeCodePaths", "findWorkspaceRoot", "packageArchivePath"],
    // Talking to a real engine: gRPC (65 modules), its generated clients, tracing; and semver (47 modules).
    "@grpc/grpc-js": true,
    "@opentelemetry/api": true,
    semver: true,
    "../proto/callback_grpc_pb": true,
    "../proto/engine_grpc_pb": true,
    "../proto/resource_grpc_pb": true,
  },
  "runtime/closure": { "../../typescript-shim": true, "@npmcli/arborist": true },
};

const HELPERS = path.join(__dirname, "deferred.js");

/** Writes (once, atomically: workers start together) the stand-in for `file`; returns its path. */
function standIn(file, functions) {
  const target = path.join(STAND_INS, `${path.relative(NODE_MODULES, file).replace(/[\\/]/g, "+")}`);
  const call = Array.isArray(functions)
    ? `deferredFunctions(${JSON.stringify(file)}, ${JSON.stringify(functions)})`
    : `deferred(${JSON.stringify(file)})`;
  const text = `// Written by test/setup/resolver.js.\nmodule.exports = require(${JSON.stringify(HELPERS)}).${call};\n`;
  if (fs.existsSync(target) && fs.readFileSync(target, "utf8") === text) return target;
  fs.mkdirSync(STAND_INS, { recursive: true });
  const temporary = `${target}.${process.pid}`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, target);
  return target;
}

function resolve(request, options) {
  const from = path.relative(SDK, options.basedir).split(path.sep).join("/") || ".";
  const deferred = Object.hasOwn(DEFERRED, from) && Object.hasOwn(DEFERRED[from], request) && DEFERRED[from][request];
  const file = options.defaultResolver(request, options);
  return deferred ? standIn(file, deferred) : file;
}

module.exports = resolve;
module.exports.DEFERRED = DEFERRED;
module.exports.SDK = SDK;
