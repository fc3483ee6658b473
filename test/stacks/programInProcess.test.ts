import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { fakeInvoke, fakeResource } from "../../tools/preview/worker/fakes";
import { LOCAL_ORGANIZATION as ORGANIZATION } from "../../tools/preview/shared/ipc";
import { settle, skipStackTraces } from "../mockRuntime";
import { loadConfig } from "../../stacks/loadConfig";
import { runProgram } from "../../stacks/program";
import { accessPlan } from "../../stacks/accessPlan";
import { SHARED_OUTPUTS } from "../../stacks/sharedInputs";
import { bindingHash } from "../../components/access/roleBindings";
import { StackConfig } from "../../stacks/config";

/**
 * The bundled program run in this process on Pulumi's mock runtime (with the offline preview's fake provider data),
 * one bundled stack after the other: no preview CLI, no subprocess. The shared stack runs first; its outputs answer
 * the other stacks' StackReference, as they would in a deployment.
 */
const PROJECT = "azure-ml-workspaces";
const STACKS_DIR = path.join(__dirname, "../../stacks");
const ORDER = ["shared", "team-a", "team-b", "research-hub"];

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, any>;
}
interface Run {
  config: StackConfig;
  registered: Registered[];
  outputs: Record<string, unknown>;
}

/** The stack file's config as the engine hands it to a program: every value a string, structured ones as JSON. */
function engineConfig(stack: string): Record<string, string> {
  const file = parse(fs.readFileSync(path.join(STACKS_DIR, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  return Object.fromEntries(
    Object.entries(file.config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
  );
}

async function resolve(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) return resolve(await new Promise((done) => value.apply(done)));
  if (Array.isArray(value)) return Promise.all(value.map(resolve));
  if (value && typeof value === "object") {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await resolve(v)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

async function runStack(stack: string, sharedOutputs: Record<string, unknown>): Promise<Run> {
  const registered: Registered[] = [];
  pulumi.runtime.setAllConfig(engineConfig(stack));
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        if (args.type === "pulumi:pulumi:StackReference") {
          return { id: args.name, state: { name: args.name, outputs: sharedOutputs, secretOutputNames: [] } };
        }
        const fake = fakeResource({ ...args, urn: `${args.type}::${args.name}`, custom: args.custom ?? true, id: args.id || undefined });
        return { id: fake.id ?? "", state: fake.state };
      },
      call(args) {
        const result = fakeInvoke(args.token, args.inputs);
        if (!result) throw new Error(`no fake for invoke '${args.token}'`);
        return result;
      },
    },
    PROJECT,
    stack,
    false,
    ORGANIZATION,
  );
  const config = loadConfig();
  const outputs = (await resolve(await runProgram(config))) as Record<string, unknown>;
  await settle();
  return { config, registered, outputs };
}

const runs = new Map<string, Run>();
beforeAll(async () => {
  skipStackTraces();
  let shared: Record<string, unknown> = {};
  for (const stack of ORDER) {
    const run = await runStack(stack, shared);
    if (stack === "shared") shared = run.outputs;
    runs.set(stack, run);
  }
}, 120_000);

it("runs every bundled stack in-process", () => {
  const bundled = fs
    .readdirSync(STACKS_DIR)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined);
  expect([...runs.keys()].sort()).toEqual(bundled.sort());
  for (const run of runs.values()) {
    expect(
      run.registered.filter((r) => r.type === "azure-native:machinelearningservices:Workspace" || r.type.endsWith(":SharedResources"))
        .length,
    ).toBeGreaterThan(0);
  }
});

it("exports every id a consuming stack reads from the shared stack, as a non-empty string", () => {
  const { outputs } = runs.get("shared")!;
  for (const key of Object.values(SHARED_OUTPUTS)) expect(outputs[key]).toEqual(expect.stringMatching(/^\/subscriptions\//));
});

it("creates exactly the role assignments of the access plan that validation checks, no more and no fewer", () => {
  let total = 0;
  for (const [stack, run] of runs) {
    const plan = accessPlan(run.config);
    const components = new Set(run.registered.filter((r) => r.type === "azure-ml-workspaces:access:RoleBindings").map((r) => r.name));
    const created = run.registered
      .filter((r) => r.type === "azure-native:authorization:RoleAssignment")
      .map((r) => r.name)
      .filter((name) => components.has(name.slice(0, name.lastIndexOf("-"))));
    const planned = plan.map((g) => `${g.component}-${bindingHash(g)}`);
    expect({ stack, created: [...created].sort() }).toEqual({ stack, created: [...planned].sort() });
    total += planned.length;
  }
  expect(total).toBeGreaterThan(0);
});

it("adds a usage workbook exactly where a diagnostic setting sends the workspace's logs to Log Analytics", () => {
  const seen = new Set<boolean>();
  for (const run of runs.values()) {
    const entries = [...(run.config.workspaces ?? []), ...(run.config.hubs ?? [])];
    for (const entry of entries) {
      const hasWorkbook = run.registered.some(
        (r) => r.type === "azure-ml-workspaces:cost:UsageWorkbook" && r.name === `${entry.name}-usage`,
      );
      const hasDiagnostics = run.registered.some(
        (r) => r.type === "azure-native:monitor:DiagnosticSetting" && r.name.startsWith(`${entry.name}-`),
      );
      expect({ entry: entry.name, hasWorkbook }).toEqual({
        entry: entry.name,
        hasWorkbook: hasDiagnostics && entry.usageWorkbook !== false,
      });
      seen.add(hasWorkbook);
    }
  }
  expect(seen.has(true)).toBe(true);
});
