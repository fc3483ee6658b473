/**
 * End to end: what a reviewer gets from real runs of the CLI. SARIF at the line that caused each result (bundled
 * stacks, a program, a config error), markdown within GitHub's limit at 100 and 1000 workspaces, no clean-looking
 * output when policies did not run or the pack crashed, and no internal markers anywhere.
 * The runs start in beforeAll, two at a time; the large stacks make this the slowest suite.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { benchWorkspace, scalingConfig } from "../../../tools/bench/configGen";
import { writeBenchProject, type BenchProject } from "../../../tools/bench/benchProject";
import { COMMENT_LIMIT } from "../../../tools/preview/report/markdownReport";
import type { PreviewResult } from "../../../tools/preview/shared/types";
import { CliRun, REPO_ROOT, runPreview } from "../../previewCli";
import { unbalancedHtml } from "./report/htmlBalance";

const STORAGE = path.join(REPO_ROOT, "test/fixtures/programs/plain-storage");
const BROKEN_PACK = path.join(REPO_ROOT, "test/fixtures/packs/broken");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reports-cli-"));
const unknownPolicy = path.join(tmp, "policy-config.json");
fs.writeFileSync(unknownPolicy, JSON.stringify({ "no-such-policy": "mandatory" }));

/** Copies without shared objects: YAML would write them as anchors and aliases. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const badConfig = plain({
  ...scalingConfig(1),
  workspaces: [{ ...benchWorkspace(0), containerRegistry: { skuName: "Huge" }, nameSeed: 5 }],
});
const projects: Record<string, BenchProject> = {
  bad: writeBenchProject({ bad: badConfig }),
  ws100: writeBenchProject({ "ws-100": plain(scalingConfig(100)) }),
  ws1000: writeBenchProject({
    "ws-1000": plain({ ...scalingConfig(1), workspaces: Array.from({ length: 1000 }, (_, i) => benchWorkspace(i, "shared")) }),
  }),
};

const plan: Record<string, string[]> = {
  bundledSarif: ["--all", "--format", "sarif"],
  programSarif: ["--cwd", "examples/custom-program", "--stack", "dev", "--format", "sarif"],
  badConfigSarif: ["--cwd", projects.bad.dir, "--format", "sarif", "--no-policy"],
  badConfigText: ["--cwd", projects.bad.dir, "--no-policy"],
  noPolicyText: ["--cwd", STORAGE, "--stack", "dev", "--no-policy"],
  unknownPolicyText: ["--cwd", STORAGE, "--stack", "dev", "--policy-config", unknownPolicy],
  crashJson: ["--cwd", STORAGE, "--stack", "dev", "--policy-pack", BROKEN_PACK, "--format", "json"],
  crashMarkdown: ["--cwd", STORAGE, "--stack", "dev", "--policy-pack", BROKEN_PACK, "--format", "markdown"],
  crashSarif: ["--cwd", STORAGE, "--stack", "dev", "--policy-pack", BROKEN_PACK, "--format", "sarif"],
  markdown100: ["--cwd", projects.ws100.dir, "--format", "markdown"],
  // The pack's analysis of 10,000 resources would add minutes: the cost tables and graph alone overflow a comment.
  markdown1000: ["--cwd", projects.ws1000.dir, "--format", "markdown", "--no-policy"],
};
const runs: Record<string, CliRun> = {};

/** The broken fixture pack then loads and dies (exit code 7) while analyzing the first resource. */
const CRASH_ENV = { FIXTURE_PACK_CRASH: "analyze" };

beforeAll(async () => {
  const names = Object.keys(plan);
  let next = 0;
  const lane = async () => {
    while (next < names.length) {
      const name = names[next++];
      runs[name] = await runPreview(plan[name], REPO_ROOT, "register", name.startsWith("crash") ? CRASH_ENV : {});
    }
  };
  await Promise.all([lane(), lane()]);
}, 900_000);

afterAll(() => {
  Object.values(projects).forEach((p) => p.remove());
  fs.rmSync(tmp, { recursive: true, force: true });
});

type SarifResult = {
  ruleId: string;
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
};
const sarifRun = (run: CliRun) => JSON.parse(run.stdout).runs[0] as { results: SarifResult[]; invocations: Array<Record<string, unknown>> };
const where = (r: SarifResult) =>
  [r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine] as const;

