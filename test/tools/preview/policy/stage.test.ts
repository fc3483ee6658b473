/**
 * The policy check against the fixture pack in test/fixtures/packs/mini, whose echo policies report what the
 * pack received: this pins the protocol (what is sent, in which shape) independently of the real pack's rules.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runningPackPids } from "../../../../tools/preview/policy/pack";
import { startPolicyStage, type PolicyStage } from "../../../../tools/preview/policy/stage";
import { UNKNOWN_VALUE, type StackResult, type Violation } from "../../../../tools/preview/shared/types";
import { fakeStack, STACK_URN, type ResourceSpec } from "./fakeStack";

const MINI_PACK = path.resolve(__dirname, "../../../fixtures/packs/mini");
const STORAGE = "azure-native:storage:StorageAccount";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "policy-check-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeConfig(name: string, config: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof config === "string" ? config : JSON.stringify(config));
  return file;
}

/** The JSON the echo policies put after the description line. */
const echoed = (v: Violation): Record<string, any> => JSON.parse(v.message.split("\n").slice(1).join("\n"));
const byPolicy = (vs: Violation[], policy: string) => vs.filter((v) => v.policy === policy);

const specs: ResourceSpec[] = [
  { type: "pulumi:providers:azure-native", name: "westeu", inputs: { location: "westeurope" } },
  { type: "acme:ml:Hub", name: "hub", custom: false },
  {
    type: STORAGE,
    name: "premium",
    parent: "hub",
    protect: true,
    inputs: { sku: { name: "Premium_LRS" }, enableHttpsTrafficOnly: false, key: "[secret]" },
  },
  { type: STORAGE, name: "standard", provider: "westeu", inputs: { sku: { name: "Standard_LRS" } } },
  {
    type: "azure-native:machinelearningservices:Workspace",
    name: "ws",
    parent: "hub",
    propertyDependencies: { storageAccount: ["standard"] },
  },
];

/** The stage's verdicts on `stack`, as the host reads them. */
async function checked(stage: PolicyStage, stack: StackResult): Promise<Pick<StackResult, "violations" | "remediations">> {
  await stage.check(stack);
  return { violations: stack.violations, remediations: stack.remediations };
}

