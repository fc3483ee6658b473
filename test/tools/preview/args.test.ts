import { parseCliArgs, UsageError } from "../../../tools/preview/args";

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
  });

  it.each([
    [["--format", "xml"], "--format must be one of text, json, markdown, sarif, got 'xml'"],
    [["--stack", "dev", "--all"], "--stack and --all are mutually exclusive"],
    [["--no-policy", "--policy-pack", "p"], "--no-policy cannot be combined with --policy-pack or --policy-config"],
    [["--bogus"], "Unknown option '--bogus'"],
    [["extra"], "Unexpected argument 'extra'"],
  ])("rejects %j in one line", (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
