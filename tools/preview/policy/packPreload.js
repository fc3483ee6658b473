/*
 * Preloaded (`node -r`) into the pack process, leaving the analyzer protocol alone. It exits when the parent's stdin
 * pipe closes (even on SIGKILL); defers unused modules; and, unless PREVIEW_POLICY_TYPECHECK=1, loads the pack's
 * TypeScript with esbuild instead of run.js's ts-node `typeCheck: true` (seconds per start; `npm test` type-checks the pack).
 */
"use strict";
const Module = require("module");

require("../boot/deferredModules").install();

process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
// Watching stdin must not keep the process alive by itself (a pack that fails to load has to exit).
if (typeof process.stdin.unref === "function") process.stdin.unref();
// Exit through process.exit so exit hooks run (and --cpu-prof profiles get written) when the check closes us.
process.on("SIGTERM", () => process.exit(0));

if (process.env.PREVIEW_POLICY_TYPECHECK !== "1") {
  const { register } = require("../boot/register");
  const fromPulumi = /[\\/]@pulumi[\\/]pulumi[\\/](tsutils|cmd[\\/]run-policy-pack[\\/]run)\.js$/;
  // By request (also the SDK's vendored fallbacks): run.js reads only typescript's `version` (to pick module
  // options esbuild does not need); `register` reads the tsconfig itself.
  const standIns = [
    [/^typescript$|[\\/]vendor[\\/]typescript@/, () => ({ version: "5.9.0" })],
    [/^\.\/typescript-shim$/, () => ({ parseConfigFileTextToJson: () => ({ config: {} }) })],
    [/^ts-node$|[\\/]vendor[\\/]ts-node@/, () => ({ VERSION: "esbuild", register: () => register(process.cwd()) })],
  ];
  const load = Module._load;
  Module._load = function standInLoad(request, parent) {
    const standIn = parent && fromPulumi.test(parent.filename ?? "") && standIns.find(([re]) => re.test(request));
    return standIn ? standIn[1]() : load.apply(this, arguments);
  };
}
