/**
 * Remembers what ts-node emitted for each TypeScript file, on disk, so that later workers and later previews load a
 * program's modules without transpiling them again (transpiling is most of a stack's load time).
 *
 * ts-node stays the compiler: on a miss its `.ts` hook runs as usual and its output is stored; on a hit the stored
 * output is compiled directly. The key covers the file's path and content and ts-node's effective compiler options
 * and TypeScript version, so any change misses. `PREVIEW_NO_CACHE=1` turns it off, `PREVIEW_CACHE_DIR` moves it.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

export type CompilingModule = { _compile(code: string, filename: string): unknown };
export type ExtensionHandler = (module: CompilingModule, filename: string) => void;

/** The parts of a ts-node service (`register()`'s result) the cache reads. */
export interface TsNodeService {
  ts?: { version?: string };
  config?: { options?: unknown };
  enabled?(): boolean;
  ignored?(filename: string): boolean;
}

/** ts-node's registration in this process. */
const TS_NODE_INSTANCE = Symbol.for("ts-node.register.instance");

export const DEFAULT_CACHE_DIR = path.resolve(__dirname, "../../node_modules/.cache/offline-preview");

/** Output served from the cache, by file: ts-node's source-map support only knows what it compiled itself. */
const served = new Map<string, string>();
let sourceMapsHooked = false;

/** Lets stack traces (SARIF source positions) map cached output back to the TypeScript lines, as on a miss. */
function hookSourceMaps(): void {
  if (sourceMapsHooked) return;
  sourceMapsHooked = true;
  try {
    // Resolved next to ts-node at run time (the instance ts-node installed), hence require.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const support = require(require.resolve("@cspotcode/source-map-support", { paths: [path.dirname(require.resolve("ts-node"))] })) as {
      install(options: { environment: string; retrieveFile(file: string): string | null }): void;
    };
    support.install({ environment: "node", retrieveFile: (file) => served.get(path.normalize(file)) ?? null });
  } catch {
    // Without it, positions point at the transpiled lines.
  }
}

function readCached(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function store(file: string, code: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Write then rename: a concurrent worker reads either nothing or a whole file.
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
}

/** `transpile` (ts-node's `.ts` hook for `service`) with its output cached in `cacheDir`. */
export function cachingHandler(transpile: ExtensionHandler, service: TsNodeService, cacheDir: string): ExtensionHandler {
  const salt = JSON.stringify({ ts: service.ts?.version, options: service.config?.options });
  return (module, filename) => {
    // Files this ts-node leaves alone (switched off, node_modules) are not its output: pass them on.
    if (service.enabled?.() === false || service.ignored?.(filename) === true) return transpile(module, filename);
    const source = readCached(filename);
    if (source === undefined) return transpile(module, filename);
    const key = createHash("sha256").update(salt).update("\0").update(filename).update("\0").update(source).digest("hex");
    const file = path.join(cacheDir, key.slice(0, 2), `${key}.js`);
    const cached = readCached(file);
    if (cached !== undefined) {
      served.set(path.normalize(filename), cached);
      hookSourceMaps();
      module._compile(cached, filename);
      return;
    }
    // ts-node wraps `_compile` around ours, so ours receives its output.
    const compile = module._compile;
    module._compile = function (code: string, name: string) {
      module._compile = compile;
      store(file, code);
      return compile.call(this, code, name);
    };
    transpile(module, filename);
  };
}

/** Wraps the current `.ts` hook (ts-node's) with the cache; no-op when ts-node is not registered or caching is off. */
export function cacheTypeScriptOutput(cacheDir = process.env.PREVIEW_CACHE_DIR ?? DEFAULT_CACHE_DIR): void {
  const extensions = require.extensions as unknown as Record<string, ExtensionHandler | undefined>;
  const transpile = extensions[".ts"];
  const service = (process as unknown as Record<symbol, TsNodeService | undefined>)[TS_NODE_INSTANCE];
  if (!transpile || !service?.config || process.env.PREVIEW_NO_CACHE === "1") return;
  extensions[".ts"] = cachingHandler(transpile, service, cacheDir);
}
