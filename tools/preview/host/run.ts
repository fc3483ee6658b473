/** The preview itself: project and stacks, workers, policy check, output and exit code. */
import * as path from "path";
import type { CliArgs } from "./args";
import type { WorkerResult } from "../shared/ipc";
import { LookupIndex, loadLookupsFile } from "./lookups";
import { errorLine } from "../shared/messages";
import { findRepoRoot, loadProject, PulumiProject, relativePath, stackConfigFile } from "./project";
import { Scheduler } from "./scheduler";
import { RecordSink, workerStackRunner } from "./jobs";
import { renderReport } from "../report/render";
import { stackQuota } from "../report/quota";
import {
  EXIT_MANDATORY_VIOLATION,
  EXIT_OK,
  EXIT_PROGRAM_ERROR,
  PolicyStatus,
  PreviewResult,
  SCHEMA_VERSION,
  StackResult,
} from "../shared/types";
import type { WorkerPool } from "./workers";
import type { PolicyStage } from "../policy/stage";

/** Two cores: at most two programs run at once. */
const MAX_WORKERS = 2;

function toStackResult(project: PulumiProject, stack: string, run: WorkerResult, repoRoot: string): StackResult {
  const quota = stackQuota(run.outputs);
  return {
    project: project.name,
    stack,
    resources: run.resources,
    outputs: run.outputs,
    violations: [],
    ...(run.error !== undefined ? { error: run.error } : {}),
    ...(run.issues?.length ? { issues: run.issues } : {}),
    ...(run.partial ? { partial: true } : {}),
    ...(quota ? { quota } : {}),
    policyChecked: false,
    configFile: relativePath(repoRoot, stackConfigFile(project, stack)),
    programFile: relativePath(repoRoot, project.programFile),
    timings: { ...run.timings },
    reads: run.reads,
    diagnostics: run.diagnostics,
  };
}

/** Fails after `ms` unless `work` settles first. */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s (--policy-timeout)`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Error lines for stderr: a stack's listed issues each once, else its one-line error. */
function errorLines(result: PreviewResult): string[] {
  const lines = result.stacks.flatMap((s) =>
    s.error === undefined ? [] : (s.issues?.length ? s.issues : [s.error]).map((e) => `error: ${s.stack}: ${e}`),
  );
  if (result.error !== undefined) lines.push(`error: ${result.error}`);
  return lines;
}

/** Previews the selected stacks and prints the result; returns the exit code. */
/** `policy`: the pack, already started (absent with --no-policy). */
export async function runPreview(args: CliArgs, callerCwd: string, pool: WorkerPool, policy?: PolicyStage): Promise<number> {
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
  const recordSink: RecordSink | undefined = policy
    ? (stack) => (selected.includes(stack) ? (resources) => policy.record({ project: project.name, stack }, resources) : undefined)
    : undefined;
  const scheduler = new Scheduler({
    project: project.name,
    stacks: project.stacks,
    concurrency: MAX_WORKERS,
    run: workerStackRunner(project, pool, args.timeoutMs, recordSink, args.format === "sarif"),
    lookups,
  });
  // Outside a repository, paths are relative to the project: never `../`.
  const repoRoot = findRepoRoot(project.dir, project.dir);
  let policyError: string | undefined;
  const stacks = await Promise.all(
    selected.map(async (stack) => {
      const result = toStackResult(project, stack, await scheduler.result(stack), repoRoot);
      if (policy && result.error !== undefined) policy.abandon(stack);
      if (policy && result.error === undefined) {
        try {
          await within(policy.check(result), args.policyTimeoutMs, `the policy check of stack ${stack}`);
          result.policyChecked = true;
        } catch (err) {
          policyError ??= errorLine(err);
        }
      }
      return result;
    }),
  );
  await policy?.close().catch(() => undefined);
  if (args.base !== undefined) {
    const { compareWithBase } = await import("./base");
    const run = { pool, lookups, concurrency: MAX_WORKERS, timeoutMs: args.timeoutMs };
    await compareWithBase(project, path.resolve(callerCwd, args.base), stacks, run);
  }

  const policyStatus: PolicyStatus = !args.policy
    ? { status: "off", reason: "--no-policy" }
    : policyError !== undefined
      ? { status: "failed", pack: relativePath(repoRoot, policy?.packDir ?? ""), reason: policyError }
      : { status: "checked", pack: relativePath(repoRoot, policy?.packDir ?? "") };
  const result: PreviewResult = {
    schemaVersion: SCHEMA_VERSION,
    stacks,
    ...(policyError !== undefined ? { error: `policy check failed: ${policyError}` } : {}),
    policy: policyStatus,
  };
  const output = await renderReport(args.format, result, repoRoot, args.noColor);
  // Wait until the OS has the output: the caller exits right after, and pipes are written asynchronously when full.
  await new Promise<void>((resolve) => process.stdout.write(output, () => resolve()));
  // The text report already shows the errors; on a terminal they are not repeated.
  const shownAlready = args.format === "text" && process.stdout.isTTY === true && process.stderr.isTTY === true;
  if (!shownAlready) for (const line of errorLines(result)) process.stderr.write(`${line}\n`);
  if (policyError !== undefined || stacks.some((s) => s.error !== undefined)) return EXIT_PROGRAM_ERROR;
  return stacks.some((s) => s.violations.some((v) => v.enforcementLevel === "mandatory")) ? EXIT_MANDATORY_VIOLATION : EXIT_OK;
}
