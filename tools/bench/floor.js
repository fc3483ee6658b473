/*
 * The floor of an offline check: a bare `node` that loads `@pulumi/pulumi` and the azure-native submodules the
 * program imports, and nothing else (no program, no mocks, no pack). The benchmark measures it in the same run as
 * the check and reports the check's ratio to it.
 *
 *   node floor.js <projectDir> <module>...
 */
"use strict";
const [projectDir, ...modules] = process.argv.slice(2);
const started = performance.now();
const load = (m) => require(require.resolve(m, { paths: [projectDir] }));
load("@pulumi/pulumi");
for (const m of modules) load(m);
process.stdout.write(`${JSON.stringify({ loadMs: Math.round(performance.now() - started) })}\n`);
