/**
 * The bad-input corpus (test/stacks/corpus/Pulumi.<case>.yaml): every case is refused with exactly the expected
 * one-line message, in process through `validateConfig`, and a representative subset through the real offline
 * preview, which must exit 2 with that line and register nothing.
 */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import * as pulumi from "@pulumi/pulumi";
import { readRawConfig } from "../../stacks/rawConfig";
import { formatConfigIssue, validateConfig } from "../../stacks/validate";
import type { StackResult } from "../../tools/preview/types";
import { CliRun, previewJson } from "../previewCli";

const REPO = path.resolve(__dirname, "../..");
const CORPUS = path.join(__dirname, "corpus");
const CLI = path.join(REPO, "tools/preview/cli.ts");
const PROJECT = "azure-ml-workspaces";

const stackNames = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
    .map((f) => f.slice("Pulumi.".length, -".yaml".length))
    .sort();
const cases = stackNames(CORPUS);
const expected: Record<string, string> = parseYaml(fs.readFileSync(path.join(CORPUS, "expected.yaml"), "utf8"));

/** `/…/` in expected.yaml is a regular expression; anything else a substring. */
function matches(line: string, want: string): boolean {
  return want.length > 2 && want.startsWith("/") && want.endsWith("/") ? new RegExp(want.slice(1, -1)).test(line) : line.includes(want);
}

/** A stack file's config as the engine hands it to the program: qualified keys, strings as-is, the rest as JSON. */
function engineConfig(file: string): Record<string, string> {
  const config: Record<string, unknown> = parseYaml(fs.readFileSync(file, "utf8"))?.config ?? {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === null || value === undefined) continue;
    out[key.includes(":") ? key : `${PROJECT}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}

/**
 * Validation as the program runs it: `readRawConfig` over the engine's config. The engine config itself is passed
 * too, for the region and misspelt-namespace checks (stacks/program.ts must pass `pulumi.runtime.allConfig()` for
 * those to apply in a real run).
 */
function validateStackFile(file: string) {
  pulumi.runtime.setAllConfig(engineConfig(file));
  return validateConfig(readRawConfig(), pulumi.runtime.allConfig());
}

describe("the bad-input corpus", () => {
  it("has at least 60 cases, each with an expected message", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((name) => !(name in expected))).toEqual([]);
    expect(Object.keys(expected).filter((name) => !cases.includes(name))).toEqual([]);
  });

  it.each(cases)("%s is refused with the expected one-line message", (name) => {
    const { config, issues } = validateStackFile(path.join(CORPUS, `Pulumi.${name}.yaml`));
    expect(config).toBeUndefined();
    const line = formatConfigIssue(issues[0]);
    expect(line).not.toMatch(/[\r\n]/);
    // Key path, value and rule: `config <namespace>:<path> = <value>: <rule>`.
    expect(line).toMatch(/^config [\w-]+:\S.* = .+: .+$/);
    if (!matches(line, expected[name])) throw new Error(`${name}:\n  got:      ${line}\n  expected: ${expected[name]}`);
  });

  it.each(stackNames(path.join(__dirname, "corpus-accepted")))("the near miss %s passes", (name) => {
    const { config, issues } = validateStackFile(path.join(__dirname, "corpus-accepted", `Pulumi.${name}.yaml`));
    expect(issues.map(formatConfigIssue)).toEqual([]);
    expect(config).toBeDefined();
  });

  it.each(stackNames(path.join(REPO, "stacks")))("the bundled stack %s still passes", (name) => {
    const { config, issues } = validateStackFile(path.join(REPO, "stacks", `Pulumi.${name}.yaml`));
    expect(issues.map(formatConfigIssue)).toEqual([]);
    expect(config).toBeDefined();
  });
});

/**
 * Every refusal the issues name (default storage of workspaces and hubs, projects with hub resources, access errors),
 * plus one case per other kind of check. A config error is cheap: the program stops before loading the components.
 */
const THROUGH_PREVIEW = [
  "ws-storage-premium",
  "ws-storage-hns",
  "ws-storage-blobstorage",
  "hub-storage-premiumv2",
  "hub-storage-hns",
  "project-with-storage",
  "project-with-managed-network",
  "unknown-role",
  "group-objectid-malformed",
  "undefined-group",
  "duplicate-binding",
  "unknown-storage-key",
  "armid-wrong-type",
  "fqdn-rule-default-isolation",
  "required-tag-missing",
  "daily-quota-zero",
  "cluster-min-above-max",
  "connection-plain-key",
];

// The preview CLI is built alongside this test; without it the end-to-end part has nothing to run.
(fs.existsSync(CLI) ? describe : describe.skip)("the corpus through the offline preview", () => {
  let run: CliRun;
  let stacks: StackResult[];

  beforeAll(async () => {
    const preview = await previewJson(["--cwd", CORPUS, "--no-policy", ...THROUGH_PREVIEW.flatMap((s) => ["--stack", s])]);
    run = preview.run;
    stacks = preview.result.stacks;
  }, 60_000);

  it("exits 2 with nothing on stderr but one line per refused stack, and no stack trace", () => {
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(THROUGH_PREVIEW.length);
    for (const line of lines) expect(line).toMatch(/^error: [\w-]+: config [\w-]+:\S.* = .+: .+$/);
  });

  it.each(THROUGH_PREVIEW)("%s: one stderr line with the expected message, no resource registered", (name) => {
    const lines = run.stderr.split("\n").filter((line) => line.startsWith(`error: ${name}: `));
    expect(lines).toHaveLength(1);
    if (!matches(lines[0], expected[name])) throw new Error(`${name}:\n  got:      ${lines[0]}\n  expected: ${expected[name]}`);
    const result = stacks.find((s) => s.stack === name);
    expect(result?.error).toBeTruthy();
    expect(result!.resources.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});
