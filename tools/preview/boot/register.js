/*
 * Loads TypeScript in every process of the offline check without the TypeScript compiler: esbuild strips the types
 * (type-checking is `npm test`'s and `tsc`'s job), and its output is kept on disk, keyed by content and options, so a
 * warm run starts no transpiler. `PREVIEW_NO_CACHE=1` turns the cache off, `PREVIEW_CACHE_DIR` moves it.
 */
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const CACHE_DIR = process.env.PREVIEW_CACHE_DIR ?? path.resolve(__dirname, "../../../node_modules/.cache/offline-preview");
const CACHE = process.env.PREVIEW_NO_CACHE !== "1";
/** Bumped when the output for the same input changes (options, esbuild). */
const FORMAT = "esbuild-2";
let tsconfigRaw = "{}";

function transpile(source, filename) {
  // As TypeScript's commonjs output: `import()` becomes `require`.
  const common = { loader: filename.endsWith(".tsx") ? "tsx" : "ts", format: "cjs", target: "node20", sourcefile: filename };
  Object.assign(common, { supported: { "dynamic-import": false }, sourcemap: "inline" });
  const esbuild = require("esbuild");
  try {
    return esbuild.transformSync(source, { ...common, tsconfigRaw }).code;
  } catch (err) {
    // A tsconfig esbuild cannot read is the type-checker's business, not the loader's.
    if (tsconfigRaw === "{}") throw err;
    return esbuild.transformSync(source, common).code;
  }
}

function compiled(source, filename) {
  if (!CACHE) return transpile(source, filename);
  const key = crypto.createHash("sha256").update(`${FORMAT}\0${tsconfigRaw}\0${filename}\0`).update(source).digest("hex");
  const file = path.join(CACHE_DIR, key.slice(0, 2), `${key}.js`);
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    const code = transpile(source, filename);
    try {
      // Write then rename: a concurrent process reads either nothing or a whole file.
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(`${file}.${process.pid}.tmp`, code);
      fs.renameSync(`${file}.${process.pid}.tmp`, file);
    } catch {
      // An unwritable cache only costs time.
    }
    return code;
  }
}

/**
 * Registers the `.ts`/`.tsx` loader with the compilerOptions of `projectDir`'s tsconfig.json (read as the Pulumi
 * language host reads it, without `extends`); called again for a program, it switches to its project's.
 */
function register(projectDir) {
  tsconfigRaw = "{}";
  try {
    if (projectDir !== undefined) tsconfigRaw = fs.readFileSync(path.join(projectDir, "tsconfig.json"), "utf8");
  } catch {
    // No tsconfig: esbuild's defaults.
  }
  for (const ext of [".ts", ".tsx", ".cts"]) {
    require.extensions[ext] = (module, filename) => module._compile(compiled(fs.readFileSync(filename, "utf8"), filename), filename);
  }
}

module.exports = { register };
