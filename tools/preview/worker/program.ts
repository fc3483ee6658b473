/** Runs one stack's program on its own @pulumi/pulumi mock runtime as `cmd/run/run.js` would; once per process (global state). */
import * as path from "path";
import { createRequire } from "module";
import type { WorkerJob } from "../shared/ipc";
import { firstLine } from "../shared/messages";
import { installLazyOutputs } from "./lazyOutputs";
import { type FakeBackend, installRecordingMonitor, type Recording } from "./monitor";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { register } = require("../boot/register") as { register(projectDir?: string): void };

/* eslint-disable @typescript-eslint/no-explicit-any -- modules loaded from the program's dependency tree are untyped here. */

/** `done`: the program ran and every registration is answered; `drain`: those in flight are (after a failure, race it). */
export interface ProgramRun {
  done: Promise<void>;
  drain(): Promise<void>;
  notes: string[];
  timings: { loadMs: number; runMs: number };
}

/** The project's own `@pulumi/pulumi`, else the check's, whose `node_modules` then resolves what the program cannot (`NODE_PATH`). */
function resolvePulumiSdk(programDir: string, notes: string[]): string {
  try {
    return path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [programDir] }));
  } catch {
    const ownDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    process.env.NODE_PATH = [path.resolve(ownDir, "..", ".."), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
    (createRequire(__filename)("module") as { _initPaths(): void })._initPaths();
    const { version } = createRequire(__filename)(path.join(ownDir, "package.json")) as { version: string };
    notes.push(`info: the project has no @pulumi/pulumi; the offline check's own ${version} runs it (${ownDir})`);
    return ownDir;
  }
}

/**
 * Skips what the SDK spends about three quarters of a large stack's time and memory on, unused by a preview: stack
 * traces (only for source positions: kept for `--format sarif`), promise-leak bookkeeping (the preview reports a
 * program that never finishes itself) and azure-native's ~50 API-version aliases per resource (each an Output chain
 * and a URN, for state a preview lacks; the program's own aliases stay), and Outputs for properties never read
 * (`lazyOutputs.ts`). Returns the alias filter, to install in the stack.
 */
function skipWhatPreviewDoesNotUse(sdk: NodeRequire, job: WorkerJob): () => void {
  if (job.sourcePositions) process.setSourceMapsEnabled(true);
  else {
    Error.stackTraceLimit = 0;
    Error.prepareStackTrace = (error: Error) => `${error.name}: ${error.message}`;
    // It lifts the limit for the complete stack it takes per resource.
    sdk("./resource").Resource.callsites = () => [];
  }
  installLazyOutputs(sdk("./runtime/rpc"));
  const debuggable = sdk("./runtime/debuggable");
  if (typeof debuggable.debuggablePromise === "function") debuggable.debuggablePromise = <T>(promise: Promise<T>) => promise;
  return () =>
    sdk("./runtime").registerStackTransformation((args: { type: string; props: unknown; opts: { aliases?: unknown[] } }) => {
      if (!args.opts.aliases?.length || !args.type.startsWith("azure-native:")) return undefined;
      const sameType = args.type.slice(args.type.lastIndexOf(":"));
      const own = (a: any) =>
        typeof a?.type !== "string" || !a.type.startsWith("azure-native:") || !a.type.endsWith(sameType) || Object.keys(a).length > 1;
      const kept = args.opts.aliases.filter(own);
      if (kept.length === args.opts.aliases.length) return undefined;
      return { props: args.props, opts: { ...args.opts, aliases: kept.length > 0 ? kept : undefined } };
    });
}

export function startProgram(job: WorkerJob, backend: FakeBackend, recording: Recording, onStart: () => void): ProgramRun {
  const notes: string[] = [];
  const timings = { loadMs: 0, runMs: 0 };
  let waitForRPCs: () => Promise<void> = () => Promise.resolve();

  async function run(): Promise<void> {
    // The engine's environment for the language host (read when the runtime's state is first created).
    Object.assign(process.env, job.configEnv, {
      PULUMI_NODEJS_PROJECT: job.project,
      PULUMI_NODEJS_STACK: job.stack,
      PULUMI_NODEJS_ORGANIZATION: job.organization,
      PULUMI_NODEJS_DRY_RUN: "true",
      PULUMI_NODEJS_ROOT_DIRECTORY: job.projectDir,
    });
    process.chdir(job.projectDir);
    const started = performance.now();
    const sdk = createRequire(path.join(resolvePulumiSdk(path.dirname(job.programFile), notes), "index.js"));
    // The program's TypeScript compiles with its project's tsconfig (the language host's transpile-only mode).
    if (job.typescript) register(job.projectDir);
    const dropApiVersionAliases = skipWhatPreviewDoesNotUse(sdk, job);
    const runtime = sdk("./runtime");
    waitForRPCs = runtime.waitForRPCs ?? runtime.disconnect;
    // Without an engine the runtime prints `log.error` to stderr; the engine would fail the update, so do we.
    let loggedError: string | undefined;
    const log = sdk("./log");
    const logError = log.error;
    log.error = (msg: string, ...rest: unknown[]) => {
      loggedError ??= firstLine(String(msg));
      return logError.call(log, msg, ...rest);
    };
    installRecordingMonitor(sdk, backend, recording);
    const mocks = { newResource: backend.newResource, call: (a: any) => backend.call(a.token, a.inputs) };
    await runtime.setMocks(mocks, job.project, job.stack, true, job.organization);
    let loaded = started;
    await runtime.runInPulumiStack(async () => {
      dropApiVersionAliases();
      onStart();
      // Loaded like run.js loads it: through require, so that the TypeScript hook compiles it.
      const programExport = createRequire(__filename)(job.programFile);
      loaded = performance.now();
      timings.loadMs = Math.round(loaded - started);
      // As run.js: an exported function is the program; its (awaited) result is the stack's outputs.
      return await (programExport instanceof Function ? programExport() : programExport);
    });
    await waitForRPCs();
    timings.runMs = Math.round(performance.now() - loaded);
    if (loggedError !== undefined) throw new Error(loggedError);
  }

  return { done: run(), drain: () => waitForRPCs().catch(() => undefined), notes, timings };
}
