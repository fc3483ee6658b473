/**
 * The host, in one flow: arguments, the project, workers forked and the pack started at once (they boot while the host
 * loads), stacks previewed (scheduler.ts) and checked as they finish, `--base`, the report, the exit code.
 */
import * as path from "path";
import type { PolicyStage } from "../policy/stage";
import { errorLine } from "../shared/messages";
import {
  EXIT_MANDATORY_VIOLATION,
  EXIT_OK,
  EXIT_PROGRAM_ERROR,
  type PreviewResult,
  SCHEMA_VERSION,
  type StackResult,
} from "../shared/types";
import { type CliArgs, HELP, parseCliArgs, USAGE } from "./args";
import { stackQuota } from "../report/quota";
import { LookupIndex, loadLookupsFile } from "./lookups";
import { killTree } from "./processGroups";
import { findRepoRoot, loadProject, type PulumiProject, relativePath, stackJob } from "./project";
import { compareWithBase } from "./replacements";
import { noSuchStack, Scheduler } from "./scheduler";
import { runWorker, spawnWorker, type SpawnedWorker } from "./workers";

const DEFAULT_POLICY_PACK = path.resolve(__dirname, "../../../policies");
/** Two cores: at most two programs run at once, and two workers boot ahead. */
const CONCURRENCY = 2;

/** Fails after `ms` unless `work` settles first. */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s (--policy-timeout)`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Previews the selected stacks and prints the result; returns the exit code. Never throws. */
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
  const spares: SpawnedWorker[] = [];
  let policy: PolicyStage | undefined;
  try {
    const project = loadProject(args.cwd);
    const lookups = new LookupIndex(args.lookups !== undefined ? loadLookupsFile(path.resolve(args.lookups)) : undefined);
    const selected = args.stacks.length > 0 ? args.stacks : project.stacks;
    const unknown = selected.filter((s) => !project.stacks.includes(s));
    unknown.forEach((s) => process.stderr.write(`error: ${s}: ${noSuchStack(s, project.name, project.stacks)}\n`));
    if (selected.length === 0) process.stderr.write(`error: no stacks: no Pulumi.<stack>.yaml in ${project.stackConfigDir}\n`);
    if (unknown.length > 0 || selected.length === 0) return EXIT_PROGRAM_ERROR;

    for (const _ of selected.slice(0, CONCURRENCY)) spares.push(spawnWorker(project.nodeArgs));
    if (args.policy) {
      const { startPolicyStage } = await import("../policy/stage");
      const config = args.policyConfig !== undefined ? path.resolve(args.policyConfig) : undefined;
      policy = startPolicyStage(path.resolve(args.policyPack ?? DEFAULT_POLICY_PACK), config, args.policyTimeoutMs);
    }
    const schedule = (proj: PulumiProject) =>
      new Scheduler({
        project: proj.name,
        stacks: proj.stacks,
        concurrency: CONCURRENCY,
        lookups,
        run: async (stack, hooks) => {
          // A config that fails throws: the scheduler reports its one line as the stack's error.
          const prepared = stackJob(proj, stack);
          // Registrations are streamed: a program stopped by its time-out still reports what it registered, and the
          // pack analyzes those of the previewed stacks as they arrive.
          const head = proj === project && selected.includes(stack);
          const job = { ...prepared.job, sourcePositions: head && args.format === "sarif" };
          const onRecorded = head ? policy?.record.bind(policy, { project: proj.name, stack }) : undefined;
          const result = await runWorker(spares.shift() ?? spawnWorker(proj.nodeArgs), job, hooks, args.timeoutMs, onRecorded);
          return { ...result, diagnostics: [...prepared.warnings, ...result.diagnostics] };
        },
      });
    const scheduler = schedule(project);
    // Outside a repository, paths are relative to the project: never `../`.
    const repoRoot = findRepoRoot(project.dir, project.dir);
    let policyError: string | undefined;
    const stacks = await Promise.all(
      selected.map(async (stack): Promise<StackResult> => {
        const run = await scheduler.result(stack);
        const quota = stackQuota(run.outputs);
        const result: StackResult = {
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
          configFile: relativePath(repoRoot, project.stackFiles.get(stack)!),
          programFile: relativePath(repoRoot, project.programFile),
          timings: { ...run.timings },
          reads: run.reads,
          diagnostics: run.diagnostics,
        };
        if (policy && result.error !== undefined) policy.abandon(stack);
        else if (policy) {
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
    if (args.base !== undefined) await compareWithBase(project, path.resolve(args.base), stacks, schedule);

    const pack = relativePath(repoRoot, policy?.packDir ?? "");
    const result: PreviewResult = {
      schemaVersion: SCHEMA_VERSION,
      stacks,
      ...(policyError !== undefined ? { error: `policy check failed: ${policyError}` } : {}),
      policy: !policy
        ? { status: "off", reason: "--no-policy" }
        : { status: policyError === undefined ? "checked" : "failed", pack, ...(policyError !== undefined ? { reason: policyError } : {}) },
    };
    const output = await (await import("../report/render")).renderReport(args.format, result, repoRoot, args.noColor);
    // Wait until the OS has the output: the caller exits right after, and pipes are written asynchronously when full.
    await new Promise<void>((resolve) => process.stdout.write(output, () => resolve()));
    // The text report shows the errors already; on a terminal they are not repeated. A stack's issues, else its error.
    if (args.format !== "text" || process.stdout.isTTY !== true || process.stderr.isTTY !== true) {
      for (const s of stacks)
        for (const e of s.error === undefined ? [] : (s.issues ?? [s.error])) process.stderr.write(`error: ${s.stack}: ${e}\n`);
      if (result.error !== undefined) process.stderr.write(`error: ${result.error}\n`);
    }
    if (policyError !== undefined || stacks.some((s) => s.error !== undefined)) return EXIT_PROGRAM_ERROR;
    return stacks.some((s) => s.violations.some((v) => v.enforcementLevel === "mandatory")) ? EXIT_MANDATORY_VIOLATION : EXIT_OK;
  } catch (err) {
    process.stderr.write(`error: ${errorLine(err)}\n`);
    return EXIT_PROGRAM_ERROR;
  } finally {
    spares.splice(0).forEach((worker) => killTree(worker.child));
    await policy?.close().catch(() => undefined);
  }
}
