/**
 * End to end: `npm run preview -- --cwd test/fixtures/policy-programs/default-storage --stack dev --format json` runs
 * a plain Pulumi program on the mock runtime and the real policy pack (policies/) over the analyzer protocol. The
 * program holds five default-storage scenarios side by side (resources named `<scenario>-...`), so one preview
 * through npm itself (one host, one stack worker, one pack process) checks them all, and each violation must land on
 * its own scenario's workspace.
 */
import * as path from "path";
import type { PreviewResult, StackResult, Violation } from "../../../../tools/preview/shared/types";
import { CliRun, REPO_ROOT, runPreview } from "../../../previewCli";

const PROGRAM = path.join(REPO_ROOT, "test/fixtures/policy-programs/default-storage");
const DEFAULT_STORAGE_POLICIES = [
  "aml-default-storage-not-premium",
  "aml-default-storage-no-hns",
  "aml-default-storage-supported-kind",
  "aml-default-storage-verifiable",
];

let run: CliRun;
let stack: StackResult;

beforeAll(async () => {
  run = await runPreview(["--cwd", PROGRAM, "--stack", "dev", "--format", "json"], REPO_ROOT, "npm");
  stack = (JSON.parse(run.stdout) as PreviewResult).stacks[0];
}, 300_000);

const urnOf = (name: string): string => stack.resources.find((r) => r.name === name)!.urn;
/** The resources of one scenario: its workspace and everything named after it. */
const scenarioUrns = (scenario: string): string[] =>
  stack.resources.filter((r) => r.name === scenario || r.name.startsWith(`${scenario}-`)).map((r) => r.urn);
const storageViolations = (scenario: string): Violation[] =>
  stack.violations.filter((v) => DEFAULT_STORAGE_POLICIES.includes(v.policy) && scenarioUrns(scenario).includes(v.urn));

describe("npm run preview with the policy pack", () => {
  it("exits 1 (mandatory violations), the stack previewed and checked", () => {
    expect(run.code).toBe(1);
    expect(stack.error).toBeUndefined();
    expect(stack.policyChecked).toBe(true);
  });

  it.each([
    ["premium", "aml-default-storage-not-premium"],
    ["hns", "aml-default-storage-no-hns"],
    ["blob", "aml-default-storage-supported-kind"],
  ])("%s: a mandatory %s on the workspace", (scenario, policy) => {
    expect(storageViolations(scenario)).toEqual([
      expect.objectContaining({
        policy,
        policyPack: "azure-ml-workspaces",
        enforcementLevel: "mandatory",
        urn: urnOf(`${scenario}-ws`),
      }),
    ]);
  });

  it("datastores: premium and HNS accounts used only as datastores pass", () => {
    expect(stack.resources.filter((r) => r.type === "azure-native:machinelearningservices:Datastore")).toHaveLength(2);
    expect(storageViolations("datastores")).toEqual([]);
    const urns = scenarioUrns("datastores");
    expect(urns).toHaveLength(6);
    expect(stack.violations.filter((v) => urns.includes(v.urn) && v.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("hub: the hub's premium storage is flagged on the hub, never on the project", () => {
    expect(storageViolations("hub").map((v) => [v.policy, v.urn])).toEqual([["aml-default-storage-not-premium", urnOf("hub")]]);
    expect(stack.violations.filter((v) => v.urn === urnOf("hub-project") && v.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("the mandatory violations are exactly those four", () => {
    const mandatory = stack.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.urn);
    expect(mandatory.sort()).toEqual(["premium-ws", "hns-ws", "blob-ws", "hub"].map(urnOf).sort());
  });

  it("prints exactly one JSON document and nothing alarming on stderr", () => {
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.stderr).not.toMatch(/error|Error:|\n\s+at /);
  });
});
