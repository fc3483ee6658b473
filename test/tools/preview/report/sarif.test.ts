import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { z } from "zod";
import { CONFIG_RULE, renderSarif, SARIF_SCHEMA } from "../../../../tools/preview/report/sarif";
import type { PreviewResult, Violation } from "../../../../tools/preview/shared/types";
import { fakeStack } from "../policy/fakeStack";

/**
 * What GitHub code scanning reads from an uploaded SARIF file ("SARIF support for code scanning",
 * docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning): a
 * 2.1.0 log with a named driver, rules with ids and help (shown with each alert), and results with ruleId, message
 * text, level and a physical location whose artifact URI is relative to the repository root and whose region has a
 * start line; `invocations[].executionSuccessful` says whether the tool ran to completion.
 */
const githubSarif = z.object({
  $schema: z.string().url(),
  version: z.literal("2.1.0"),
  runs: z
    .array(
      z.object({
        tool: z.object({
          driver: z.object({
            name: z.string().min(1),
            version: z.string().min(1),
            informationUri: z.string().url().optional(),
            rules: z.array(
              z.object({
                id: z.string().min(1),
                shortDescription: z.object({ text: z.string().min(1).max(1024) }),
                fullDescription: z.object({ text: z.string().min(1).max(1024) }),
                help: z.object({ text: z.string().min(1), markdown: z.string().includes("**Fix:**") }),
                defaultConfiguration: z.object({ level: z.enum(["error", "warning", "note", "none"]) }),
                properties: z.object({
                  tags: z.array(z.string()),
                  "security-severity": z
                    .string()
                    .regex(/^\d+(\.\d+)?$/)
                    .optional(),
                }),
              }),
            ),
          }),
        }),
        results: z.array(
          z.object({
            ruleId: z.string().min(1),
            ruleIndex: z.number().int().nonnegative(),
            level: z.enum(["error", "warning", "note", "none"]),
            message: z.object({ text: z.string().min(1) }),
            locations: z
              .array(
                z.object({
                  physicalLocation: z.object({
                    artifactLocation: z.object({
                      uri: z.string().regex(/^(?!\.\.\/)[^\\/][^\\]*$/, "repo-relative, forward slashes, no ../"),
                    }),
                    region: z.object({ startLine: z.number().int().positive() }),
                  }),
                  logicalLocations: z.array(z.object({ fullyQualifiedName: z.string().startsWith("urn:pulumi:") })).min(1),
                }),
              )
              .min(1),
            partialFingerprints: z.record(z.string(), z.string()),
          }),
        ),
        invocations: z.array(z.object({ executionSuccessful: z.boolean() })).length(1),
      }),
    )
    .length(1),
});

const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), "sarif-"));
fs.mkdirSync(path.join(ROOT, "stacks"));
fs.writeFileSync(
  path.join(ROOT, "stacks", "Pulumi.dev.yaml"),
  "# A stack\nconfig:\n  azure-native:location: westeurope\n  azure-ml-workspaces:workspaces:\n    - name: ws\n      storage:\n        skuName: Premium_LRS\n",
);
fs.copyFileSync(path.join(ROOT, "stacks", "Pulumi.dev.yaml"), path.join(ROOT, "stacks", "Pulumi.prod.yaml"));
afterAll(() => fs.rmSync(ROOT, { recursive: true, force: true }));

function preview(): PreviewResult {
  const dev = fakeStack([
    { type: "azure-native:storage:StorageAccount", name: "st" },
    { type: "azure-native:machinelearningservices:Workspace", name: "ws", propertyDependencies: { storageAccount: ["st"] } },
  ]);
  dev.configFile = "stacks/Pulumi.dev.yaml";
  const v = (over: Partial<Violation>): Violation => ({
    policy: "aml-default-storage-not-premium",
    policyPack: "azure-ml-workspaces",
    policyPackVersion: "0.1.0",
    enforcementLevel: "mandatory",
    urn: dev.resources[2].urn,
    message: "Default storage must not be premium.\nWorkspace 'ws' uses 'st'.",
    severity: "critical",
    ...over,
  });
  dev.violations = [
    v({}),
    v({ policy: "aml-storage-min-tls", enforcementLevel: "advisory", urn: dev.resources[1].urn, message: "TLS 1.2", severity: undefined }),
    v({ policy: "aml-storage-min-tls", enforcementLevel: "advisory", urn: "", message: "TLS 1.2" }),
  ];
  const issue = 'config azure-ml-workspaces:workspaces[0].storage.skuName = "Premium_LRS": must not be premium';
  const prod = {
    ...fakeStack([]),
    stack: "prod",
    configFile: "stacks/Pulumi.prod.yaml",
    error: issue,
    issues: [issue, "config azure-native:location: is required"],
  };
  return { stacks: [dev, prod] };
}

