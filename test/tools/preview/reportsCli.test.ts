/**
 * What a reviewer gets from real previews: SARIF at the line that caused each result (a program, a config error),
 * markdown within GitHub's limit at 100 and 1000 workspaces (copies of a real 2-workspace preview), no clean-looking
 * output when policies did not run or the pack crashed, and no internal markers anywhere. (SARIF of the bundled
 * stacks: test/stacks/bundledStacks.test.ts.)
 *
 * Six previews, one format each: the text report without policies in its own process as the npm script starts it (a
 * real stdout), the others through the CLI's `main` in this process (real stack workers, the real or a fixture pack);
 * the other formats of the same result are rendered from its JSON, as the CLI renders them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { benchWorkspace, scalingConfig } from "../../../tools/bench/configGen";
import { writeBenchProject, type BenchProject } from "../../../tools/bench/benchProject";
import { COMMENT_LIMIT } from "../../../tools/preview/report/markdownReport";
import type { PreviewResult, RecordedResource, StackResult } from "../../../tools/preview/shared/types";
import { CliRun, REPO_ROOT, runPreview } from "../../previewCli";
import { previewInProcess, renderMarkdown, renderSarif, renderText } from "./inProcess";
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
/** Workspaces (one dedicated, one on a shared set) and hub projects of the previewed bench stack; copies make 100 and 1000. */
const WORKSPACES = 2;
const projects: Record<string, BenchProject> = {
  bad: writeBenchProject({ bad: badConfig }),
  ws2: writeBenchProject({ "ws-2": plain(scalingConfig(WORKSPACES)) }),
};

const inProcess = (argv: string[]) => () => previewInProcess(argv);
const plan: Record<string, () => Promise<CliRun>> = {
  programSarif: inProcess(["--cwd", path.join(REPO_ROOT, "examples/custom-program"), "--stack", "dev", "--format", "sarif"]),
  badConfigJson: inProcess(["--cwd", projects.bad.dir, "--format", "json", "--no-policy"]),
  // The npm script's own command (`node tools/preview/bin.js`), from the project directory.
  noPolicyText: () => runPreview(["--stack", "dev", "--no-policy"], STORAGE),
  unknownPolicyText: inProcess(["--cwd", STORAGE, "--stack", "dev", "--policy-config", unknownPolicy]),
  ws2Json: inProcess(["--cwd", projects.ws2.dir, "--format", "json"]),
};
const runs: Record<string, CliRun> = {};
/** Outputs rendered here from a run's JSON (the CLI's renderers, as `--format` picks them). */
const rendered: Record<string, string> = {};
const json = (run: CliRun) => JSON.parse(run.stdout) as PreviewResult;

/** The broken fixture pack then loads and dies (exit code 7) while analyzing the first resource. */
const CRASH_ENV = { FIXTURE_PACK_CRASH: "analyze" };

beforeAll(async () => {
  // Two at a time (two cores); the run with an environment variable alone, since the pack inherits it.
  const names = Object.keys(plan);
  let next = 0;
  const lane = async () => {
    while (next < names.length) {
      const name = names[next++];
      runs[name] = await plan[name]();
    }
  };
  await Promise.all([lane(), lane()]);
  runs.crashJson = await previewInProcess(
    ["--cwd", STORAGE, "--stack", "dev", "--policy-pack", BROKEN_PACK, "--format", "json"],
    CRASH_ENV,
  );

  // Outside a repository, SARIF paths are relative to the project, as the CLI makes them.
  rendered.badConfigSarif = renderSarif(json(runs.badConfigJson), projects.bad.dir);
  rendered.badConfigText = renderText(json(runs.badConfigJson));
  rendered.crashMarkdown = renderMarkdown(json(runs.crashJson));
  rendered.crashSarif = renderSarif(json(runs.crashJson), REPO_ROOT);
  rendered.markdown100 = renderMarkdown(copied(json(runs.ws2Json), 100 / WORKSPACES));
  rendered.markdown1000 = renderMarkdown(copied(json(runs.ws2Json), 1000 / WORKSPACES));
}, 900_000);

