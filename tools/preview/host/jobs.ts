/** Turns a project's stack into a worker job: its config file read and translated into the engine's environment. */
import * as fs from "fs";
import { LOCAL_ORGANIZATION, type WorkerJob, type WorkerResult } from "../shared/ipc";
import { errorLine } from "../shared/messages";
import { PulumiProject, stackConfigFile } from "./project";
import type { StackRunner } from "./scheduler";
import type { RecordedResource } from "../shared/types";
import { buildConfigEnv, readStackFile } from "./stackConfig";
import { emptyWorkerResult, runWorker, WorkerPool } from "./workers";

export type PreparedStack = { job: WorkerJob; warnings: string[] } | { error: string };

export function prepareStack(project: PulumiProject, stack: string): PreparedStack {
  const file = stackConfigFile(project, stack);
  try {
    if (!fs.existsSync(file)) throw new Error(`no stack '${stack}' in project '${project.name}' (${file} not found)`);
    const stackFile = readStackFile(file);
    const configEnv = buildConfigEnv(project.name, project.config, stackFile.config, stackFile.secretKeys);
    const warnings = stackFile.usesEnvironment ? ["'environment:' (Pulumi ESC) cannot be opened offline; its values are missing"] : [];
    return {
      job: {
        project: project.name,
        stack,
        organization: LOCAL_ORGANIZATION,
        projectDir: project.dir,
        programFile: project.programFile,
        typescript: project.typescript,
        configEnv: { ...configEnv },
      },
      warnings,
    };
  } catch (err) {
    return { error: errorLine(err) };
  }
}

/** Where a stack's registrations go while its program runs (none: the stack's worker does not send them). */
export type RecordSink = (stack: string) => ((resources: RecordedResource[]) => void) | undefined;

/** Runs each stack in a forked worker; a config problem fails the stack without starting one. */
export function workerStackRunner(
  project: PulumiProject,
  pool: WorkerPool,
  timeoutMs: number,
  recordSink?: RecordSink,
  sourcePositions = false,
): StackRunner {
  return async (stack, hooks): Promise<WorkerResult> => {
    const prepared = prepareStack(project, stack);
    if ("error" in prepared) return emptyWorkerResult(prepared.error);
    const onRecorded = recordSink?.(stack);
    // Always streamed: a program stopped by its time-out still reports what it registered.
    const job = { ...prepared.job, streamRecords: true, sourcePositions };
    const result = await runWorker(pool.take(), job, hooks, timeoutMs, onRecorded);
    return prepared.warnings.length > 0
      ? { ...result, diagnostics: [...prepared.warnings.map((w) => `warning: ${w}`), ...result.diagnostics] }
      : result;
  };
}
