/**
 * Runs one stack's Pulumi program on the program's own @pulumi/pulumi mock runtime, the way
 * `@pulumi/pulumi/cmd/run/run.js` runs it under the engine, and records what the engine would receive.
 * Meant to run once per process: the runtime's state is global.
 */
import * as path from "path";
import { createRequire } from "module";
import type { WorkerJob, WorkerResult } from "../shared/ipc";
import type { RecordedResource } from "../shared/types";
import { createRecordingMonitor, FakeBackend, PulumiModules, StackRecording } from "./monitor";
import { firstLine } from "../shared/messages";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { register } = require("../boot/register") as { register(projectDir?: string): void };
import { containsSecret, decodeWireProperties, RECORD } from "./wire";

/* eslint-disable @typescript-eslint/no-explicit-any -- modules loaded from the program's dependency tree are untyped here. */

export interface ProgramRun {
  /** Loads the runtime and the program, runs it and waits until every registration has been answered. */
  run(): Promise<void>;
  /** Resolves once registrations in flight have been answered (after a failure, some never are: race it). */
  drain(): Promise<void>;
  /** The recording so far, failed with `error` when given. */
  result(error?: string): Omit<WorkerResult, "diagnostics">;
  /** What the run has to tell the reader (`info:` / `warning:` lines), for the stack's diagnostics. */
  readonly notes: string[];
}

/** The engine's environment for the language host (read by the runtime when its state is first created). */
function setEngineEnvironment(job: WorkerJob): void {
  Object.assign(process.env, job.configEnv, {
    PULUMI_NODEJS_PROJECT: job.project,
    PULUMI_NODEJS_STACK: job.stack,
    PULUMI_NODEJS_ORGANIZATION: job.organization,
    PULUMI_NODEJS_DRY_RUN: "true",
    PULUMI_NODEJS_ROOT_DIRECTORY: job.projectDir,
  });
}

/**
 * The project's own `@pulumi/pulumi`, as the Pulumi CLI would load it; a project without one (e.g. a program outside
 * any npm project) gets the offline check's, and so does every package the program cannot resolve itself: the
 * check's `node_modules` is added to Node's `NODE_PATH` search (re-read the way Node reads it at start-up).
 */
function resolvePulumiSdk(programDir: string, notes: string[]): string {
  try {
    return path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [programDir] }));
  } catch {
    const ownDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    const nodeModules = path.resolve(ownDir, "..", "..");
    process.env.NODE_PATH = [nodeModules, process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
    (createRequire(__filename)("module") as { _initPaths(): void })._initPaths();
    const version = String((createRequire(__filename)(path.join(ownDir, "package.json")) as { version: unknown }).version);
    notes.push(`info: the project has no @pulumi/pulumi; the offline check's own ${version} runs it (${ownDir})`);
    return ownDir;
  }
}

function loadPulumiModules(pulumiDir: string): PulumiModules & { runtime: any; state: any; log: any } {
  const requireFromPulumi = createRequire(path.join(pulumiDir, "index.js"));
  return {
    runtime: requireFromPulumi("./runtime"),
    MockMonitor: requireFromPulumi("./runtime/mocks").MockMonitor,
    resproto: requireFromPulumi("./proto/resource_pb"),
    Struct: requireFromPulumi("google-protobuf/google/protobuf/struct_pb").Struct,
    state: requireFromPulumi("./runtime/state"),
    log: requireFromPulumi("./log"),
    transformModules: () => ({
      resproto: requireFromPulumi("./proto/resource_pb"),
      callbackProto: requireFromPulumi("./proto/callback_pb"),
      CallbacksClient: requireFromPulumi("./proto/callback_grpc_pb").CallbacksClient,
      grpc: requireFromPulumi("@grpc/grpc-js"),
      Struct: requireFromPulumi("google-protobuf/google/protobuf/struct_pb").Struct,
    }),
  };
}

/**
 * Stack traces are the SDK's largest cost here: every debuggable promise captures one and every resource a complete
 * one (`Resource.sourcePosition`, source-mapped by ts-node), several times the cost of the registrations themselves.
 * The engine uses them only for source positions in its diagnostics, and the preview reports errors by message, so
 * capture none and format none (messages are unchanged).
 */
function skipStackTraces(): void {
  Error.stackTraceLimit = 0;
  Error.prepareStackTrace = (error: Error) => `${error.name}: ${error.message}`;
}

/**
 * Aliases only tell the engine which resources in a stack's existing state a registration replaces; an offline
 * preview has no state. The ones azure-native declares itself are costly all the same: one per past API version
 * (about 50 per resource, `{ type: "azure-native:<module>/v<date>:<Type>" }`), each turned by the SDK into an Output
 * chain and a URN, about three quarters of a large stack's run time and memory. Drop those before the SDK sees them
 * (a stack transformation runs first in every resource's constructor); the program's own aliases are kept, and
 * recorded with the other options.
 */
function dropAliases(runtime: any): void {
  runtime.registerStackTransformation((args: { type: string; props: unknown; opts: { aliases?: unknown[] } }) => {
    const aliases = args.opts.aliases;
    if (!aliases?.length) return undefined;
    const typeName = args.type.split(":")[2];
    const kept = aliases.filter((a) => !isApiVersionAlias(a, typeName));
    return kept.length === aliases.length
      ? undefined
      : { props: args.props, opts: { ...args.opts, aliases: kept.length ? kept : undefined } };
  });
}