describe("SARIF results sit at the line that caused them", () => {
  it("bundled stacks: every result at a workspace or hub entry (line > 1) of its stack file", () => {
    const { results } = sarifRun(runs.bundledSarif);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const [uri, line] = where(r);
      expect(uri).toMatch(/^stacks\/Pulumi\.[\w-]+\.yaml$/);
      expect(line).toBeGreaterThan(1);
      expect(fs.readFileSync(path.join(REPO_ROOT, uri), "utf8").split("\n")[line - 1]).toMatch(/^\s*(- )?\w+:/);
    }
  });

  it("a program: every result at the line of the program that constructs the resource", () => {
    const { results } = sarifRun(runs.programSarif);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const [uri, line] = where(r);
      expect(uri).toBe("examples/custom-program/index.ts");
      expect(fs.readFileSync(path.join(REPO_ROOT, uri), "utf8").split("\n")[line - 1]).toMatch(/new [\w.]+\(/);
    }
  });

  it("a config error: one result per issue at its key's line, and the run marked unsuccessful", () => {
    const run = sarifRun(runs.badConfigSarif);
    expect(runs.badConfigSarif.code).toBe(2);
    const lines = fs.readFileSync(path.join(projects.bad.dir, "Pulumi.bad.yaml"), "utf8").split("\n");
    expect(run.results.length).toBe(2);
    for (const r of run.results) {
      const [uri, line] = where(r);
      expect([r.ruleId, uri]).toEqual(["preview/invalid-config", "Pulumi.bad.yaml"]);
      expect(lines[line - 1]).toMatch(/^\s*(skuName|nameSeed):/);
    }
    expect(run.invocations[0].executionSuccessful).toBe(false);
  });
});

describe("errors and summaries", () => {
  it("prints each config issue once, every one listed, exit 2", () => {
    const run = runs.badConfigText;
    expect(run.code).toBe(2);
    const issues = run.stdout.split("\n").filter((l) => /^\s+config azure-ml-workspaces:workspaces\[0\]/.test(l));
    expect(issues).toHaveLength(2);
    expect(new Set(issues).size).toBe(2);
    expect(run.stderr.split("\n").filter(Boolean)).toHaveLength(2);
  });

  it.each(["noPolicyText", "unknownPolicyText"])("%s never says there are no violations", (name) => {
    expect(runs[name].stdout).not.toMatch(/violations: none|no violations/i);
    expect(runs[name].stdout).toContain("Policies: not checked");
  });

  it("an unknown policy name is an error (exit 2)", () => {
    expect(runs.unknownPolicyText.code).toBe(2);
    expect(runs.unknownPolicyText.stderr).toMatch(/unknown policy "no-such-policy"/);
  });
});

describe("a pack that crashes mid-analysis", () => {
  it("JSON: exit 2, an error field naming the exit code, the stack not checked", () => {
    const run = runs.crashJson;
    expect(run.code).toBe(2);
    const result = JSON.parse(run.stdout) as PreviewResult;
    expect(result.error).toMatch(/^policy check failed: policy pack .*broken exited with code 7/);
    expect(result.policy).toMatchObject({ status: "failed" });
    expect(result.stacks[0].policyChecked).toBe(false);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("markdown: the headline says the check failed", () => {
    expect(runs.crashMarkdown.code).toBe(2);
    expect(runs.crashMarkdown.stdout.split("\n")[2]).toMatch(/^💥 \*\*The check failed\*\*: policy check failed/);
    expect(runs.crashMarkdown.stdout).not.toMatch(/no mandatory policy violations/i);
  });

  it("SARIF: executionSuccessful is false, with the reason", () => {
    expect(runs.crashSarif.code).toBe(2);
    expect(sarifRun(runs.crashSarif).invocations[0]).toMatchObject({
      executionSuccessful: false,
      exitCodeDescription: expect.stringMatching(/^policy check failed: policy pack .*exited with code 7/),
    });
  });
});

describe("markdown at any size", () => {
  it.each(["markdown100", "markdown1000"])("%s: under GitHub's limit, balanced, counting what it leaves out", (name) => {
    const md = runs[name].stdout;
    expect(runs[name].code).toBe(0);
    expect(md.length).toBeLessThan(COMMENT_LIMIT);
    expect(unbalancedHtml(md)).toEqual([]);
    expect(md).toMatch(
      /_Left out to stay under GitHub's 65,536-character limit: \d+ [a-z -]+(, \d+ [a-z -]+)*\. The JSON report has everything/,
    );
  });
});

it("no output mentions internal markers", () => {
  for (const run of Object.values(runs)) expect(`${run.stdout}${run.stderr}`).not.toMatch(/§|fact file|\[unverified/);
});
