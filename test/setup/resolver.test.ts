/**
 * The deferred requests (tools/preview/boot/deferredModules.js), as jest's resolver (test/setup/resolver.js) and the
 * offline check use them: each is one the SDK still makes, loading @pulumi/pulumi loads none of them, and a stand-in
 * behaves as its module once used.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import * as pulumi from "@pulumi/pulumi";

const { DEFERRED, SDK } = require("./resolver") as { DEFERRED: Record<string, Record<string, true | string[]>>; SDK: string };
const { standIn } = require("../../tools/preview/boot/deferredModules") as {
  standIn: (entry: true | string[], load: () => unknown) => any;
};

const loadedWithSdk = new Set(Object.keys(require.cache));
const entries = Object.entries(DEFERRED).flatMap(([from, requests]) =>
  Object.entries(requests).map(([request, functions]) => ({ from, request, functions })),
);
/** The files the deferred requests name, resolved by Node (in a test, require.resolve goes through the resolver). */
const resolved: Record<string, string> = JSON.parse(
  execFileSync(process.execPath, [
    "-e",
    `const { createRequire } = require("module"); const path = require("path"); const e = ${JSON.stringify(entries)};
     console.log(JSON.stringify(Object.fromEntries(e.map(({ from, request }) =>
       [from + " " + request, createRequire(path.join(${JSON.stringify(SDK)}, from, "index.js")).resolve(request)]))));`,
  ]).toString(),
);
const real = (from: string, request: string) => resolved[`${from} ${request}`];

describe("the deferred requests", () => {
  it.each(entries.map((e) => [`${e.from}: ${e.request}`, e] as const))("%s is made by a file of the SDK", (_, e) => {
    const dir = path.join(SDK, e.from);
    const callers = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".js") && fs.readFileSync(path.join(dir, f), "utf8").includes(`require("${e.request}")`));
    expect(callers).not.toEqual([]);
  });

  it("are not loaded with @pulumi/pulumi, which uses each on first use", () => {
    expect(entries.map((e) => real(e.from, e.request)).filter((file) => loadedWithSdk.has(file))).toEqual([]);
    expect(typeof pulumi.automation.LocalWorkspace).toBe("function");
    expect(Object.keys(require.cache)).toContain(real(".", "./automation"));
  });

  it.each(entries.filter((e) => Array.isArray(e.functions)).map((e) => [e.request, e] as const))(
    "%s: the function stand-in has exactly the module's functions",
    (_, e) => {
      const module = require(real(e.from, e.request));
      const functions = Object.keys(module).filter((k) => typeof module[k] === "function");
      expect([...(e.functions as string[])].sort()).toEqual(functions.sort());
    },
  );
});

describe("a stand-in", () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aml-deferred-")), "module.js");
  fs.writeFileSync(
    file,
    "globalThis.__deferredLoads = (globalThis.__deferredLoads ?? 0) + 1;\nexports.add = function (a, b) { return [this, a + b]; };\nexports.value = 42;\n",
  );
  const loads = () => (globalThis as { __deferredLoads?: number }).__deferredLoads ?? 0;
  afterAll(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));

  it("loads its module once, on first use, and hands its members through", () => {
    const before = loads();
    const proxy = standIn(true, () => require(file));
    expect(proxy.__esModule).toBe(true);
    expect(loads()).toBe(before);
    expect(proxy.value).toBe(42);
    expect(Object.keys(proxy)).toEqual(["add", "value"]);
    expect(loads()).toBe(before + 1);
  });

  it("of functions loads its module when one is first called, with the caller's this and arguments", () => {
    jest.resetModules();
    const before = loads();
    const stub = standIn(["add"], () => require(file));
    expect(loads()).toBe(before);
    const self = {};
    expect(stub.add.call(self, 2, 3)).toEqual([self, 5]);
    expect(stub.add(1, 1)[1]).toBe(2);
    expect(loads()).toBe(before + 1);
  });
});
