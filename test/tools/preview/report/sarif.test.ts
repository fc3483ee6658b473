import * as path from "path";
import { z } from "zod";
import { artifactUri, renderSarif, SARIF_SCHEMA } from "../../../../tools/preview/report/sarif";
import type { PreviewResult, Violation } from "../../../../tools/preview/types";
import { fakeStack } from "../policy/fakeStack";

/**
 * What GitHub code scanning reads from an uploaded SARIF file ("SARIF support for code scanning"): a 2.1.0 log
 * with a named driver, rules with ids, and results with ruleId, message text, level and a physical location
 * whose artifact URI is repo-relative and whose region has a start line.
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
                shortDescription: z.object({ text: z.string().min(1) }),
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
                    artifactLocation: z.object({ uri: z.string().regex(/^[^\\/][^\\]*$/, "repo-relative, forward slashes") }),
                    region: z.object({ startLine: z.number().int().positive() }),
                  }),
                  logicalLocations: z.array(z.object({ fullyQualifiedName: z.string().startsWith("urn:pulumi:") })).min(1),
                }),
              )
              .min(1),
            partialFingerprints: z.record(z.string(), z.string()),
          }),
        ),
      }),
    )
    .length(1),
});

const ROOT = path.resolve("/repo");

function preview(): PreviewResult {
  const dev = fakeStack([
    { type: "azure-native:storage:StorageAccount", name: "st" },
    { type: "azure-native:machinelearningservices:Workspace", name: "ws", propertyDependencies: { storageAccount: ["st"] } },
  ]);
  dev.configFile = path.join(ROOT, "stacks", "Pulumi.dev.yaml");
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
  const prod = { ...fakeStack([]), stack: "prod", programFile: "stacks/index.ts", error: "config: missing 'location'" };
  return { stacks: [dev, prod] };
}

describe("renderSarif", () => {
  const sarif = JSON.parse(renderSarif(preview(), ROOT));

  it("has the shape GitHub code scanning requires", () => {
    expect(() => githubSarif.parse(sarif)).not.toThrow();
    expect(sarif.$schema).toBe(SARIF_SCHEMA);
  });

  it("maps mandatory to error and advisory to warning, one rule per policy", () => {
    const run = sarif.runs[0];
    expect(run.results.map((r: any) => [r.ruleId, r.level, run.tool.driver.rules[r.ruleIndex].id])).toEqual([
      ["aml-default-storage-not-premium", "error", "aml-default-storage-not-premium"],
      ["aml-storage-min-tls", "warning", "aml-storage-min-tls"],
      ["aml-storage-min-tls", "warning", "aml-storage-min-tls"],
    ]);
    expect(run.tool.driver.rules).toHaveLength(2);
    expect(run.tool.driver.rules[0]).toMatchObject({
      shortDescription: { text: "Default storage must not be premium." },
      properties: { "security-severity": "9.5" },
    });
  });

  it("locates results at the stack config relative to the repo, with the URN as logical location", () => {
    const [first, , stackWide] = sarif.runs[0].results;
    expect(first.locations[0].physicalLocation.artifactLocation.uri).toBe("stacks/Pulumi.dev.yaml");
    expect(first.locations[0].logicalLocations[0]).toEqual({
      fullyQualifiedName: preview().stacks[0].resources[2].urn,
      name: "ws",
      kind: "resource",
    });
    expect(first.message.text).toBe("Default storage must not be premium. Workspace 'ws' uses 'st'. [ws in stack checks/dev]");
    expect(stackWide.locations[0].logicalLocations[0].fullyQualifiedName).toBe("urn:pulumi:dev::checks::pulumi:pulumi:Stack::checks-dev");
  });

  it("gives every flagged resource its own stable fingerprint", () => {
    const prints = sarif.runs[0].results.map((r: any) => r.partialFingerprints.primaryLocationLineHash);
    expect(new Set(prints).size).toBe(3);
    expect(JSON.parse(renderSarif(preview(), ROOT)).runs[0].results.map((r: any) => r.partialFingerprints.primaryLocationLineHash)).toEqual(
      prints,
    );
  });

  it("reports failed stacks as tool execution notifications", () => {
    expect(sarif.runs[0].invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          { level: "error", message: { text: "stack checks/prod failed to preview: config: missing 'location'" } },
        ],
      },
    ]);
  });

  it("is valid with no violations at all", () => {
    const empty = JSON.parse(renderSarif({ stacks: [fakeStack([])] }, ROOT));
    expect(() => githubSarif.parse(empty)).not.toThrow();
    expect(empty.runs[0].results).toEqual([]);
  });
});

describe("artifactUri", () => {
  it("prefers the config file, falls back to the program, and always uses forward slashes", () => {
    const stack = fakeStack([]);
    expect(artifactUri({ ...stack, programFile: path.join(ROOT, "stacks", "index.ts") }, ROOT)).toBe("stacks/index.ts");
    expect(artifactUri({ ...stack, configFile: "stacks\\Pulumi.dev.yaml" }, ROOT)).toBe("stacks/Pulumi.dev.yaml");
    expect(artifactUri(stack, ROOT)).toBe("Pulumi.dev.yaml");
  });
});
