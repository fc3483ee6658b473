/** The preview itself: project and stacks, workers, policy check, output and exit code. */
import * as path from "path";
import type { CliArgs } from "./args";
import type { WorkerResult } from "./ipc";
import { LookupIndex, loadLookupsFile } from "./lookups";
import { errorLine } from "./messages";
import { findRepoRoot, loadProject, PulumiProject, relativePath, stackConfigFile } from "./project";
import { Scheduler } from "./scheduler";
import { RecordSink, workerStackRunner } from "./stackJobs";
import { renderText } from "./textReport";
import { EXIT_MANDATORY_VIOLATION, EXIT_OK, EXIT_PROGRAM_ERROR, PreviewResult, StackResult } from "./types";
import type { WorkerPool } from "./workerProcess";

/** Two cores: at most two programs run at once. */
const MAX_WORKERS = 2;
const STACK_TIMEOUT_MS = 10 * 60 * 1000;
const DEFAULT_POLICY_PACK = path.resolve(__dirname, "../../policies");

function toStackResult(project: PulumiProject, stack: string, run: WorkerResult, repoRoot: string): StackResult {
  return {
    project: project.name,
    stack,
    resources: run.resources,
    outputs: run.outputs,
    violations: [],
    ...(run.error !== undefined ? { error: run.error } : {}),
    configFile: relativePath(repoRoot, stackConfigFile(project, stack)),
    programFile: relativePath(repoRoot, project.programFile),
    timings: { ...run.timings },
    reads: run.reads,
    diagnostics: run.diagnostics,
  };
}

async function render(format: CliArgs["format"], result: PreviewResult): Promise<string> {
  if (format === "json") return `${JSON.stringify(result, null, 2)}\n`;
  if (format === "text") return renderText(result);
  const { renderWithReportModule } = await import("./policyStage");
  return renderWithReportModule(format, result);
}

/** Previews the selected stacks and prints the result; returns the exit code. */
export async function runPreview(args: CliArgs, callerCwd: string, pool: WorkerPool): Promise<number> {
  const project = loadProject(path.resolve(callerCwd, args.cwd));
  const lookups = new LookupIndex(args.lookups ? loadLookupsFile(path.resolve(callerCwd, args.lookups)) : undefined);
  const selected = args.stacks.length > 0 ? args.stacks : project.stacks;
  const unknown = selected.filter((s) => !project.stacks.includes(s));
  if (unknown.length > 0) {
    const known = project.stacks.join(", ") || "none";
    unknown.forEach((s) => process.stderr.write(`error: ${s}: no stack '${s}' in project '${project.name}' (stacks: ${known})\n`));
    return EXIT_PROGRAM_ERROR;
  }
  if (selected.length === 0) {
    process.stderr.write(`error: no stacks: no Pulumi.<stack>.yaml in ${project.stackConfigDir}\n`);
    return EXIT_PROGRAM_ERROR;
  }
  pool.expect(selected.length);

  // The pack starts while the programs run and analyzes the selected stacks' registrations as they come; it is
  // only imported when policies are on.
  const policy = args.policy
    ? (await import("./policyStage")).startPolicyStage(
        project.name,
        path.resolve(callerCwd, args.policyPack ?? DEFAULT_POLICY_PACK),
        args.policyConfig !== undefined ? path.resolve(callerCwd, args.policyConfig) : undefined,
      )
    : undefined;
  const recordSink: RecordSink | undefined = policy
    ? (stack) => (selected.includes(stack) ? (resources) => policy.record(stack, resources) : undefined)
    : undefined;
  const scheduler = new Scheduler({
    project: project.name,
    stacks: project.stacks,
    concurrency: MAX_WORKERS,
    run: workerStackRunner(project, pool, STACK_TIMEOUT_MS, recordSink),
    lookups,
  });
  const repoRoot = findRepoRoot(project.dir, callerCwd);
  let policyError: string | undefined;
  const stacks = await Promise.all(
    selected.map(async (stack) => {
      const result = toStackResult(project, stack, await scheduler.result(stack), repoRoot);
      if (policy && result.error !== undefined) policy.abandon(stack);
      if (policy && result.error === undefined) {
        try {
          await policy.check(result);
        } catch (err) {
          policyError ??= errorLine(err);
        }
      }
      return result;
    }),
  );
  await policy?.close().catch(() => undefined);
  if (args.base !== undefined) {
    const { compareWithBase } = await import("./baseRun");
    const run = { pool, lookups, concurrency: MAX_WORKERS, timeoutMs: STACK_TIMEOUT_MS };
    await compareWithBase(project, path.resolve(callerCwd, args.base), stacks, run);
  }

  const output = await render(args.format, { stacks });
  // Wait until the OS has the output: the caller exits right after, and pipes are written asynchronously when full.
  await new Promise<void>((resolve) => process.stdout.write(output, () => resolve()));
  for (const stack of stacks) if (stack.error !== undefined) process.stderr.write(`error: ${stack.stack}: ${stack.error}\n`);
  if (policyError !== undefined) process.stderr.write(`error: policy check: ${policyError}\n`);
  if (policyError !== undefined || stacks.some((s) => s.error !== undefined)) return EXIT_PROGRAM_ERROR;
  return stacks.some((s) => s.violations.some((v) => v.enforcementLevel === "mandatory")) ? EXIT_MANDATORY_VIOLATION : EXIT_OK;
}