afterAll(() => {
  Object.values(projects).forEach((p) => p.remove());
  fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * 100 or 1000 workspaces from the real 2-workspace preview (with the real pack's violations): its stack's
 * resources, outputs and violations `copies` times over, each copy's names and URNs suffixed. Previewing 1000
 * workspaces would add minutes; the report renders from the result alone.
 */
function copied(result: PreviewResult, copies: number): PreviewResult {
  const [stack] = result.stacks;
  const root = stack.resources.find((r) => r.parent === null)!;
  const parts = Array.from({ length: copies }, (_, k) => {
    const urn = (u: string) => (u === root.urn ? u : `${u}-c${k}`);
    const resources = stack.resources
      .filter((r) => r !== root)
      .map((r): RecordedResource => ({
        ...r,
        urn: urn(r.urn),
        name: `${r.name}-c${k}`,
        parent: r.parent === null ? null : urn(r.parent),
        dependencies: r.dependencies.map(urn),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([p, us]) => [p, us.map(urn)])),
      }));
    const workspaces = stack.outputs.workspaces as Record<string, unknown>;
    return {
      resources,
      workspaces: Object.fromEntries(Object.entries(workspaces).map(([name, ws]) => [`${name}-c${k}`, ws])),
      violations: stack.violations.map((v) => ({ ...v, urn: urn(v.urn) })),
    };
  });
  const big: StackResult = {
    ...stack,
    resources: [root, ...parts.flatMap((c) => c.resources)],
    outputs: { ...stack.outputs, workspaces: Object.assign({}, ...parts.map((c) => c.workspaces)) },
    violations: parts.flatMap((c) => c.violations),
  };
  expect(Object.keys(big.outputs.workspaces as object)).toHaveLength(WORKSPACES * copies);
  return { ...result, stacks: [big] };
}

type SarifResult = {
  ruleId: string;
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
};
const sarifRun = (sarif: string) => JSON.parse(sarif).runs[0] as { results: SarifResult[]; invocations: Array<Record<string, unknown>> };
const where = (r: SarifResult) =>
  [r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine] as const;

describe("SARIF results sit at the line that caused them", () => {
  it("a program (--format sarif, which records source positions): every result at the line that constructs the resource", () => {
    expect(runs.programSarif.stderr).toBe("");
    const { results } = sarifRun(runs.programSarif.stdout);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const [uri, line] = where(r);
      expect(uri).toBe("examples/custom-program/index.ts");
      expect(fs.readFileSync(path.join(REPO_ROOT, uri), "utf8").split("\n")[line - 1]).toMatch(/new [\w.]+\(/);
    }
  });

  it("a config error: one result per issue at its key's line, and the run marked unsuccessful", () => {
    const run = sarifRun(rendered.badConfigSarif);
    expect(runs.badConfigJson.code).toBe(2);
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
    const issues = rendered.badConfigText.split("\n").filter((l) => /^\s+config azure-ml-workspaces:workspaces\[0\]/.test(l));
    expect(issues).toHaveLength(2);
    expect(new Set(issues).size).toBe(2);
    expect(runs.badConfigJson.code).toBe(2);
    expect(runs.badConfigJson.stderr.split("\n").filter(Boolean)).toHaveLength(2);
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
    const result = json(run);
    expect(result.error).toMatch(/^policy check failed: policy pack .*broken exited with code 7/);
    expect(result.policy).toMatchObject({ status: "failed" });
    expect(result.stacks[0].policyChecked).toBe(false);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("markdown: the headline says the check failed", () => {
    expect(rendered.crashMarkdown.split("\n")[2]).toMatch(/^💥 \*\*The check failed\*\*: policy check failed/);
    expect(rendered.crashMarkdown).not.toMatch(/no mandatory policy violations/i);
  });

  it("SARIF: executionSuccessful is false, with the reason", () => {
    expect(sarifRun(rendered.crashSarif).invocations[0]).toMatchObject({
      executionSuccessful: false,
      exitCodeDescription: expect.stringMatching(/^policy check failed: policy pack .*exited with code 7/),
    });
  });
});

describe("markdown at any size", () => {
  it("the 2-workspace preview passes the pack (exit 0) with advisory violations to report", () => {
    expect(runs.ws2Json.stderr).toBe("");
    expect(runs.ws2Json.code).toBe(0);
    expect(json(runs.ws2Json).policy).toMatchObject({ status: "checked" });
    expect(json(runs.ws2Json).stacks[0].violations.length).toBeGreaterThan(0);
  });

  it.each(["markdown100", "markdown1000"])("%s: under GitHub's limit, balanced, counting what it leaves out", (name) => {
    const md = rendered[name];
    expect(md.length).toBeLessThan(COMMENT_LIMIT);
    expect(unbalancedHtml(md)).toEqual([]);
    expect(md).toMatch(
      /_Left out to stay under GitHub's 65,536-character limit: \d+ [a-z -]+(, \d+ [a-z -]+)*\. The JSON report has everything/,
    );
  });
});

it("no output mentions internal markers", () => {
  const outputs = [...Object.values(runs).map((run) => `${run.stdout}${run.stderr}`), ...Object.values(rendered)];
  for (const output of outputs) expect(output).not.toMatch(/§|fact file|\[unverified/);
});
