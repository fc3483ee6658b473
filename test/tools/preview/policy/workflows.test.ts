/** The reviewer workflows in .github/workflows: they parse, and the keys that make them safe and useful are there. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

const WORKFLOWS = path.resolve(__dirname, "../../../../.github/workflows");
const load = (file: string): any => parse(fs.readFileSync(path.join(WORKFLOWS, file), "utf8"));
const stepUsing = (steps: any[], action: string) => steps.find((s) => typeof s.uses === "string" && s.uses.startsWith(action));
const runs = (steps: any[]) =>
  steps
    .filter((s) => typeof s.run === "string")
    .map((s) => s.run as string)
    .join("\n");
const SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository";

describe("policy-check.yml (offline, fork-safe)", () => {
  const workflow = load("policy-check.yml");
  const job = workflow.jobs["policy-check"];
  const steps: any[] = job.steps;

  it("runs on pull requests and pushes to main with read-only contents and only security-events to write", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request", "push"]);
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.permissions).toEqual({ contents: "read", "security-events": "write" });
  });

  it("uses no secrets at all", () => {
    expect(JSON.stringify(workflow)).not.toMatch(/secrets\./);
  });

  it("sets up Node 22, installs with npm ci, and writes the markdown report to the job summary", () => {
    expect(stepUsing(steps, "actions/setup-node@").with["node-version"]).toBe(22);
    expect(runs(steps)).toMatch(/^npm ci\b/m);
    expect(runs(steps)).toContain('npm run --silent preview -- --all --format markdown >> "$GITHUB_STEP_SUMMARY"');
  });

  it("produces SARIF and uploads it to code scanning only where the token can write", () => {
    expect(runs(steps)).toContain("npm run --silent preview -- --all --format sarif > results.sarif");
    const upload = stepUsing(steps, "github/codeql-action/upload-sarif@");
    expect(upload.with.sarif_file).toBe("results.sarif");
    expect(upload.if).toContain(SAME_REPOSITORY);
  });

  it("keeps the full JSON report as the artifact the markdown summary points at", () => {
    expect(runs(steps)).toContain("npm run --silent preview -- --all --format json > preview.json");
    const artifacts = steps.filter((s: { uses?: string }) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(artifacts.map((s: { with: { name: string } }) => s.with.name)).toContain("policy-preview-json");
  });

  it("fails the job when the preview exits non-zero (1 = mandatory violation)", () => {
    const check = steps.find((s) => s.id === "check");
    expect(check.run).toContain('echo "exit-code=$code" >> "$GITHUB_OUTPUT"');
    const gate = steps[steps.length - 1];
    expect(gate.if).toBe("steps.check.outputs.exit-code != '0'");
    expect(gate.run).toMatch(/exit 1\s*$/);
  });
});

describe("preview.yml (credentialed pulumi preview)", () => {
  const workflow = load("preview.yml");
  const job = workflow.jobs.preview;
  const steps: any[] = job.steps;

  it("runs only for pull requests from this repository", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(job.if).toBe(SAME_REPOSITORY);
    expect(JSON.stringify(workflow)).not.toContain("pull_request_target");
  });

  it("asks for OIDC, PR comments and read-only contents, in the previewing job only", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(job.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write" });
  });

  it("logs in to Azure with OIDC (no client secret) before previewing", () => {
    const login = stepUsing(steps, "azure/login@");
    expect(Object.keys(login.with).sort()).toEqual(["client-id", "subscription-id", "tenant-id"]);
    expect(steps.indexOf(login)).toBeLessThan(steps.indexOf(stepUsing(steps, "pulumi/actions@")));
  });

  it("previews with the policy pack, comments on the PR and writes the job summary even on failure", () => {
    const pulumi = stepUsing(steps, "pulumi/actions@");
    expect(pulumi.with).toMatchObject({ command: "preview", policyPacks: "policies", "comment-on-pr": true, "comment-on-summary": true });
    const onFailure = steps.find((s) => s.if === "failure()");
    expect(onFailure.run).toContain("$GITHUB_STEP_SUMMARY");
    expect(fs.readFileSync(path.join(WORKFLOWS, "preview.yml"), "utf8")).toMatch(/posts NO comment/);
  });
});
