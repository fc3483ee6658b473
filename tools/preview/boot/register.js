/*
 * Loads TypeScript in every process of the offline check (the host, each stack worker, the policy pack) without
 * the TypeScript compiler: esbuild strips the types (type-checking is `npm test`'s and `tsc`'s job), and its output
 * is kept on disk, keyed by file content and options, so a warm run starts no transpiler at all.
 * `PREVIEW_NO_CACHE=1` turns the cache off, `PREVIEW_CACHE_DIR` moves it. Plain JavaScript: it loads before any .ts.
 */
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const CACHE_DIR = process.env.PREVIEW_CACHE_DIR ?? path.resolve(__dirname, "../../../node_modules/.cache/offline-preview");
const CACHE = process.env.PREVIEW_NO_CACHE !== "1";
/** Bumped when the output for the same input changes (options, esbuild). */
const FORMAT = "esbuild-2";

let esbuild;
let options = { tsconfigRaw: "{}", salt: "" };

/** The project tsconfig's text (esbuild reads its compilerOptions as the Pulumi language host does, without `extends`). */
function readTsconfig(dir) {
  try {
    return fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8");
  } catch {
    return "{}";
  }
}

function transpile(source, filename) {
  esbuild ??= require("esbuild");
  const loader = filename.endsWith(".tsx") ? "tsx" : "ts";
  // As TypeScript's commonjs output: `import()` becomes `require`.
  const common = {
    loader,
    format: "cjs",
    target: "node20",
    supported: { "dynamic-import": false },
    sourcemap: "inline",
    sourcefile: filename,
  };
  try {
    return esbuild.transformSync(source, { ...common, tsconfigRaw: options.tsconfigRaw }).code;
  } catch (err) {
    // A tsconfig esbuild cannot read is the type-checker's business, not the loader's.
    if (options.tsconfigRaw === "{}") throw err;
    return esbuild.transformSync(source, common).code;
  }
}

function compiled(source, filename) {
  if (!CACHE) return transpile(source, filename);
  const key = crypto.createHash("sha256").update(`${FORMAT}\0${options.salt}\0${filename}\0`).update(source).digest("hex");
  const file = path.join(CACHE_DIR, key.slice(0, 2), `${key}.js`);
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    const code = transpile(source, filename);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Write then rename: a concurrent process reads either nothing or a whole file.
      fs.writeFileSync(`${file}.${process.pid}.tmp`, code);
      fs.renameSync(`${file}.${process.pid}.tmp`, file);
    } catch {
      // A cache that cannot be written only costs time.
    }
    return code;
  }
}

/**
 * Registers the `.ts`/`.tsx` loader, compiling with the compilerOptions of `projectDir`'s tsconfig.json (what matters
 * to output: `useDefineForClassFields`, decorators, JSX); called again for a program, it switches to its project's.
 */
function register(projectDir) {
  const tsconfigRaw = projectDir === undefined ? "{}" : readTsconfig(projectDir);
  options = { tsconfigRaw, salt: crypto.createHash("sha256").update(tsconfigRaw).digest("hex") };
  for (const ext of [".ts", ".tsx", ".cts"]) {
    require.extensions[ext] = (module, filename) => module._compile(compiled(fs.readFileSync(filename, "utf8"), filename), filename);
  }
}

module.exports = { register };
