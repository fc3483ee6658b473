/*
 * Registers ts-node for a Pulumi TypeScript program exactly as the Pulumi CLI's Node language host does
 * (`@pulumi/pulumi/cmd/run/run.js`): the project's tsconfig (skipped when there is none) over run.js's defaults,
 * nodenext from TypeScript 4.7 on, and type-checking unless transpile-only is asked for or the tsconfig sets
 * `noCheck`. Plain JavaScript so the benchmark's baseline can load it without ts-node; the preview worker uses it too.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");

/**
 * @param {string} pulumiDir the program's `@pulumi/pulumi` package directory (its ts-node and TypeScript are used)
 * @param {{ transpileOnly?: boolean }} [options] `transpileOnly` as PULUMI_NODEJS_TRANSPILE_ONLY; default: the tsconfig's `noCheck`
 */
function registerPulumiTypeScript(pulumiDir, options = {}) {
  const requireFromPulumi = createRequire(path.join(pulumiDir, "cmd", "run", "run.js"));
  const tsutils = requireFromPulumi("../../tsutils");
  const tsConfigPath = process.env.PULUMI_NODEJS_TSCONFIG_PATH || "tsconfig.json";
  const skipProject = !fs.existsSync(tsConfigPath);
  const compilerOptions = skipProject ? {} : tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
  const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
  const ts = requireFromPulumi(typescriptRequire);
  // The vendored TypeScript 3.8 fallback gets commonjs.
  const [major, minor] = String(ts.version).split(".").map(Number);
  const useNodeNext = major > 4 || (major === 4 && minor >= 7);
  requireFromPulumi(tsnodeRequire).register({
    compiler: typescriptRequire,
    transpileOnly: options.transpileOnly ?? compilerOptions.noCheck,
    project: tsConfigPath,
    skipProject,
    compilerOptions: {
      target: "ES2020",
      module: useNodeNext ? "nodenext" : "commonjs",
      moduleResolution: useNodeNext ? "nodenext" : "node",
      sourceMap: "true",
      ...compilerOptions,
    },
  });
}

module.exports = { registerPulumiTypeScript };
