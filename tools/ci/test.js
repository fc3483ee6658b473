#!/usr/bin/env node
/**
 * `npm test`: the type check (`npm run typecheck`) and jest side by side, failing if either fails. Jest runs the
 * tests transpile-only, so neither depends on the other; running them together fills the time jest's workers spend
 * waiting on the previews and policy packs they start. Arguments go to jest (`npm test -- test/docs`).
 * The type check's output is printed as one block after jest's, so the two never interleave.
 */
"use strict";
const { spawn } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "../..");

/** `npm run <script>` through the npm that started us (package.json holds the type check's flags), else npm on PATH. */
function npmRun(script) {
  const npm = process.env.npm_execpath;
  if (npm && /\.c?js$/.test(npm)) return [process.execPath, [npm, "run", "--silent", script]];
  return [process.platform === "win32" ? "npm.cmd" : "npm", ["run", "--silent", script]];
}

/** Starts a command; resolves to its exit code (1 when it died of a signal). */
function run(command, args, { capture }) {
  return new Promise((resolve) => {
    const shell = process.platform === "win32" && command.endsWith(".cmd");
    const child = spawn(command, args, { cwd: root, shell, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
    const chunks = [];
    if (capture) {
      child.stdout.on("data", (chunk) => chunks.push(chunk));
      child.stderr.on("data", (chunk) => chunks.push(chunk));
    }
    child.on("error", (error) => {
      chunks.push(Buffer.from(`${command}: ${error.message}\n`));
      resolve({ code: 1, output: Buffer.concat(chunks) });
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks) }));
  });
}

async function main() {
  const [npm, npmArgs] = npmRun("typecheck");
  const typecheck = run(npm, [...npmArgs, "--", "--pretty"], { capture: true });
  const jestBin = require.resolve("jest/bin/jest", { paths: [root] });
  const jest = run(process.execPath, [jestBin, ...process.argv.slice(2)], { capture: false }).then((result) => result.code);
  const [tsc, jestCode] = await Promise.all([typecheck, jest]);
  process.stdout.write(tsc.output);
  process.stdout.write(tsc.code === 0 ? "typecheck: passed\n" : `typecheck: FAILED (tsc exit ${tsc.code})\n`);
  process.exitCode = tsc.code !== 0 ? tsc.code : jestCode;
}

main();
