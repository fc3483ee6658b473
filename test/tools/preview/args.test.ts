import { HELP, parseCliArgs, UsageError } from "../../../tools/preview/host/args";

describe("parseCliArgs", () => {
  it("defaults to every stack of the current directory, text output and the policy check", () => {
    expect(parseCliArgs([])).toEqual({
      cwd: ".",
      stacks: [],
      format: "text",
      policy: true,
      policyPack: undefined,
      policyConfig: undefined,
      lookups: undefined,
      help: false,
      timeoutMs: 600_000,
      policyTimeoutMs: 300_000,
      noColor: false,
    });
  });

  it("reads every flag of the contract", () => {
    const args = parseCliArgs([
      "--cwd",
      "stacks",
      "--stack",
      "dev",
      "--stack",
      "organization/proj/prod",
      "--format",
      "json",
      "--policy-pack",
      "p",
      "--policy-config",
      "c.json",
      "--lookups",
      "l.json",
    ]);
    expect(args).toMatchObject({
      cwd: "stacks",
      stacks: ["dev", "prod"],
      format: "json",
      policy: true,
      policyPack: "p",
      policyConfig: "c.json",
      lookups: "l.json",
    });
    expect(parseCliArgs(["--all", "--no-policy"])).toMatchObject({ stacks: [], policy: false });
    expect(parseCliArgs(["--timeout", "30", "--policy-timeout", "2.5", "--no-color"])).toMatchObject({
      timeoutMs: 30_000,
      policyTimeoutMs: 2500,
      noColor: true,
    });
  });

  it("documents every flag, the exit codes, the lookups format and an example in --help", () => {
    const flags = [...HELP.matchAll(/--[a-z-]+/g)].map((m) => m[0]);
    for (const flag of [
      "--cwd",
      "--stack",
      "--all",
      "--format",
      "--policy-pack",
      "--policy-config",
      "--no-policy",
      "--lookups",
      "--timeout",
      "--policy-timeout",
      "--no-color",
      "--help",
    ]) {
      expect(flags).toContain(flag);
      expect(HELP).toMatch(new RegExp(`^\\s+(-h, )?${flag}\\b`, "m"));
    }
    expect(HELP).toMatch(/Exit codes:\n\s+0 .*\n\s+1 .*\n\s+2 /);
    expect(HELP).toContain('"/subscriptions/x/resourceGroups/gone": null');
    expect(HELP).toMatch(/Example:\n\s+npm run preview -- /);
  });

  it.each([
    [["--format", "xml"], "--format must be one of text, json, markdown, sarif, got 'xml'"],
    [["--stack", "dev", "--all"], "--stack and --all are mutually exclusive"],
    [["--no-policy", "--policy-pack", "p"], "--no-policy cannot be combined with --policy-pack or --policy-config"],
    [["--bogus"], "Unknown option '--bogus'"],
    [["extra"], "Unexpected argument 'extra'"],
    [["--timeout", "0"], "--timeout must be a positive number of seconds, got '0'"],
    [["--policy-timeout", "soon"], "--policy-timeout must be a positive number of seconds, got 'soon'"],
  ])("rejects %j in one line", (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