describe("renderSarif", () => {
  const sarif = JSON.parse(renderSarif(preview(), ROOT));

  it("has the shape GitHub code scanning requires", () => {
    expect(() => githubSarif.parse(sarif)).not.toThrow();
    expect(sarif.$schema).toBe(SARIF_SCHEMA);
  });

  it("maps mandatory to error and advisory to warning, one rule per policy, config issues to their own rule", () => {
    const run = sarif.runs[0];
    expect(run.results.map((r: any) => [r.ruleId, r.level, run.tool.driver.rules[r.ruleIndex].id])).toEqual([
      ["aml-default-storage-not-premium", "error", "aml-default-storage-not-premium"],
      ["aml-storage-min-tls", "warning", "aml-storage-min-tls"],
      ["aml-storage-min-tls", "warning", "aml-storage-min-tls"],
      [CONFIG_RULE, "error", CONFIG_RULE],
      [CONFIG_RULE, "error", CONFIG_RULE],
    ]);
    expect(run.tool.driver.rules).toHaveLength(3);
    expect(run.tool.driver.rules[0]).toMatchObject({
      shortDescription: { text: "Default storage must not be premium." },
      properties: { "security-severity": "9.5" },
    });
  });

  it("locates each result at the line that caused it: the workspace entry, the config key, else the first key", () => {
    const at = (r: any) => [r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine];
    const [first, storage, stackWide, skuIssue, locationIssue] = sarif.runs[0].results;
    expect(at(skuIssue)).toEqual(["stacks/Pulumi.prod.yaml", 7]);
    expect(at(locationIssue)).toEqual(["stacks/Pulumi.prod.yaml", 3]);
    expect(at(first)).toEqual(["stacks/Pulumi.dev.yaml", 5]);
    expect(at(storage)).toEqual(["stacks/Pulumi.dev.yaml", 3]);
    expect(first.locations[0].logicalLocations[0]).toEqual({
      fullyQualifiedName: preview().stacks[0].resources[2].urn,
      name: "ws",
      kind: "resource",
    });
    expect(first.message.text).toBe("Default storage must not be premium. Workspace 'ws' uses 'st'. [ws in stack checks/dev]");
    expect(stackWide.locations[0].logicalLocations[0].fullyQualifiedName).toBe("urn:pulumi:dev::checks::pulumi:pulumi:Stack::checks-dev");
  });

  it("points at the program line that constructed a resource, or its nearest ancestor inside the project", () => {
    const stack = fakeStack([
      { type: "acme:Box", name: "box", custom: false },
      { type: "azure-native:storage:StorageAccount", name: "st", parent: "box" },
    ]);
    stack.configFile = undefined;
    stack.programFile = "prog/index.ts";
    stack.resources[1].sourcePosition = { uri: `file://${ROOT}/prog/index.ts`, line: 12 };
    stack.resources[2].sourcePosition = { uri: `file://${ROOT}/node_modules/acme/box.js`, line: 40 };
    stack.violations = [{ policy: "p", policyPack: "x", enforcementLevel: "advisory", urn: stack.resources[2].urn, message: "m" }];
    const result = JSON.parse(renderSarif({ stacks: [stack] }, ROOT)).runs[0].results[0];
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "prog/index.ts" }, region: { startLine: 12 } });
  });

  it("attributes a resource named after an entry (`<entry>-...`) to that entry, and nothing to a mere prefix", () => {
    const stack = fakeStack([
      { type: "acme:access:RoleBindings", name: "ws-access", custom: false },
      { type: "azure-native:authorization:RoleAssignment", name: "ws-access-1a2b", parent: "ws-access" },
      { type: "azure-native:storage:StorageAccount", name: "wsx-data" },
    ]);
    stack.configFile = "stacks/Pulumi.dev.yaml";
    const flag = (r: { urn: string }): Violation => ({
      policy: "p",
      policyPack: "x",
      enforcementLevel: "advisory",
      urn: r.urn,
      message: "m",
    });
    stack.violations = [flag(stack.resources[2]), flag(stack.resources[3])];
    const lines = JSON.parse(renderSarif({ stacks: [stack] }, ROOT)).runs[0].results.map(
      (r: any) => r.locations[0].physicalLocation.region.startLine,
    );
    expect(lines).toEqual([5, 3]);
  });

  it("gives every flagged resource its own stable fingerprint", () => {
    const prints = sarif.runs[0].results.map((r: any) => r.partialFingerprints.primaryLocationLineHash);
    expect(new Set(prints).size).toBe(5);
    expect(JSON.parse(renderSarif(preview(), ROOT)).runs[0].results.map((r: any) => r.partialFingerprints.primaryLocationLineHash)).toEqual(
      prints,
    );
  });

  it("marks the run unsuccessful, with the reason, when a stack or the policy check failed", () => {
    expect(sarif.runs[0].invocations[0]).toMatchObject({
      executionSuccessful: false,
      toolExecutionNotifications: [
        { level: "error", message: { text: expect.stringMatching(/^stack checks\/prod failed to preview: config /) } },
      ],
    });
    const packFailed = JSON.parse(renderSarif({ stacks: [fakeStack([])], error: "policy check failed: pack exited with code 7" }, ROOT));
    expect(packFailed.runs[0].invocations[0]).toMatchObject({
      executionSuccessful: false,
      exitCodeDescription: "policy check failed: pack exited with code 7",
    });
  });

  it("is valid with no violations at all", () => {
    const empty = JSON.parse(renderSarif({ stacks: [fakeStack([])] }, ROOT));
    expect(() => githubSarif.parse(empty)).not.toThrow();
    expect(empty.runs[0].results).toEqual([]);
    expect(empty.runs[0].invocations[0].executionSuccessful).toBe(true);
  });
});

describe("config issues", () => {
  it("sit at the key the issue names, or its nearest existing parent; an error without a key is the program's", () => {
    const issues = [
      'config azure-ml-workspaces:workspaces[0].storage.container = "x": must match',
      'config azure-ml-workspaces:workspaces[3].name = "x": must match',
      "TypeError: boom",
    ];
    const stack = { ...fakeStack([]), configFile: "stacks/Pulumi.dev.yaml", error: issues[0], issues };
    const results = JSON.parse(renderSarif({ stacks: [stack] }, ROOT)).runs[0].results;
    expect(results.map((r: any) => [r.ruleId, r.locations[0].physicalLocation.region.startLine])).toEqual([
      [CONFIG_RULE, 6],
      [CONFIG_RULE, 4],
      ["preview/program-failed", 3],
    ]);
  });
});
