/**
 * The host's entry: arguments, then the worker pool, loading as little as possible before forking the stack workers
 * so that they boot while the rest of the host loads. Exit codes in shared/types.ts.
 */
import * as path from "path";
import { CliArgs, HELP, parseCliArgs, USAGE } from "./args";
import { errorLine } from "../shared/messages";
import { peekProject } from "./projectPeek";
import { EXIT_OK, EXIT_PROGRAM_ERROR } from "../shared/types";
import { WorkerPool } from "./workers";
import type { PolicyStage } from "../policy/stage";

const DEFAULT_POLICY_PACK = path.resolve(__dirname, "../../../policies");

async function startPolicy(args: CliArgs, callerCwd: string): Promise<PolicyStage> {
  const { startPolicyStage } = await import("../policy/stage");
  const config = args.policyConfig !== undefined ? path.resolve(callerCwd, args.policyConfig) : undefined;
  return startPolicyStage(path.resolve(callerCwd, args.policyPack ?? DEFAULT_POLICY_PACK), config, args.policyTimeoutMs);
}

/** Two cores: two workers boot ahead (the scheduler runs at most two programs at once). */
const WARM_WORKERS = 2;

export async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (err) {
    process.stderr.write(`error: ${errorLine(err)} (${USAGE})\n`);
    return EXIT_PROGRAM_ERROR;
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_OK;
  }
  const callerCwd = process.cwd();
  const peek = peekProject(path.resolve(callerCwd, args.cwd));
  const wanted = args.stacks.length > 0 ? args.stacks.filter((s) => peek.stacks.includes(s)) : peek.stacks;
  const pool = new WorkerPool(peek.nodeArgs, Math.min(WARM_WORKERS, wanted.length));
  // The pack boots (seconds) while the workers boot and the rest of the host loads.
  const policy = args.policy && wanted.length > 0 ? await startPolicy(args, callerCwd) : undefined;
  try {
    const { runPreview } = await import("./run");
    return await runPreview(args, callerCwd, pool, policy ?? (args.policy ? await startPolicy(args, callerCwd) : undefined));
  } catch (err) {
    process.stderr.write(`error: ${errorLine(err)}\n`);
    return EXIT_PROGRAM_ERROR;
  } finally {
    pool.close();
    await policy?.close().catch(() => undefined);
  }
}

/** Runs the CLI and exits with its code; anything unexpected is one `error:` line and exit 2. */
export function run(argv: string[]): void {
  main(argv).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`error: ${errorLine(err)}\n`);
      process.exit(EXIT_PROGRAM_ERROR);
    },
  );
}
