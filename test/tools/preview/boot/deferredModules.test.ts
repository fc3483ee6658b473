/**
 * The offline check's stand-ins (tools/preview/boot/deferredModules.js) installed in plain Node, as in a stack worker
 * and the pack process: @pulumi/pulumi loads none of the deferred modules, and each loads when first used.
 */
import * as path from "path";
import { execFileSync } from "child_process";

const HOOK = path.resolve(__dirname, "../../../../tools/preview/boot/deferredModules.js");
const { DEFERRED } = require("../../../../tools/preview/boot/deferredModules") as { DEFERRED: Record<string, Record<string, unknown>> };

/** In a fresh node with the stand-ins installed: which deferred modules are loaded after requiring the SDK, and after running `use`. */
function loadedDeferred(use: string): { withSdk: string[]; afterUse: string[] } {
  const script = `require(${JSON.stringify(HOOK)}).install(); const { createRequire } = require("module"); const path = require("path");
    const pulumi = require("@pulumi/pulumi"); const sdk = path.dirname(require.resolve("@pulumi/pulumi"));
    const files = Object.entries(${JSON.stringify(DEFERRED)}).flatMap(([from, requests]) => Object.keys(requests).map(
      (request) => [from + " " + request, createRequire(path.join(sdk, from, "index.js")).resolve(request)]));
    const loaded = () => files.filter(([, file]) => require.cache[file] !== undefined).map(([name]) => name);
    const withSdk = loaded(); ${use}; console.log(JSON.stringify({ withSdk, afterUse: loaded() }));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: path.resolve(__dirname, "../../../..") }).toString());
}

describe("boot/deferredModules", () => {
  it("defers every listed request of @pulumi/pulumi until the module is used", () => {
    const { withSdk, afterUse } = loadedDeferred(`pulumi.automation.LocalWorkspace; pulumi.runtime.computeCodePaths.length`);
    expect(withSdk).toEqual([]);
    expect(afterUse).toContain(". ./automation");
    // Reading a function stand-in's function does not load its module; calling it does (below).
    expect(afterUse).not.toContain("runtime ./closure/codePaths");
  });

  it("loads a function stand-in's module when one of its functions is called", () => {
    const { afterUse } = loadedDeferred(`pulumi.runtime.serializeFunction(() => 1).catch(() => undefined)`);
    expect(afterUse).toContain("runtime ./closure/serializeClosure");
  });
});
