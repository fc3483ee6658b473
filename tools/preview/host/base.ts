/**
 * `--base FILE|DIR`: previews the previous config (a pull request's base branch stack files) the same way, then records
 * on each stack which stateful resources the current config replaces or deletes.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { LookupIndex } from "./lookups";
import { errorLine } from "../shared/messages";
import { listStacks, PulumiProject, PreviewInputError, stackConfigFile } from "./project";
import { findReplacements, WithReplacements } from "./replacements";
import { Scheduler } from "./scheduler";
import { workerStackRunner } from "./jobs";
import type { WorkerPool } from "./workers";

/**
 * A copy of the project's stack files with the base ones laid over them, so the base of a stack that references
 * another (team-a on shared) still finds it. A file named `Pulumi.<stack>.yaml` is that stack's base; another file
 * is the base of the only stack previewed.
 */
function baseConfigDir(project: PulumiProject, base: string, stacks: string[]): string {
  if (!fs.existsSync(base)) throw new PreviewInputError(`--base: ${base} does not exist`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aml-base-"));
  for (const stack of project.stacks) fs.copyFileSync(stackConfigFile(project, stack), path.join(dir, `Pulumi.${stack}.yaml`));
  if (fs.statSync(base).isDirectory()) {
    for (const stack of listStacks(base)) fs.copyFileSync(path.join(base, `Pulumi.${stack}.yaml`), path.join(dir, `Pulumi.${stack}.yaml`));
    return dir;
  }
  const named = /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(base))?.[1];
  const stack = named && project.stacks.includes(named) ? named : stacks.length === 1 ? stacks[0] : undefined;
  if (!stack) throw new PreviewInputError(`--base: ${base} is not named Pulumi.<stack>.yaml and several stacks are previewed`);
  fs.copyFileSync(base, path.join(dir, `Pulumi.${stack}.yaml`));
  return dir;
}

/** Adds `replacements` (or `baseError`) to each previewed stack that did not fail itself. */
export async function compareWithBase(
  project: PulumiProject,
  base: string,
  results: WithReplacements[],
  run: { pool: WorkerPool; lookups: LookupIndex; concurrency: number; timeoutMs: number },
): Promise<void> {
  const dir = baseConfigDir(
    project,
    base,
    results.map((r) => r.stack),
  );
  try {
    const baseProject: PulumiProject = { ...project, stackConfigDir: dir, stacks: listStacks(dir) };
    const scheduler = new Scheduler({
      project: project.name,
      stacks: baseProject.stacks,
      concurrency: run.concurrency,
      run: workerStackRunner(baseProject, run.pool, run.timeoutMs),
      lookups: run.lookups,
    });
    for (const result of results) {
      if (result.error !== undefined) continue;
      const before = await scheduler.result(result.stack);
      if (before.error !== undefined) result.baseError = before.error;
      else result.replacements = findReplacements(before.resources, result.resources);
    }
  } catch (err) {
    for (const result of results) result.baseError ??= errorLine(err);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
