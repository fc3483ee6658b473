/** Command-line arguments of `npm run preview` (pure). `--help` is the table of flags the parser reads. */
import { parseArgs } from "util";

const OUTPUT_FORMATS = ["text", "json", "markdown", "sarif"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const USAGE =
  "usage: npm run preview -- [--cwd DIR] [--stack NAME | --all] [--format text|json|markdown|sarif] " +
  "[--policy-pack DIR] [--policy-config FILE] [--no-policy] [--lookups FILE] [--timeout SECONDS] " +
  "[--policy-timeout SECONDS] [--no-color] [--base FILE|DIR]";

/** Defaults of the time-outs, in seconds. */
export const DEFAULT_TIMEOUT_S = 600;
export const DEFAULT_POLICY_TIMEOUT_S = 300;
/** A stack worker's own start-up, before its program starts (not counted by `--timeout`), may take the larger of this and `--timeout`. */
export const WORKER_START_LIMIT_S = 120;

/** `--help`: every flag, the exit codes, the lookups file and an example. */
export const HELP = `${USAGE}

Previews a Pulumi TypeScript project's stacks offline (Pulumi's mock runtime: no Pulumi CLI, no cloud) and runs a
CrossGuard policy pack on what they would register, like \`pulumi preview --policy-pack DIR\`.

Options:
  --cwd DIR               Pulumi project directory (Pulumi.yaml). Default: the current directory.
  --stack NAME            Preview this stack (repeatable; org/project/ prefixes are ignored). Default: every
                          stack with a Pulumi.<stack>.yaml.
  --all                   Every stack (the default; cannot be combined with --stack).
  --format FORMAT         text (default), json (the contract: one document, carries "schemaVersion"),
                          markdown (a PR comment, at most 65,536 characters), sarif (GitHub code scanning).
  --policy-pack DIR       Policy pack directory. Default: this package's policies/.
  --policy-config FILE    Policy config JSON, as for \`pulumi preview --policy-pack-config\`. A policy name the
                          pack does not have is an error.
  --no-policy             Do not run a policy pack; reports then say "policies not checked".
  --lookups FILE          Answers for invokes that read existing resources (getStorageAccount,
                          getResourceGroup): a JSON object from ARM id to the resource's properties, or null
                          for "does not exist". Ids match case-insensitively and whatever the subscription:
                            { "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st":
                                { "sku": { "name": "Standard_LRS" }, "kind": "StorageV2" },
                              "/subscriptions/x/resourceGroups/gone": null }
  --timeout SECONDS       How long one stack's program may run, counted from when it starts loading (the
                          check's own start-up in the stack's process is not counted; it may take up to the
                          larger of --timeout and ${WORKER_START_LIMIT_S} s). Default: ${DEFAULT_TIMEOUT_S}. What the program
                          registered until then is reported, marked partial, and the run fails (exit 2).
  --policy-timeout SECONDS
                          How long the policy pack may take to start, and then to answer each stack.
                          Default: ${DEFAULT_POLICY_TIMEOUT_S}.
  --base FILE|DIR         The previous stack file (Pulumi.<stack>.yaml, or any file when one stack is
                          previewed) or a directory of them: also preview it and list the stateful resources
                          the current config replaces or deletes ("replacements" in JSON). Exit code unchanged.
  --no-color              Plain text output (also when NO_COLOR is set or stdout is not a terminal).
  -h, --help              This help.

Exit codes:
  0  every stack previewed and checked, no mandatory policy violation
  1  at least one mandatory policy violation
  2  a program, its config or the policy pack failed, a time-out, or bad usage

Example:
  npm run preview -- --stack team-a --format markdown > report.md`;

/** The flags `HELP` lists: `--name VALUE` takes a string, `--name` alone is a switch; `--stack` repeats. */
const OPTIONS = Object.fromEntries(
  [...HELP.matchAll(/^ {2}(?:-h, )?--([a-z-]+)( [A-Z])?/gm)].map(([, flag, value]) => [
    flag,
    { type: value ? "string" : "boolean", multiple: flag === "stack", ...(flag === "help" ? { short: "h" } : {}) },
  ]),
) as Record<string, { type: "string" | "boolean"; multiple: boolean; short?: string }>;

/** Bad usage: one line, exit code 2. */
export class UsageError extends Error {}

function seconds(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(Number(value) > 0))
    throw new UsageError(`${flag} must be a positive number of seconds, got '${value}'`);
  return Number(value);
}

export type CliArgs = ReturnType<typeof parseCliArgs>;

export function parseCliArgs(argv: string[]) {
  let v: Record<string, string | string[] | boolean | undefined>;
  try {
    v = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values as typeof v;
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0]);
  }
  const str = (flag: string) => v[flag] as string | undefined;
  const format = str("format") ?? "text";
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(", ")}, got '${format}'`);
  const stacks = ((v.stack ?? []) as string[]).map((s) => s.split("/").pop() ?? s);
  if (v.all && stacks.length > 0) throw new UsageError("--stack and --all are mutually exclusive");
  if (stacks.some((s) => s.trim() === "")) throw new UsageError("--stack needs a stack name");
  if (v["no-policy"] && (v["policy-pack"] !== undefined || v["policy-config"] !== undefined))
    throw new UsageError("--no-policy cannot be combined with --policy-pack or --policy-config");
  return {
    /** The project directory, relative to the caller's cwd. */
    cwd: str("cwd") ?? ".",
    /** Requested stacks; empty means every stack. */
    stacks: [...new Set(stacks)],
    format: format as OutputFormat,
    policy: !v["no-policy"],
    policyPack: str("policy-pack"),
    policyConfig: str("policy-config"),
    lookups: str("lookups"),
    base: str("base"),
    help: v.help === true,
    timeoutMs: seconds("--timeout", str("timeout"), DEFAULT_TIMEOUT_S) * 1000,
    policyTimeoutMs: seconds("--policy-timeout", str("policy-timeout"), DEFAULT_POLICY_TIMEOUT_S) * 1000,
    /** NO_COLOR and a non-terminal stdout are honoured by the text report itself. */
    noColor: v["no-color"] === true,
  };
}
