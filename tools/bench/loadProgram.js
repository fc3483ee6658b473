/*
 * Baseline for the benchmark: loads a Pulumi TypeScript program's modules the way the Pulumi CLI's Node language
 * host does before running it (`@pulumi/pulumi/cmd/run/run.js`): ts-node registered with the project's tsconfig
 * compiler options and run.js's defaults, type-checking unless `transpile` is asked for. It does not run the
 * program (no engine): it only requires the given modules, then prints `{"loadMs": ...}`.
 *
 *   node loadProgram.js typecheck|transpile <projectDir> <module.ts>...
 *
 * Plain JavaScript, so that nothing but the program goes through ts-node.
 */
"use strict";
const path = require("path");
const { createRequire } = require("module");

const [mode, projectDir, ...modules] = process.argv.slice(2);
if (!["typecheck", "transpile"].includes(mode) || !projectDir || modules.length === 0) {
  process.stderr.write("usage: node loadProgram.js typecheck|transpile <projectDir> <module.ts>...\n");
  process.exit(2);
}
const started = performance.now();
process.chdir(projectDir);
const programDir = path.dirname(path.resolve(modules[0]));
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [programDir] }));
const requireFromPulumi = createRequire(path.join(pulumiDir, "cmd", "run", "run.js"));
const tsutils = requireFromPulumi("../../tsutils");
const tsConfigPath = process.env.PULUMI_NODEJS_TSCONFIG_PATH || "tsconfig.json";
const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
const ts = requireFromPulumi(typescriptRequire);
const [major, minor] = String(ts.version).split(".").map(Number);
const useNodeNext = major > 4 || (major === 4 && minor >= 7);
requireFromPulumi(tsnodeRequire).register({
  compiler: typescriptRequire,
  // run.js: PULUMI_NODEJS_TRANSPILE_ONLY, else the tsconfig's `noCheck`, else ts-node's default (type-check).
  transpileOnly: mode === "transpile" ? true : compilerOptions.noCheck,
  project: tsConfigPath,
  skipProject: false,
  compilerOptions: {
    target: "ES2020",
    module: useNodeNext ? "nodenext" : "commonjs",
    moduleResolution: useNodeNext ? "nodenext" : "node",
    sourceMap: "true",
    ...compilerOptions,
  },
});
for (const file of modules) require(path.resolve(file));
process.stdout.write(`${JSON.stringify({ loadMs: Math.round(performance.now() - started) })}\n`);
