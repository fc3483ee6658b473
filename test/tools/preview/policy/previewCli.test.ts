/**
 * End to end: `npm run preview -- --cwd test/fixtures/policy-programs/<x> --stack dev --format json` runs a plain
 * Pulumi program on the mock runtime and the real policy pack (policies/) over the analyzer protocol.
 * The five previews start together in beforeAll (each is a CLI, a worker and a pack process).
 */
import * as path from "path";
import type { PreviewResult, StackResult, Violation } from "../../../../tools/preview/shared/types";
import { CliRun, runPreview } from "../../../previewCli";

const REPO = path.resolve(__dirname, "../../../..");
const DEFAULT_STORAGE_POLICIES = [
  "aml-default-storage-not-premium",
  "aml-default-storage-no-hns",
  "aml-default-storage-supported-kind",
  "aml-default-storage-verifiable",
];

type Run = CliRun;

/** `viaNpm` goes through npm itself; otherwise the npm script's own command (`node tools/preview/bin.js`). */
function preview(program: string, viaNpm = false): Promise<Run> {
  const args = ["--cwd", path.join("test/fixtures/policy-programs", program), "--stack", "dev", "--format", "json"];
  return runPreview(args, REPO, viaNpm ? "npm" : "ts-node-bin");
}

const runs: Record<string, Run> = {};
let stacks: Record<string, StackResult> = {};

beforeAll(async () => {
  const programs = ["premium-default", "hns-default", "blob-default", "datastores", "hub-project"];
  const results = await Promise.all(programs.map((p, i) => preview(p, i === 0)));
  programs.forEach((p, i) => (runs[p] = results[i]));
  stacks = Object.fromEntries(
    programs.map((p) => {
      const parsed = JSON.parse(runs[p].stdout) as PreviewResult;
      return [p, parsed.stacks[0]];
    }),
  );
}, 120_000);

const storageViolations = (stack: StackResult): Violation[] => stack.violations.filter((v) => DEFAULT_STORAGE_POLICIES.includes(v.policy));
const urnOf = (stack: StackResult, name: string): string => stack.resources.find((r) => r.name === name)!.urn;

describe("npm run preview with the policy pack", () => {
  it.each([
    ["premium-default", "aml-default-storage-not-premium"],
    ["hns-default", "aml-default-storage-no-hns"],
    ["blob-default", "aml-default-storage-supported-kind"],
  ])("%s: exits 1 with a mandatory %s on the workspace", (program, policy) => {
    const stack = stacks[program];
    expect(runs[program].code).toBe(1);
    expect(stack.error).toBeUndefined();
    expect(storageViolations(stack)).toEqual([
      expect.objectContaining({
        policy,
        policyPack: "azure-ml-workspaces",
        enforcementLevel: "mandatory",
        urn: urnOf(stack, "ws"),
      }),
    ]);
  });

  it("datastores: premium and HNS accounts used only as datastores pass, exit 0", () => {
    const stack = stacks.datastores;
    expect(runs.datastores.code).toBe(0);
    expect(stack.resources.filter((r) => r.type === "azure-native:machinelearningservices:Datastore")).toHaveLength(2);
    expect(storageViolations(stack)).toEqual([]);
    expect(stack.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("hub-project: the hub's premium storage is flagged on the hub, never on the project", () => {
    const stack = stacks["hub-project"];
    expect(runs["hub-project"].code).toBe(1);
    expect(storageViolations(stack).map((v) => [v.policy, v.urn])).toEqual([["aml-default-storage-not-premium", urnOf(stack, "hub")]]);
    expect(stack.violations.filter((v) => v.urn === urnOf(stack, "project") && v.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("prints exactly one JSON document and nothing alarming on stderr", () => {
    for (const run of Object.values(runs)) {
      expect(() => JSON.parse(run.stdout)).not.toThrow();
      expect(run.stderr).not.toMatch(/error|Error:|\n\s+at /);
    }
  });
});
