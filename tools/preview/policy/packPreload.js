/*
 * Preloaded (`node -r`) into the policy pack process. It changes nothing about how the pack serves the analyzer
 * protocol; it only:
 * 1. exits when the parent goes away (the parent holds our stdin open; the pipe closes when it dies, even on
 *    SIGKILL), so no pack process outlives a preview;
 * 2. loads the pack's TypeScript through esbuild (`boot/register.js`) instead of the TypeScript compiler:
 *    `run-policy-pack/run.js` requires `typescript` (for its version), its tsconfig shim and `ts-node` with
 *    `typeCheck: true`, which no option turns off; type-checking costs seconds per start, and `npm test` already
 *    type-checks the pack with tsc. `PREVIEW_POLICY_TYPECHECK=1` leaves run.js as it is;
 * 3. defers modules the pack never uses (`boot/deferredModules.js`).
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