describe("startPolicyStage with the fixture pack", () => {
  let stage: PolicyStage;
  const check = { checkStack: (stack: StackResult) => checked(stage, stack), close: () => stage.close() };
  beforeAll(async () => {
    const config = writeConfig("echo.json", {
      "fixture-echo-resource": "advisory",
      "fixture-echo-stack": { enforcementLevel: "advisory" },
      "fixture-https-only": "remediate",
      // Only the label: `max` must come from the schema default (100), as the CLI fills it in.
      "fixture-max-resources": { label: "fixture limit" },
    });
    stage = startPolicyStage(MINI_PACK, config);
  });
  afterAll(async () => {
    await stage?.close();
  });

  it("sends Analyze for every registration with name, options, provider, inputs and stack tags", async () => {
    const stack = fakeStack(specs);
    const { violations } = await check.checkStack(stack);
    const echoes = byPolicy(violations, "fixture-echo-resource");
    expect(echoes.map((v) => v.urn)).toEqual(stack.resources.map((r) => r.urn));
    const premium = echoed(echoes[3]);
    expect(premium).toMatchObject({
      type: STORAGE,
      name: "premium",
      opts: { protect: true, parent: stack.resources[2].urn, ignoreChanges: [], aliases: [] },
      provider: { type: "pulumi:providers:azure-native", name: "default" },
      tags: { "pulumi:project": "checks", "pulumi:runtime": "nodejs" },
    });
    // Remediation ran first, so Analyze saw the rewritten inputs; secrets stay placeholders.
    expect(premium.props).toEqual({ sku: { name: "Premium_LRS" }, enableHttpsTrafficOnly: true, key: "[secret]" });
    expect(echoed(echoes[4]).provider).toEqual({ type: "pulumi:providers:azure-native", name: "westeu", urn: stack.resources[1].urn });
    expect(echoed(echoes[0]).provider).toBeNull();
  });

  it("sends AnalyzeStack once with parents and property dependencies resolved, attributing violations by URN", async () => {
    const stack = fakeStack(specs);
    const { violations } = await check.checkStack(stack);
    const echoes = byPolicy(violations, "fixture-echo-stack");
    expect(echoes.map((v) => v.urn)).toEqual(stack.resources.map((r) => r.urn));
    const ws = echoed(echoes[5]);
    expect(ws.parent).toBe(stack.resources[2].urn);
    expect(ws.propertyDependencies).toEqual({ storageAccount: [stack.resources[4].urn] });
    expect(echoed(echoes[0]).parent).toBeNull();
    expect(echoed(echoes[3]).props.enableHttpsTrafficOnly).toBe(true);
  });

  it("maps diagnostics to the contract and records remediations instead of their violations", async () => {
    const stack = fakeStack(specs);
    const { violations, remediations } = await check.checkStack(stack);
    expect(byPolicy(violations, "fixture-storage-not-premium")).toEqual([
      {
        policy: "fixture-storage-not-premium",
        policyPack: "fixture-mini",
        enforcementLevel: "mandatory",
        urn: stack.resources[3].urn,
        message: "Storage accounts must not use a Premium SKU.\n'premium' uses Premium_LRS.",
        policyPackVersion: "0.0.7",
        severity: "high",
      },
    ]);
    expect(remediations).toEqual([
      {
        policy: "fixture-https-only",
        policyPack: "fixture-mini",
        urn: stack.resources[3].urn,
        description: "Storage accounts must only accept HTTPS traffic.",
      },
    ]);
    expect(byPolicy(violations, "fixture-https-only")).toEqual([]);
    expect(byPolicy(violations, "fixture-max-resources")).toEqual([]);
  });

  it("applies config schema defaults under the file's properties and reports stack-wide violations with no URN", async () => {
    const many = fakeStack(Array.from({ length: 101 }, (_, i) => ({ type: "acme:x:Thing", name: `t${i}`, custom: false })));
    const [violation] = byPolicy((await check.checkStack(many)).violations, "fixture-max-resources");
    expect(violation.urn).toBe("");
    expect(violation.message).toBe("A stack must stay small.\n102 resources exceed 100 (fixture limit).");
  });

  it("downgrades a policy that reads an unknown value to advisory, as in a real preview", async () => {
    const stack = fakeStack([{ type: STORAGE, name: "later", inputs: { sku: UNKNOWN_VALUE } }]);
    const [violation] = byPolicy((await check.checkStack(stack)).violations, "fixture-storage-not-premium");
    expect(violation.enforcementLevel).toBe("advisory");
    expect(violation.message).toMatch(
      /^can't run policy 'fixture-storage-not-premium' from policy pack 'fixture-mini@v0\.0\.7' during preview/,
    );
  });

  it("checks stacks one at a time, so concurrent calls each see their own stack tags", async () => {
    const a = { ...fakeStack(specs), stack: "a", project: "alpha" };
    const b = { ...fakeStack(specs), stack: "b", project: "beta" };
    const [ra, rb] = await Promise.all([check.checkStack(a), check.checkStack(b)]);
    const projects = (vs: Violation[]) => new Set(byPolicy(vs, "fixture-echo-resource").map((v) => echoed(v).tags["pulumi:project"]));
    expect(projects(ra.violations)).toEqual(new Set(["alpha"]));
    expect(projects(rb.violations)).toEqual(new Set(["beta"]));
  });

  it("rejects in one line when a policy throws, and keeps serving later stacks", async () => {
    const bomb = fakeStack([{ type: "fixture:test:Bomb", name: "bomb" }]);
    await expect(check.checkStack(bomb)).rejects.toThrow(
      `policy pack Analyze(${bomb.resources[1].urn}) failed: Error validating resource with policy 'fixture-throws' from policy pack 'fixture-mini@v0.0.7': Error: fixture policy exploded`,
    );
    await expect(check.checkStack(bomb)).rejects.not.toThrow(/\n/);
    expect(byPolicy((await check.checkStack(fakeStack(specs))).violations, "fixture-storage-not-premium")).toHaveLength(1);
  });

  it("analyzes a stack with no resources without error", async () => {
    const empty = { ...fakeStack([]), resources: [] };
    expect(await check.checkStack(empty)).toEqual({ violations: [], remediations: [] });
    expect(STACK_URN).toContain("pulumi:pulumi:Stack");
  });

  // Last in this block: it closes the shared pack.
  it("kills the pack on close and refuses further checks", async () => {
    const [pid] = runningPackPids();
    expect(pid).toBeGreaterThan(0);
    await check.close();
    expect(runningPackPids()).toEqual([]);
    expect(() => process.kill(pid, 0)).toThrow();
    await expect(check.checkStack(fakeStack([]))).rejects.toThrow("policy check is closed");
    await check.close();
  });
});

describe("startPolicyStage lifecycle and errors", () => {
  const start = async (configFile: string) => {
    const stage = startPolicyStage(MINI_PACK, configFile);
    await stage.check(fakeStack([])).finally(() => stage.close());
  };
  it("rejects a malformed config file in one line before starting the pack", async () => {
    const file = writeConfig("bad.json", '{"fixture-https-only": "sometimes"}');
    await expect(start(file)).rejects.toThrow(
      `policy config ${file}: "fixture-https-only": "sometimes" is not a valid enforcement level (advisory | mandatory | remediate | disabled)`,
    );
    expect(runningPackPids()).toEqual([]);
    await expect(start(path.join(tmp, "missing.json"))).rejects.toThrow(/^policy config .*missing\.json: cannot read it \(ENOENT\)$/);
  });

  it("rejects a config naming a policy the pack lacks, and leaves no process behind", async () => {
    const file = writeConfig("typo.json", { "fixture-http-only": "mandatory" });
    await expect(start(file)).rejects.toThrow(`policy config ${file}: unknown policy "fixture-http-only"`);
    expect(runningPackPids()).toEqual([]);
  });
});
