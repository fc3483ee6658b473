/** Outputs made on first read behave as the SDK's eager ones: same value, knownness, secrecy, resources and errors. */
import * as pulumi from "@pulumi/pulumi";
import { installLazyOutputs, lazyTransferProperties } from "../../../../tools/preview/worker/lazyOutputs";

const rpc = require("@pulumi/pulumi/runtime/rpc");
const eager = rpc.transferProperties;
const lazy = lazyTransferProperties(eager);

type Resolution = [value: unknown, isKnown: boolean, isSecret: boolean, deps?: unknown[], err?: Error];

/** What a program can observe of an Output (each part settled, so that a failure is observed too). */
async function observe(output: any) {
  // Everything is resolved before this is called, so a part still pending after a timer is one that never settles.
  const settled = (p: Promise<unknown>) => Promise.race([p, new Promise((resolve) => setTimeout(() => resolve("never settled"), 50))]);
  const parts = await Promise.allSettled([output.promise(true), output.isKnown, output.isSecret, output.allResources()].map(settled));
  const [value, isKnown, isSecret, all] = parts.map((p) => (p.status === "fulfilled" ? p.value : `rejected: ${p.reason.message}`));
  const names = (resources: Iterable<{ name: string }>) => [...resources].map((r) => r.name);
  return { value, isKnown, isSecret, resources: names(output.resources()), allResources: all instanceof Set ? names(all) : all };
}

/** One resource-like object per transfer, each given the same props and resolutions; `readFirst` reads before resolving. */
async function both(resolution: Resolution, readFirst: boolean) {
  const results = [];
  for (const transfer of [eager, lazy]) {
    const onto: Record<string, any> = { name: `${transfer === eager ? "eager" : "lazy"} r` };
    const resolvers = transfer(onto, "r", { location: "westeurope", primaryEndpoints: undefined });
    const early = readFirst ? onto.primaryEndpoints : undefined;
    resolvers.location("westeurope", true, false, []);
    resolvers.primaryEndpoints(...resolution);
    const output = early ?? onto.primaryEndpoints;
    results.push({ output, observed: JSON.stringify(await observe(output)), keys: Object.keys(onto), onto });
  }
  return results;
}

describe("lazy outputs", () => {
  const dependency = { urn: "urn:pulumi:dev::p::t::dep" };
  it.each([
    ["a known value", ["https://st.blob.core.windows.net/", true, false, [dependency]] as Resolution],
    ["a secret", [{ blob: "b" }, true, true, []] as Resolution],
    ["an unknown value (preview)", [undefined, false, false, []] as Resolution],
    ["a failure", [undefined, false, false, [], new Error("registration failed")] as Resolution],
  ])("%s reads the same whether read before or after it resolves", async (_, resolution) => {
    for (const readFirst of [true, false]) {
      const [fromEager, fromLazy] = await both(resolution, readFirst);
      expect(fromLazy.output).toBeInstanceOf(Object);
      expect(pulumi.Output.isInstance(fromLazy.output)).toBe(true);
      expect(fromLazy.observed).toBe(fromEager.observed.replace(/eager r/g, "lazy r"));
      expect(fromLazy.observed).toContain('"resources":["lazy r"]');
      expect(fromLazy.keys).toEqual(fromEager.keys);
      expect(Object.prototype.hasOwnProperty.call(fromLazy.onto, "hasOwnProperty")).toBe(false);
      expect(fromLazy.observed).toContain(resolution[4] ? "rejected: registration failed" : `"isKnown":${resolution[1]}`);
    }
  });

  it("makes no Output until a property is read, then keeps the one it made", () => {
    const onto: Record<string, any> = {};
    lazy(onto, "r", { a: undefined, b: 1 });
    expect(Object.keys(onto)).toEqual(["a", "b"]);
    expect(Object.getOwnPropertyDescriptor(onto, "a")?.get).toBeInstanceOf(Function);
    const first = onto.a;
    expect(Object.getOwnPropertyDescriptor(onto, "a")).toMatchObject({ value: first, enumerable: true });
    expect(onto.a).toBe(first);
    expect(Object.getOwnPropertyDescriptor(onto, "b")?.get).toBeInstanceOf(Function);
  });

  it("skips id and urn, and refuses a property set twice, as the SDK does", () => {
    const [fromEager, fromLazy]: Record<string, any>[] = [{ taken: 1 }, { taken: 1 }];
    expect(Object.keys(lazy(fromLazy, "r", { id: "x", urn: "u", a: 1 }))).toEqual(Object.keys(eager({}, "r", { id: "x", urn: "u", a: 1 })));
    expect(() => lazy(fromLazy, "r", { taken: 2 })).toThrow(/already initialized on target 'r/);
    expect(() => eager(fromEager, "r", { taken: 2 })).toThrow(/already initialized on target 'r/);
  });

  it("lets the resource's class assign a property itself", () => {
    const onto: Record<string, any> = {};
    lazy(onto, "r", { a: undefined });
    onto.a = "assigned";
    expect(onto.a).toBe("assigned");
  });

  it("is what the SDK's resource registration calls once installed", () => {
    const module = { transferProperties: eager };
    installLazyOutputs(module);
    const installed = module.transferProperties;
    installLazyOutputs(module);
    expect(module.transferProperties).toBe(installed);
    const onto: Record<string, any> = {};
    module.transferProperties(onto, "r", { a: undefined });
    expect(Object.getOwnPropertyDescriptor(onto, "a")?.get).toBeInstanceOf(Function);
    // `runtime/resource` must call it through the module's exports, or installing it would change nothing.
    const source = require("fs").readFileSync(require.resolve("@pulumi/pulumi/runtime/resource.js"), "utf8");
    expect(source).toMatch(/rpc_1\.transferProperties\(/);
  });
});
