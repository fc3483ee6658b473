import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cachingHandler, CompilingModule, ExtensionHandler, TsNodeService } from "../../../tools/preview/transpileCache";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-cache-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A stand-in for ts-node's hook: wraps `_compile` with a "compiler", then loads the source like node's `.js` hook. */
function fakeTsNode(compiler: (code: string) => string) {
  let calls = 0;
  const hook: ExtensionHandler = (module, filename) => {
    calls++;
    const inner = module._compile;
    module._compile = (code, name) => inner.call(module, compiler(code), name);
    module._compile(fs.readFileSync(filename, "utf8"), filename);
  };
  return { hook, calls: () => calls };
}

function load(handler: ExtensionHandler, filename: string): string[] {
  const compiled: string[] = [];
  const module: CompilingModule = { _compile: (code) => compiled.push(code) };
  handler(module, filename);
  return compiled;
}

describe("cachingHandler", () => {
  const source = path.join(dir, "program.ts");
  const cacheDir = path.join(dir, "cache");
  const service: TsNodeService = { ts: { version: "5.9.3" }, config: { options: { module: 1 } } };

  it("stores ts-node's output on a miss and compiles the stored output on a hit without calling ts-node", () => {
    fs.writeFileSync(source, "export const a: number = 1;");
    const tsNode = fakeTsNode((code) => `/*js*/${code.replace(": number", "")}`);
    const handler = cachingHandler(tsNode.hook, service, cacheDir);
    expect(load(handler, source)).toEqual(["/*js*/export const a = 1;"]);
    expect(load(handler, source)).toEqual(["/*js*/export const a = 1;"]);
    expect(tsNode.calls()).toBe(1);
  });

  it("misses when the file or the compiler options change", () => {
    const tsNode = fakeTsNode((code) => `/*v2*/${code}`);
    fs.writeFileSync(source, "export const b = 2;");
    expect(load(cachingHandler(tsNode.hook, service, cacheDir), source)).toEqual(["/*v2*/export const b = 2;"]);
    const otherOptions: TsNodeService = { ...service, config: { options: { module: 199 } } };
    expect(load(cachingHandler(tsNode.hook, otherOptions, cacheDir), source)).toEqual(["/*v2*/export const b = 2;"]);
    expect(tsNode.calls()).toBe(2);
  });

  it("leaves files alone that ts-node does not compile (switched off or ignored)", () => {
    const tsNode = fakeTsNode((code) => code);
    const off = cachingHandler(tsNode.hook, { ...service, enabled: () => false }, path.join(dir, "off"));
    const ignoring = cachingHandler(tsNode.hook, { ...service, ignored: () => true }, path.join(dir, "off"));
    load(off, source);
    load(ignoring, source);
    expect(tsNode.calls()).toBe(2);
    expect(fs.existsSync(path.join(dir, "off"))).toBe(false);
  });
});
