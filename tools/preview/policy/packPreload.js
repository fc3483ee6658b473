/*
 * Preloaded (`node -r`) into the policy pack process that the offline policy check starts. It changes nothing
 * about how the pack serves the analyzer protocol; it only:
 * 1. exits when the parent goes away (the parent holds our stdin open; the pipe closes when it dies, even on
 *    SIGKILL), so no pack process outlives a preview;
 * 2. when PREVIEW_POLICY_TRANSPILE_ONLY=1, makes `run-policy-pack`'s ts-node registration transpile-only.
 *    `run-policy-pack/run.js` always registers ts-node with `typeCheck: true` and neither tsconfig nor env can
 *    turn that off; type-checking costs seconds per start, and `npm test` already type-checks the pack with tsc.
 *    ts-node's output is then cached on disk (`transpileCache.ts`), as in the stack workers;
 * 3. defers modules the pack never uses (`deferredModules.js`).
 */
"use strict";
const path = require("path");

require(path.join(__dirname, "..", "deferredModules.js"));

process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
// Watching stdin must not keep the process alive by itself (a pack that fails to load has to exit).
if (typeof process.stdin.unref === "function") process.stdin.unref();
// Exit through process.exit so exit hooks run (and --cpu-prof profiles get written) when the check closes us.
process.on("SIGTERM", () => process.exit(0));

if (process.env.PREVIEW_POLICY_TRANSPILE_ONLY === "1") {
  try {
    // Patch the very ts-node instance run-policy-pack will require (resolved from @pulumi/pulumi's directory).
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [process.cwd()] }));
    const tsNode = require(require.resolve("ts-node", { paths: [pulumiDir] }));
    const register = tsNode.register;
    tsNode.register = (options) => {
      const service = register({ ...options, typeCheck: false, transpileOnly: true });
      // Transpiled output is then cached on disk like the stack workers' (a no-op with PREVIEW_NO_CACHE=1).
      require(path.join(__dirname, "..", "transpileCache.ts")).cacheTypeScriptOutput();
      return service;
    };
  } catch {
    // No ts-node next to @pulumi/pulumi: run-policy-pack uses its vendored copy and type-checks as usual.
  }
}
