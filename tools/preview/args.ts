/** Command-line arguments of `npm run preview` (pure). */
import { parseArgs } from "util";

export const OUTPUT_FORMATS = ["text", "json", "markdown", "sarif"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const USAGE =
  "usage: npm run preview -- [--cwd DIR] [--stack NAME | --all] [--format text|json|markdown|sarif] " +
  "[--policy-pack DIR] [--policy-config FILE] [--no-policy] [--lookups FILE] [--base FILE|DIR]";

export interface CliArgs {
  /** The Pulumi project directory, as given (relative to the caller's cwd). */
  cwd: string;
  /** Requested stacks; empty means every stack. */
  stacks: string[];
  format: OutputFormat;
  policy: boolean;
  policyPack?: string;
  policyConfig?: string;
  lookups?: string;
  /** The previous stack file (or a directory of them): report the stateful resources the current config replaces. */
  base?: string;
  help: boolean;
}

/** Bad usage: one line, exit code 2. */
export class UsageError extends Error {}

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        cwd: { type: "string" },
        stack: { type: "string", multiple: true },
        all: { type: "boolean" },
        format: { type: "string" },
        "policy-pack": { type: "string" },
        "policy-config": { type: "string" },
        "no-policy": { type: "boolean" },
        lookups: { type: "string" },
        base: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0]);
  }
  const v = parsed.values;
  const format = v.format ?? "text";
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(", ")}, got '${format}'`);
  }
  const stacks = (v.stack ?? []).map((s) => s.split("/").pop() ?? s);
  if (v.all && stacks.length > 0) throw new UsageError("--stack and --all are mutually exclusive");
  if (stacks.some((s) => s.trim() === "")) throw new UsageError("--stack needs a stack name");
  if (v["no-policy"] && (v["policy-pack"] !== undefined || v["policy-config"] !== undefined)) {
    throw new UsageError("--no-policy cannot be combined with --policy-pack or --policy-config");
  }
  return {
    cwd: v.cwd ?? ".",
    stacks: [...new Set(stacks)],
    format: format as OutputFormat,
    policy: !v["no-policy"],
    policyPack: v["policy-pack"],
    policyConfig: v["policy-config"],
    lookups: v.lookups,
    base: v.base,
    help: v.help === true,
  };
}
