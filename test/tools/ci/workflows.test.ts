/**
 * The GitHub workflows: actions pinned by commit SHA, fork-safe triggers, the test and policy runs on the default
 * branch, and stacks taken from stacks/ in dependency order.
 */
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { REPO_ROOT } from "../../previewCli";

const { unpinnedUses } = require("../../../tools/ci/lintWorkflows.js") as { unpinnedUses: (text: string) => string[] };
const { orderedStacks, referencedStacks } = require("../../../tools/ci/stacks.js") as {
  orderedStacks: () => string[];
  referencedStacks: (config: unknown) => Set<string>;
};

const DIR = path.join(REPO_ROOT, ".github/workflows");
const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".yml"));
const text = (file: string) => fs.readFileSync(path.join(DIR, file), "utf8");
const workflow = (file: string) => YAML.parse(text(file));
const triggers = (file: string) => Object.keys(workflow(file).on ?? {});

describe("workflow pins", () => {
  it.each(files)("%s pins every action by a full commit SHA with its version in a comment", (file) => {
    expect(unpinnedUses(text(file))).toEqual([]);
  });

  it("refuses a tag, a short SHA and a SHA without a version comment", () => {
    const sha = "3d3c42e5aac5ba805825da76410c181273ba90b1";
    expect(unpinnedUses(`- uses: actions/checkout@v7`)).toHaveLength(1);
    expect(unpinnedUses(`- uses: actions/checkout@3d3c42e # v7.0.1`)).toHaveLength(1);
    expect(unpinnedUses(`- uses: actions/checkout@${sha}`)).toHaveLength(1);
    expect(unpinnedUses(`- uses: actions/checkout@${sha} # v7.0.1\n  uses: ./local`)).toEqual([]);
  });
});

describe("workflow triggers", () => {
  it.each(files)("%s never checks out pull request code with secrets (no pull_request_target)", (file) => {
    expect(triggers(file)).not.toContain("pull_request_target");
    // A pull_request job that sees secrets or an Azure identity runs only for pull requests from this repository.
    if (!triggers(file).includes("pull_request")) return;
    for (const [name, job] of Object.entries<{ if?: string; needs?: string }>(workflow(file).jobs)) {
      const body = YAML.stringify(job);
      if (!/secrets\.|id-token/.test(body)) continue;
      const guard = [job.if, ...[job.needs ?? []].flat().map((n) => workflow(file).jobs[n].if)].join(" ");
      expect({ job: name, guard }).toEqual({ job: name, guard: expect.stringContaining("head.repo.full_name == github.repository") });
    }
  });

  it("runs npm ci, npm run check and npm test on pull requests and on pushes to main", () => {
    expect(triggers("test.yml")).toEqual(expect.arrayContaining(["pull_request", "push"]));
    expect(workflow("test.yml").on.push.branches).toEqual(["main"]);
    const runs = workflow("test.yml")
      .jobs.test.steps.map((s: { run?: string }) => s.run)
      .filter(Boolean);
    expect(runs).toEqual(["npm ci --no-audit --no-fund", "npm run check", "npm test"]);
  });

  it("runs the policy check on pushes to main too, so code scanning has a baseline", () => {
    expect(workflow("policy-check.yml").on.push.branches).toEqual(["main"]);
  });
});

describe("credentialed workflows", () => {
  it("deploys only from main or by hand, behind the production environment, with the pinned CLI", () => {
    expect(triggers("deploy.yml").sort()).toEqual(["push", "workflow_dispatch"]);
    expect(workflow("deploy.yml").on.push.branches).toEqual(["main"]);
    const job = workflow("deploy.yml").jobs.deploy;
    expect(job.environment).toBe("production");
    expect(job.permissions["id-token"]).toBe("write");
    expect(text("deploy.yml")).toContain("pulumi-version-file: .pulumi-version");
    expect(text("deploy.yml")).toMatch(/pulumi stack select --create/);
    expect(text("deploy.yml")).toContain("node tools/ci/stacks.js");
  });

  it("previews a matrix read from stacks/, creating missing stacks, with the pinned CLI", () => {
    const jobs = workflow("preview.yml").jobs;
    expect(jobs.preview.strategy.matrix.stack).toBe("${{ fromJSON(needs.stacks.outputs.stacks) }}");
    expect(YAML.stringify(jobs.stacks)).toContain("node tools/ci/stacks.js");
    const step = jobs.preview.steps.find((s: { uses?: string }) => s.uses?.startsWith("pulumi/actions@"));
    expect(step.with).toMatchObject({ upsert: true, "pulumi-version-file": ".pulumi-version" });
  });

  it("pins the Pulumi CLI to the version of the @pulumi/pulumi SDK in the lock file", () => {
    const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8"));
    expect(fs.readFileSync(path.join(REPO_ROOT, ".pulumi-version"), "utf8").trim()).toBe(
      lock.packages["node_modules/@pulumi/pulumi"].version,
    );
  });
});

describe("tools/ci/stacks.js", () => {
  const stacks = orderedStacks();
  const files = fs.readdirSync(path.join(REPO_ROOT, "stacks")).filter((f) => /^Pulumi\..+\.yaml$/.test(f));

  it("lists every stacks/Pulumi.<stack>.yaml", () => {
    expect([...stacks].sort()).toEqual(files.map((f) => f.slice("Pulumi.".length, -".yaml".length)).sort());
  });

  it("puts each stack after the stacks it reads by StackReference", () => {
    for (const stack of stacks) {
      const config = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")).config;
      for (const needed of referencedStacks(config)) expect(stacks.indexOf(needed)).toBeLessThan(stacks.indexOf(stack));
    }
  });

  it("finds references in lists and by qualified stack name", () => {
    const refs = referencedStacks({ "p:hubs": [{ sharedResources: { stack: "org/proj/shared" } }] });
    expect([...refs]).toEqual(["shared"]);
  });
});
