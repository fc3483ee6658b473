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
const { registerPulumiTypeScript } = require("./pulumiTypeScript");

const [mode, projectDir, ...modules] = process.argv.slice(2);
if (!["typecheck", "transpile"].includes(mode) || !projectDir || modules.length === 0) {
  process.stderr.write("usage: node loadProgram.js typecheck|transpile <projectDir> <module.ts>...\n");
  process.exit(2);
}
const started = performance.now();
process.chdir(projectDir);
const programDir = path.dirname(path.resolve(modules[0]));
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [programDir] }));
// run.js: PULUMI_NODEJS_TRANSPILE_ONLY, else the tsconfig's `noCheck`, else ts-node's default (type-check).
registerPulumiTypeScript(pulumiDir, { transpileOnly: mode === "transpile" ? true : undefined });
for (const file of modules) require(path.resolve(file));
process.stdout.write(`${JSON.stringify({ loadMs: Math.round(performance.now() - started) })}\n`);
