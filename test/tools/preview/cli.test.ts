/**
 * End-to-end: the real CLI in child processes on the plain fixture programs (test/fixtures/programs/plain-*), four
 * runs started in beforeAll two at a time; the tests read their results. Usage errors and unknown stacks, which stop
 * before any program runs, go through the CLI's `main` in process.
 */
import * as path from "path";
import { z } from "zod";
import type { PreviewResult, RecordedResource, StackResult } from "../../../tools/preview/shared/types";
import { main } from "../../../tools/preview/host/cli";
import { renderText } from "../../../tools/preview/report/text";
import { CliRun, runPreview } from "../../previewCli";

const REPO = path.resolve(__dirname, "../../..");
const FIXTURES = path.join(REPO, "test/fixtures/programs");

type Run = CliRun;

/** `viaTsNodeBin` runs it exactly like `npm run preview` does (`node tools/preview/bin.js`). */
function runCli(args: string[], options: { cwd?: string; viaTsNodeBin?: boolean } = {}): Promise<Run> {
  return runPreview(args, options.cwd ?? REPO, options.viaTsNodeBin ? "ts-node-bin" : "register");
}

/** Runs the thunks at most `limit` at a time (2 cores). */
async function limited<T>(limit: number, thunks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(thunks.length);
  let next = 0;
  const lane = async () => {
    while (next < thunks.length) {
      const i = next++;
      results[i] = await thunks[i]();
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return results;
}

const recordedResource = z.object({
  urn: z.string().startsWith("urn:pulumi:"),
  type: z.string(),
  name: z.string(),
  parent: z.string().nullable(),
  custom: z.boolean(),
  protect: z.boolean(),
  dependencies: z.array(z.string()),
  propertyDependencies: z.record(z.string(), z.array(z.string())),
  inputs: z.record(z.string(), z.unknown()),
});
const previewResult = z.object({
  stacks: z.array(
    z.object({
      project: z.string(),
      stack: z.string(),
      resources: z.array(recordedResource),
      outputs: z.record(z.string(), z.unknown()),
      violations: z.array(z.unknown()),
      error: z.string().optional(),
    }),
  ),
});

const json = (run: Run) => JSON.parse(run.stdout) as PreviewResult;
const stackOf = (run: Run, name: string) => json(run).stacks.find((s) => s.stack === name) as StackResult;
const byName = (stack: StackResult, name: string) => stack.resources.find((r) => r.name === name) as RecordedResource;
const withoutTimings = (stack: StackResult) => JSON.stringify({ ...stack, timings: undefined });

const storage = path.join(FIXTURES, "plain-storage");
const errors = path.join(FIXTURES, "plain-errors");
let runs: Record<string, Run>;

beforeAll(async () => {
  const plan: Record<string, () => Promise<Run>> = {
    storageA: () => runCli(["--cwd", storage, "--all", "--no-policy", "--format", "json"], { viaTsNodeBin: true }),
    // From the project directory, without --cwd.
    storageB: () => runCli(["--stack", "dev", "--no-policy", "--format", "json"], { cwd: storage }),
    stackref: () =>
      runCli(["--cwd", path.join(FIXTURES, "plain-stackref"), "--stack", "app", "--stack", "dangling", "--no-policy", "--format", "json"]),
    errorsAll: () => runCli(["--cwd", errors, "--all", "--no-policy", "--format", "json", "--lookups", path.join(errors, "lookups.json")]),
  };
  const names = Object.keys(plan);
  const results = await limited(
    2,
    names.map((n) => plan[n]),
  );
  runs = Object.fromEntries(names.map((n, i) => [n, results[i]]));
});

describe("npm run preview --format json", () => {
  it("prints exactly one JSON document of the contract's shape, every stack sorted by name", () => {
    const run = runs.storageA;
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(previewResult.safeParse(JSON.parse(run.stdout)).success).toBe(true);
    expect(json(run).stacks.map((s) => [s.project, s.stack])).toEqual([
      ["plain-storage", "dev"],
      ["plain-storage", "prod"],
    ]);
    expect(stackOf(run, "dev")).toMatchObject({
      configFile: "test/fixtures/programs/plain-storage/Pulumi.dev.yaml",
      programFile: "test/fixtures/programs/plain-storage/index.ts",
    });
  });

  it("records the parent chain in registration order, with protect inherited from the parent", () => {
    const dev = stackOf(runs.storageA, "dev");
    const root = dev.resources[0];
    expect(root).toMatchObject({ type: "pulumi:pulumi:Stack", name: "plain-storage-dev", parent: null, custom: false });
    const lake = byName(dev, "lake");
    const account = byName(dev, "lake-account");
    const container = byName(dev, "lake-raw");
    expect([lake.parent, account.parent, container.parent]).toEqual([root.urn, lake.urn, account.urn]);
    expect([lake.protect, account.protect, container.protect, byName(dev, "rg").protect]).toEqual([true, true, true, false]);
    expect(container.urn).toBe(
      "urn:pulumi:dev::plain-storage::azure-native:storage:StorageAccount$azure-native:storage:BlobContainer::lake-raw",
    );
    expect(dev.resources.indexOf(account)).toBeLessThan(dev.resources.indexOf(container));
  });

  it("records inputs from config and dependencies per property on other resources' outputs", () => {
    const dev = stackOf(runs.storageA, "dev");
    const rg = byName(dev, "rg");
    const account = byName(dev, "lake-account");
    const container = byName(dev, "lake-raw");
    expect(account.inputs).toMatchObject({
      accountName: "stdevlake",
      kind: "StorageV2",
      sku: { name: "Standard_LRS" },
      tags: { owner: "data-team", costcenter: "1234" },
    });
    expect(account.propertyDependencies.resourceGroupName).toEqual([rg.urn]);
    expect(account.propertyDependencies.sku).toEqual([]);
    expect(container.propertyDependencies.accountName).toEqual([account.urn]);
    expect(container.dependencies).toEqual(expect.arrayContaining([account.urn, rg.urn]));
    // prod sets no accountPrefix: the Pulumi.yaml default applies.
    expect(byName(stackOf(runs.storageA, "prod"), "lake-account").inputs.accountName).toBe("stlake");
  });

  it("records stack outputs with secrets hidden", () => {
    const dev = stackOf(runs.storageA, "dev");
    expect(dev.outputs).toEqual({
      accountId: byName(dev, "lake-account").id,
      apiKeyOut: "[secret]",
      blobEndpoint: "https://stdevlake.blob.core.windows.net/",
      resourceGroupName: expect.stringMatching(/^rg-[0-9a-f]{7}$/),
    });
    expect(byName(dev, "lake-account").id).toBe(
      `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${String(dev.outputs.resourceGroupName)}/providers/Microsoft.Storage/storageAccounts/stdevlake`,
    );
  });

  it("is deterministic: two runs (npm's ts-node -T and node -r, from the project dir) print the same result apart from timings", () => {
    expect(runs.storageB.code).toBe(0);
    expect(json(runs.storageB).stacks).toHaveLength(1);
    expect(withoutTimings(stackOf(runs.storageB, "dev"))).toBe(withoutTimings(stackOf(runs.storageA, "dev")));
  });
});

describe("stack references", () => {
  it("previews the referenced stack without printing it, passing outputs (secrets stay secret) and its resources to lookups", () => {
    const run = runs.stackref;
    expect(json(run).stacks.map((s) => s.stack)).toEqual(["app", "dangling"]);
    const app = stackOf(run, "app");
    expect(app.error).toBeUndefined();
    expect(app.outputs).toMatchObject({ baseAccountName: "stshared", baseConnection: "[secret]", baseAccountSku: "Premium_LRS" });
    expect(byName(app, "app").inputs.resourceGroupName).toBe("rg-shared");
    expect(app.reads).toEqual([expect.objectContaining({ type: "pulumi:pulumi:StackReference", id: "organization/plain-stackref/base" })]);
  });

  it("fails a reference to an unknown stack with exit 2 and one line", () => {
    const run = runs.stackref;
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "error: dangling: config plain-stackref:baseStack = \"organization/plain-stackref/missing\": stack reference 'organization/plain-stackref/missing': no stack 'missing' in project 'plain-stackref' (stacks: app, base, dangling)\n",
    );
  });
});

describe("failures", () => {
  it("reports each failed program with exit 2 and one line, no stack trace", () => {
    const run = runs.errorsAll;
    expect(run.code).toBe(2);
    const lines = run.stderr.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe("error: badconfig: Missing required configuration variable 'plain-errors:replicas'");
    expect(lines[1]).toMatch(/^error: lookup: storage account '.*stgone' could not be read: /);
    expect(lines[2]).toBe("error: throws: layout 'x' is invalid: no workspace named 'y'");
    expect(lines[3]).toBe("");
    expect(stackOf(run, "throws").error).toBe("layout 'x' is invalid: no workspace named 'y'");
  });

  it("keeps failed stacks in the JSON with the error and only what was registered before the failure", () => {
    const run = runs.errorsAll;
    const badconfig = stackOf(run, "badconfig");
    expect(badconfig.error).toBe("Missing required configuration variable 'plain-errors:replicas'");
    expect(badconfig.resources).toEqual([]);
    expect(stackOf(run, "throws").resources.map((r) => r.name)).toEqual(["before-failure"]);
    const lookup = stackOf(run, "lookup");
    expect(lookup.error).toContain(
      "could not be read: resource '/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/STGONE' does not exist (lookups.json marks it null)",
    );
  });

  it("exits 2 with one line for an unknown --stack and for bad usage", async () => {
    const unknownStack = await mainInProcess(["--cwd", storage, "--stack", "nope", "--no-policy"]);
    expect(unknownStack).toEqual({
      code: 2,
      stdout: "",
      stderr: "error: nope: no stack 'nope' in project 'plain-storage' (stacks: dev, prod)\n",
    });
    const usage = await mainInProcess(["--format", "xml"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(
      /^error: --format must be one of text, json, markdown, sarif, got 'xml' \(usage: npm run preview -- .*\)\n$/,
    );
  });
});

/** The CLI's `main` in this process, with what it writes to stdout and stderr. */
async function mainInProcess(argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => out.push(String(chunk)) > 0);
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation((chunk) => err.push(String(chunk)) > 0);
  try {
    const code = await main(argv);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe("--format text", () => {
  it("draws the tree of what would be created, the outputs and the policy summary", () => {
    const text = renderText({ stacks: [stackOf(runs.storageA, "dev")] });
    expect(text).toContain("Previewing stack 'dev' (project 'plain-storage')");
    expect(text).toMatch(/ \+ {3}│ {2}└─ azure-native:storage:StorageAccount +lake-account +\[protected\]\n/);
    expect(text).toContain("    apiKeyOut        : [secret]\n");
    // The JSON says no pack ran, not why: the text names the flag only when the CLI renders it.
    expect(text).toContain("Resources: + 5 to create\nPolicies: not checked (");
  });
});