/** `{ type: "azure-native:<module>/v<date>:<same Type>" }` and nothing else. */
function isApiVersionAlias(alias: unknown, typeName: string | undefined): boolean {
  if (typeof alias !== "object" || alias === null) return false;
  const keys = Object.keys(alias);
  const type = (alias as { type?: unknown }).type;
  return keys.length === 1 && typeof type === "string" && type.startsWith("azure-native:") && type.split(":")[2] === typeName;
}

/**
 * The SDK wraps every internal promise (several per resource) to report, at process exit, promises a program left
 * unresolved: three properties, a captured stack, a set entry and two extra callbacks each, about a quarter of a
 * large stack's run time and memory. The preview reports a program that never finishes by itself (`beforeExit` in
 * the worker) and never prints that exit report, so hand the promises through unchanged. The SDK calls the
 * function through its module's exports at each use, so replacing the export takes effect everywhere.
 */
function skipPromiseLeakTracking(pulumiDir: string): void {
  const debuggable = createRequire(path.join(pulumiDir, "index.js"))("./runtime/debuggable");
  if (typeof debuggable.debuggablePromise === "function") debuggable.debuggablePromise = <T>(promise: Promise<T>) => promise;
}

/** The store flags `runtime.setMocks` sets (mocks support everything but output values). */
function enableMockFeatures(store: any): void {
  Object.assign(store, {
    supportsSecrets: true,
    supportsResourceReferences: true,
    supportsOutputValues: false,
    supportsDeletedWith: true,
    supportsReplaceWith: true,
    supportsAliasSpecs: true,
    supportsTransforms: true,
    supportsInvokeTransforms: true,
    supportsParameterization: true,
    supportsResourceHooks: true,
    supportsErrorHooks: true,
    supportsInvokeDependsOn: false,
  });
}

export interface ProgramRunHooks {
  /** Hears of each registration as it is recorded. */
  onRecord?: (record: RecordedResource) => void;
  /** Called once the runtime is loaded, right before the program's own modules load and its code runs. */
  onStart?: () => void;
}

export function prepareProgramRun(job: WorkerJob, backend: FakeBackend, hooks: ProgramRunHooks = {}): ProgramRun {
  const recording = new StackRecording();
  recording.onRecord = hooks.onRecord;
  const timings = { loadMs: 0, runMs: 0 };
  const notes: string[] = [];
  let firstLoggedError: string | undefined;
  let waitForRPCs: () => Promise<void> = () => Promise.resolve();

  async function run(): Promise<void> {
    setEngineEnvironment(job);
    process.chdir(job.projectDir);
    const started = performance.now();
    const pulumiDir = resolvePulumiSdk(path.dirname(job.programFile), notes);
    // The program's TypeScript compiles with its project's tsconfig (the language host's transpile-only mode).
    if (job.typescript) register(job.projectDir);
    // Source positions (for SARIF) need the SDK's stack traces.
    if (job.sourcePositions) process.setSourceMapsEnabled(true);
    else skipStackTraces();
    const modules = loadPulumiModules(pulumiDir);
    skipPromiseLeakTracking(pulumiDir);
    const { runtime, state, log } = modules;
    waitForRPCs = runtime.waitForRPCs ?? runtime.disconnect;
    // Without an engine the runtime prints `log.error` to stderr; the engine would fail the update, so do we.
    const logError = log.error;
    log.error = (msg: string, ...rest: unknown[]) => {
      firstLoggedError ??= firstLine(String(msg));
      return logError.call(log, msg, ...rest);
    };
    runtime.setMockOptions(createRecordingMonitor(modules, backend, recording), job.project, job.stack, true, job.organization);
    enableMockFeatures(state.getStore());
    let loaded = started;
    const runProgram = async () => {
      dropAliases(runtime);
      hooks.onStart?.();
      // Loaded like run.js loads it: through require, so that ts-node's hook compiles it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const programExport = require(job.programFile);
      loaded = performance.now();
      timings.loadMs = Math.round(loaded - started);
      // As run.js: an exported function is the program; its (awaited) result is the stack's outputs.
      const invokeResult = programExport instanceof Function ? programExport() : programExport;
      return await invokeResult;
    };
    await runtime.runInPulumiStack(runProgram);
    await waitForRPCs();
    timings.runMs = Math.round(performance.now() - loaded);
    if (firstLoggedError !== undefined) throw new Error(firstLoggedError);
  }

  function result(error?: string): Omit<WorkerResult, "diagnostics"> {
    const failed = error !== undefined;
    const outputs = failed ? {} : recording.stackOutputs;
    return {
      // A failed update creates nothing, not even the stack: list only what the program itself registered.
      resources: failed ? recording.resources.filter((r) => r.urn !== recording.stackUrn) : [...recording.resources],
      reads: [...recording.reads],
      outputs: decodeWireProperties(outputs, RECORD),
      rawOutputs: outputs,
      secretOutputNames: Object.keys(outputs).filter((key) => containsSecret(outputs[key])),
      ...(failed ? { error } : {}),
      timings: { ...timings },
    };
  }

  return { run, drain: () => waitForRPCs().catch(() => undefined), result, notes };
}
