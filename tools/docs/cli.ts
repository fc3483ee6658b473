/**
 * `npm run docs`: regenerates docs/config-reference.md, docs/policy-reference.md, the access report in docs/access.md
 * and the stack file JSON Schema.
 * `npm run docs -- --check`: exits 1, naming the stale files, when either differs from what would be generated.
 */
import * as fs from "fs";
import * as path from "path";
import { CONFIG_REFERENCE_PATH, configReferenceRows, renderConfigReference } from "./configReference";
import { POLICY_REFERENCE_PATH, loadPolicyReference, renderPolicyReference } from "./policyReference";
import { STACK_SCHEMA_PATH, stackFileSchema } from "./stackSchema";
import { ACCESS_REPORT_PATH, bundledStacks, renderAccessDoc, renderAccessReport } from "./accessReport";

const REPO_ROOT = path.resolve(__dirname, "../..");

/** The generated documents by repository path, and what is wrong with their sources' documentation. */
export function generateReferences(): { files: Record<string, string>; problems: string[] } {
  const rows = configReferenceRows();
  const policies = loadPolicyReference();
  const access = renderAccessReport(bundledStacks(REPO_ROOT));
  return {
    files: {
      [CONFIG_REFERENCE_PATH]: renderConfigReference(rows),
      [POLICY_REFERENCE_PATH]: renderPolicyReference(policies.entries, policies.packLevel),
      [STACK_SCHEMA_PATH]: JSON.stringify(stackFileSchema(), null, 2) + "\n",
      [ACCESS_REPORT_PATH]: renderAccessDoc(fs.readFileSync(path.join(REPO_ROOT, ACCESS_REPORT_PATH), "utf8"), access.text),
    },
    problems: [...rows.flatMap((row) => row.problems), ...policies.problems, ...access.problems],
  };
}

function main(argv: string[]): number {
  const check = argv.includes("--check");
  const { files, problems } = generateReferences();
  if (problems.length > 0) {
    for (const problem of problems) console.error(`error: ${problem}`);
    return 1;
  }
  const stale = Object.entries(files).filter(([file, text]) => {
    const target = path.join(REPO_ROOT, file);
    return !fs.existsSync(target) || fs.readFileSync(target, "utf8") !== text;
  });
  if (check) {
    for (const [file] of stale) console.error(`error: ${file} is stale: run \`npm run docs\``);
    return stale.length > 0 ? 1 : 0;
  }
  for (const [file, text] of stale) {
    fs.mkdirSync(path.dirname(path.join(REPO_ROOT, file)), { recursive: true });
    fs.writeFileSync(path.join(REPO_ROOT, file), text);
    console.log(`wrote ${file}`);
  }
  if (stale.length === 0) console.log("references are up to date");
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
