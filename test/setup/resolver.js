/*
 * Jest's resolver. Jest evaluates every module a suite loads again for each suite, and most suites import
 * @pulumi/pulumi, which requires about 320 modules (3.4 MB) as it loads; a test on the SDK's mocks uses a fifth of
 * them. The requests tools/preview/boot/deferredModules.js lists, made by the SDK's own files, resolve to stand-ins that
 * load the real module on first use, so a suite pays only for what it runs; every other request resolves as usual. The
 * stand-ins are written to node_modules/.cache/jest-deferred/ when a worker starts.
 * test/setup/resolver.test.ts checks each request is still made and each stand-in behaves as its module.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const SDK = path.dirname(require.resolve("@pulumi/pulumi"));
const NODE_MODULES = path.join(__dirname, "../../node_modules");
const STAND_INS = path.join(NODE_MODULES, ".cache/jest-deferred");

const BOOT = path.join(__dirname, "../../tools/preview/boot/deferredModules.js");
const { DEFERRED, deferredEntry } = require(BOOT);

/** Writes (once, atomically: workers start together) the stand-in of DEFERRED's `entry` for `file`; returns its path. */
function standIn(file, entry) {
  const target = path.join(STAND_INS, `${path.relative(NODE_MODULES, file).replace(/[\\/]/g, "+")}`);
  const load = `() => require(${JSON.stringify(file)})`;
  const text = `// Written by test/setup/resolver.js.\nmodule.exports = require(${JSON.stringify(BOOT)}).standIn(${JSON.stringify(entry)}, ${load});\n`;
  if (fs.existsSync(target) && fs.readFileSync(target, "utf8") === text) return target;
  fs.mkdirSync(STAND_INS, { recursive: true });
  const temporary = `${target}.${process.pid}`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, target);
  return target;
}

function resolve(request, options) {
  const from = path.relative(SDK, options.basedir).split(path.sep).join("/") || ".";
  const entry = deferredEntry(from, request);
  const file = options.defaultResolver(request, options);
  return entry ? standIn(file, entry) : file;
}

module.exports = resolve;
module.exports.DEFERRED = DEFERRED;
module.exports.SDK = SDK;
