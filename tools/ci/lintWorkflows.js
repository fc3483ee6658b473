#!/usr/bin/env node
/**
 * `npm run lint:workflows`: every workflow under .github/workflows must match GitHub's workflow schema
 * (action-validator) and pin each action by a full commit SHA with its release tag in a comment
 * (`uses: owner/repo@<40 hex> # v1.2.3`), so a moved tag cannot change what runs.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const WORKFLOWS = path.resolve(__dirname, "../../.github/workflows");

/** `uses:` lines that are not `owner/repo[/path]@<sha> # vX[.Y[.Z]]` (local `./` actions excepted). */
function unpinnedUses(text) {
  const problems = [];
  text.split("\n").forEach((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
    if (!match || match[1].startsWith("./")) return;
    const pinned = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(match[1]) && /^\s+#\s*v\d+(\.\d+){0,2}\s*$/.test(match[2]);
    if (!pinned) problems.push(`line ${index + 1}: ${line.trim()} (pin a full commit SHA with "# vX.Y.Z")`);
  });
  return problems;
}

function main() {
  const validator = path.join(path.dirname(require.resolve("@action-validator/cli/package.json")), "cli.mjs");
  let failed = 0;
  for (const file of fs
    .readdirSync(WORKFLOWS)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const full = path.join(WORKFLOWS, file);
    const schema = spawnSync(process.execPath, [validator, full], { encoding: "utf8" });
    const problems = unpinnedUses(fs.readFileSync(full, "utf8"));
    if (schema.status !== 0) problems.unshift(`does not match the workflow schema:\n${schema.stdout}${schema.stderr}`);
    for (const problem of problems) console.error(`.github/workflows/${file}: ${problem}`);
    failed += problems.length > 0 ? 1 : 0;
  }
  if (failed > 0) process.exitCode = 1;
  else console.log("workflows: schema valid, every action pinned by commit SHA");
}

module.exports = { unpinnedUses };
if (require.main === module) main();
