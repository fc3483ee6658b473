/**
 * The bad-input corpus (test/stacks/corpus/Pulumi.<case>.yaml): every bad case is refused with exactly the expected
 * one-line message and every near miss (`accept` in expected.yaml) passes, in process: the stack file read by the
 * offline preview's reader, handed over as the engine does, then validated as the program validates it. A few cases
 * also run through the real offline preview (its `main` in this process, real stack workers), which must exit 2 with
 * that line and register nothing.
 */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import type { StackResult } from "../../tools/preview/shared/types";
import type { CliRun } from "../previewCli";
import { previewJsonInProcess } from "../tools/preview/inProcess";
import { validateStackFile } from "./stackFileConfig";

const REPO = path.resolve(__dirname, "../..");
const CORPUS = path.join(__dirname, "corpus");
const CLI = path.join(REPO, "tools/preview/bin.js");
const ACCEPT = "accept";

const stackNames = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
    .map((f) => f.slice("Pulumi.".length, -".yaml".length))
    .sort();
const cases = stackNames(CORPUS);
const expected: Record<string, string> = parseYaml(fs.readFileSync(path.join(CORPUS, "expected.yaml"), "utf8"));
const refused = cases.filter((name) => expected[name] !== ACCEPT);
const accepted = cases.filter((name) => expected[name] === ACCEPT);

/** `/…/` in expected.yaml is a regular expression; anything else a substring. */
function matches(line: string, want: string): boolean {
  return want.length > 2 && want.startsWith("/") && want.endsWith("/") ? new RegExp(want.slice(1, -1)).test(line) : line.includes(want);
}

/** A config issue (`config <namespace>:<path> = <value>: <rule>`) or a stack-file one (`Pulumi.<stack>.yaml: <key> = ...`). */
const ONE_LINE = /^(?:config [\w-]+:\S.*|Pulumi\.[\w.-]+\.yaml: \S.*) = .+: .+$/;

describe("the bad-input corpus", () => {
  it("has at least 60 bad cases and a near miss for many, each with an expected message", () => {
    expect(refused.length).toBeGreaterThanOrEqual(60);
    expect(accepted.length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((name) => !(name in expected))).toEqual([]);
    expect(Object.keys(expected).filter((name) => !cases.includes(name))).toEqual([]);
  });

  it.each(refused)("%s is refused with the expected one-line message", (name) => {
    const { line } = validateStackFile(path.join(CORPUS, `Pulumi.${name}.yaml`));
    expect(line).toBeDefined();
    expect(line).not.toMatch(/[\r\n]/);
    // Key path, value and rule.
    expect(line).toMatch(ONE_LINE);
    if (!matches(line!, expected[name])) throw new Error(`${name}:\n  got:      ${line}\n  expected: ${expected[name]}`);
  });

  it.each(accepted)("the near miss %s is accepted", (name) => {
    expect(validateStackFile(path.join(CORPUS, `Pulumi.${name}.yaml`))).toEqual({ config: expect.anything() });
  });

  it.each(stackNames(path.join(__dirname, "corpus-accepted")))("the near miss %s passes", (name) => {
    expect(validateStackFile(path.join(__dirname, "corpus-accepted", `Pulumi.${name}.yaml`))).toEqual({ config: expect.anything() });
  });

  it.each(stackNames(path.join(REPO, "stacks")))("the bundled stack %s still passes", (name) => {
    expect(validateStackFile(path.join(REPO, "stacks", `Pulumi.${name}.yaml`))).toEqual({ config: expect.anything() });
  });
});

/**
 * The end-to-end proof that the program refuses bad config before registering anything, with exit 2 and one line:
 * a schema refusal, a cross-reference refusal, the region check and a stack-file refusal. The other cases run in
 * process above, through the same reader and validation.
 */
const THROUGH_PREVIEW = ["ws-storage-premium", "unknown-role", "region-unknown", "key-without-namespace", "connection-plain-key"];

// The preview CLI is built alongside this test; without it the end-to-end part has nothing to run.
(fs.existsSync(CLI) ? describe : describe.skip)("the corpus through the offline preview", () => {
  let run: CliRun;
  let stacks: StackResult[];

  beforeAll(async () => {
    const preview = await previewJsonInProcess(["--cwd", CORPUS, "--no-policy", ...THROUGH_PREVIEW.flatMap((s) => ["--stack", s])]);
    run = preview.run;
    stacks = preview.result.stacks;
  });

  it("exits 2 with nothing on stderr but one line per refused stack, and no stack trace", () => {
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(THROUGH_PREVIEW.length);
    for (const line of lines) expect(line.replace(/^error: [\w-]+: /, "")).toMatch(ONE_LINE);
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
