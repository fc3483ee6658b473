/**
 * End to end, what the offline check shares with `pulumi preview --policy-pack`: every provider style of default
 * storage, transforms, secret config, invokes it has no fake for, hard-coded ids, resource options, and a project
 * outside this checkout. Three previews through the CLI's `main` in this process (real stack workers and pack): every
 * provider style side by side in one stack, from a copy of its project outside this checkout (one worker); the same
 * program with only standard default storage (its `standard` stack); and the engine fixtures (two stacks: a stack
 * transform applies to every resource after it, so it has its own). Everything else is tested at the module level.
 * Each scenario's resources are named `<scenario>-...`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PreviewResult, StackResult } from "../../../tools/preview/shared/types";
import { CliRun, REPO_ROOT } from "../../previewCli";
import { previewInProcess } from "./inProcess";

const FIXTURES = path.join(REPO_ROOT, "test/fixtures/policy-programs");
const outside = fs.mkdtempSync(path.join(os.tmpdir(), "preview-outside-"));

type Run = { run: CliRun; stacks: Record<string, StackResult> };
const runs: Record<"styles" | "standard" | "engine", Run> = {} as never;

async function preview(args: string[]): Promise<Run> {
  const run = await previewInProcess([...args, "--format", "json"]);
  const result = JSON.parse(run.stdout) as PreviewResult;
  return { run, stacks: Object.fromEntries(result.stacks.map((s) => [s.stack, s])) };
}

beforeAll(async () => {
  for (const file of fs.readdirSync(path.join(FIXTURES, "provider-styles"))) {
    fs.copyFileSync(path.join(FIXTURES, "provider-styles", file), path.join(outside, file));
  }
  // One after another: each run starts a policy pack, and the pack must print its port in time on a busy machine.
  runs.styles = await preview(["--cwd", outside, "--stack", "dev"]);
  runs.standard = await preview(["--cwd", outside, "--stack", "standard"]);
  runs.engine = await preview(["--cwd", path.join(FIXTURES, "engine-fidelity"), "--all"]);
}, 300_000);

afterAll(() => fs.rmSync(outside, { recursive: true, force: true }));

const resource = (stack: StackResult, name: string) => stack.resources.find((r) => r.name === name)!;
/** The violations on one scenario's resources. */
const violations = (stack: StackResult, scenario: string) => {
  const urns = stack.resources.filter((r) => r.name.startsWith(`${scenario}-`)).map((r) => r.urn);
  expect(urns.length).toBeGreaterThan(0);
  return stack.violations.filter((v) => urns.includes(v.urn));
};
const mandatory = (stack: StackResult, scenario: string) =>
  violations(stack, scenario)
    .filter((v) => v.enforcementLevel === "mandatory")
    .map((v) => v.policy);

it("every run completes: no program or policy-check failure", () => {
  for (const { run } of Object.values(runs)) expect(run.stderr).toBe("");
});

describe("default storage in each provider style", () => {
  const styles = () => runs.styles.stacks.dev;

  it("previews the one stack of every style, exit 1", () => {
    expect(Object.keys(runs.styles.stacks)).toEqual(["dev"]);
    expect(styles().error).toBeUndefined();
    expect(runs.styles.run.code).toBe(1);
  });

  it.each([
    ["versioned-hns", "aml-default-storage-no-hns"],
    ["classic-premium", "aml-default-storage-not-premium"],
    ["classic-blob", "aml-default-storage-supported-kind"],
    ["classic-hub-hns", "aml-default-storage-no-hns"],
  ])("%s: a mandatory %s on the workspace", (scenario, policy) => {
    expect(violations(styles(), scenario).filter((v) => v.policy === policy)).toEqual([
      expect.objectContaining({ enforcementLevel: "mandatory", urn: resource(styles(), `${scenario}-ws`).urn }),
    ]);
  });

  it("standard default storage passes", () => {
    for (const scenario of ["classic-standard", "versioned-standard"]) expect(mandatory(styles(), scenario)).toEqual([]);
  });

  it("the same program with only standard default storage, in every style, exits 0", () => {
    const standard = runs.standard.stacks.standard;
    expect(standard.error).toBeUndefined();
    const workspaces = standard.resources.filter((r) => r.name.endsWith("-ws")).map((r) => r.name);
    expect(workspaces).toEqual(["versioned-standard-ws", "classic-standard-ws", "classic-hub-standard-ws"]);
    expect(standard.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
    expect(runs.standard.run.code).toBe(0);
  });

  it("runs a project outside this checkout on the check's own @pulumi/pulumi, and says so", () => {
    expect(styles().diagnostics).toEqual([
      expect.stringMatching(/^info: the project has no @pulumi\/pulumi; the offline check's own \S+ runs it/),
    ]);
  });
});

describe("engine behaviour", () => {
  const stacks = () => runs.engine.stacks;
  /** The stack a scenario runs in. */
  const of = (scenario: string) => stacks()[scenario === "stack-transform" ? "stack-transform" : "scenarios"];

  it("previews both stacks without error", () => {
    expect(Object.keys(stacks()).sort()).toEqual(["scenarios", "stack-transform"]);
    for (const stack of Object.values(stacks())) expect(stack.error).toBeUndefined();
  });

  it.each(["transform-premium", "stack-transform", "secret-sku", "hardcoded-id"])("%s: the premium default storage is caught", (name) => {
    expect(mandatory(of(name), name)).toEqual(["aml-default-storage-not-premium"]);
    expect(violations(of(name), name).map((v) => v.policy)).not.toContain("aml-default-storage-verifiable");
  });

  it("a transform that fixes the SKU is not flagged, and the recorded inputs are the transformed ones", () => {
    expect(mandatory(of("transform-fixed"), "transform-fixed")).toEqual([]);
    expect(resource(of("transform-fixed"), "transform-fixed-st").inputs.sku).toEqual({ name: "Standard_LRS" });
  });

  it("secret config reaches policies as its value but the report shows [secret]", () => {
    expect(resource(of("secret-sku"), "secret-sku-st").inputs.sku).toEqual({ name: "[secret]" });
    expect(runs.engine.run.stdout).not.toContain("secretInputs");
  });

  it("an invoke with no fake leaves a warning naming it, never a failed stack", () => {
    for (const stack of Object.values(stacks())) {
      expect(stack.diagnostics).toContain(
        "warning: the offline preview has no fake for invoke 'azure-native:web:listWebAppSecrets': its result is unknown, so values computed from it are too",
      );
    }
  });

  it("shows each resource's options in the JSON", () => {
    expect(resource(of("secret-sku"), "secret-sku-st").options).toMatchObject({
      deleteBeforeReplace: true,
      retainOnDelete: true,
      ignoreChanges: ["tags"],
      aliases: [expect.objectContaining({ name: "secret-sku-st-old" })],
    });
    // azure-native's own API-version aliases are not the program's and are not shown.
    expect(resource(of("secret-sku"), "secret-sku-ws").options?.aliases).toBeUndefined();
  });
});
