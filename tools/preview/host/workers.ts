/** Stack workers (`worker/main.ts`, each in its own process group): `runWorker` hands one a job and answers its requests. */
import { ChildProcess, fork } from "child_process";
import * as path from "path";
import type { FromWorker, LookupAnswer, StackReferenceOutputs, ToWorker, WorkerJob, WorkerResult } from "../shared/ipc";
import { crashSummary, errorLine, firstLine } from "../shared/messages";
import type { RecordedResource } from "../shared/types";
import { WORKER_START_LIMIT_S } from "./args";
import { killTree, OWN_GROUP, trackGroup } from "./processGroups";

export interface WorkerHooks {
  stackReference(name: string): Promise<StackReferenceOutputs>;
  lookup(id: string, globalName?: string): Promise<LookupAnswer>;
  /** The worker waits on its requests only (see the `idle` message). */
  idle(repliesSeen: number): void;
}

export function emptyWorkerResult(error: string): WorkerResult {
  return {
    resources: [],
    reads: [],
    outputs: {},
    rawOutputs: {},
    secretOutputNames: [],
    diagnostics: [],
    error,
    timings: { loadMs: 0, runMs: 0 },
  };
}

export type SpawnedWorker = { child: ChildProcess; stderr(): string };

/** TypeScript through esbuild and the SDK's unused modules deferred; `PREVIEW_WORKER_NODE_ARGS` adds node flags. */
const EXEC_ARGV = ["-r", path.join(__dirname, "../boot/preload.js"), ...(process.env.PREVIEW_WORKER_NODE_ARGS ?? "").split(/\s+/)];

export function spawnWorker(nodeArgs: string[]): SpawnedWorker {
  const execArgv = [...EXEC_ARGV, ...nodeArgs].filter(Boolean);
  const child = fork(path.join(__dirname, "../worker/main.ts"), [], { execArgv, stdio: ["ignore", "ignore", "pipe", "ipc"], ...OWN_GROUP });
  trackGroup(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += stderr.length < 65536 ? chunk.toString() : ""));
  child.on("error", () => undefined);
  return { child, stderr: () => stderr };
}

/** Milliseconds as the seconds a user gave (`--timeout 0.5` is not "0 s"). */
const seconds = (ms: number): string => String(Math.round(ms) / 1000);

/** Runs `job`, resolving whatever happens; `timeoutMs` counts from `started` (the start-up has a limit of its own). */
export function runWorker(
  { child, stderr }: SpawnedWorker,
  job: WorkerJob,
  hooks: WorkerHooks,
  timeoutMs: number,
  onRecorded?: (resources: RecordedResource[]) => void,
): Promise<WorkerResult> {
  return new Promise((resolve) => {
    const recorded: RecordedResource[] = [];
    let settled = false;
    const settle = (result: WorkerResult) => {
      if (!settled) resolve(result);
      settled = true;
      clearTimeout(timer);
    };
    const stopAfter = (ms: number, result: () => WorkerResult) =>
      setTimeout(() => {
        killTree(child);
        settle(result());
      }, ms);
    const startLimitMs = Math.max(timeoutMs, WORKER_START_LIMIT_S * 1000);
    let timer = stopAfter(startLimitMs, () =>
      emptyWorkerResult(`the stack worker did not start the program within ${seconds(startLimitMs)} s`),
    );
    const reply = (message: ToWorker) => child.connected && child.send(message);
    child.on("message", (message: FromWorker) => {
      if (message.kind === "started") {
        clearTimeout(timer);
        // What the program registered so far is kept (without the stack itself) and reported as partial.
        timer = stopAfter(timeoutMs, () => ({
          ...emptyWorkerResult(`the program did not finish within ${seconds(timeoutMs)} s (--timeout)`),
          resources: recorded.filter((r) => !(r.type === "pulumi:pulumi:Stack" && r.parent === null)),
          partial: true,
        }));
      } else if (message.kind === "recorded" && !settled) {
        recorded.push(...message.resources);
        onRecorded?.(message.resources);
      } else if (message.kind === "done") {
        const { streamed, result } = message;
        const omitted = new Set(streamed.omitted);
        const resources = recorded
          .filter((r) => !omitted.has(r.urn))
          .map((r) => (streamed.ids[r.urn] !== undefined ? { ...r, id: streamed.ids[r.urn] } : r));
        settle({ ...result, resources });
      } else if (message.kind === "idle") hooks.idle(message.repliesSeen);
      else if (message.kind === "stackReference") {
        const { requestId } = message;
        hooks.stackReference(message.name).then(
          (outputs) => reply({ kind: "stackReference", requestId, outputs }),
          (err) => reply({ kind: "stackReference", requestId, error: errorLine(err) }),
        );
      } else if (message.kind === "lookup") {
        const { requestId } = message;
        hooks.lookup(message.id, message.globalName).then(
          (answer) => reply({ kind: "lookup", requestId, answer }),
          (err) => reply({ kind: "lookup", requestId, answer: { kind: "missing", reason: errorLine(err) } }),
        );
      }
    });
    child.on("error", (err) => settle(emptyWorkerResult(`cannot start the stack worker: ${errorLine(err)}`)));
    // 'close' comes after the IPC channel and pipes are drained, so a final `done` message is never lost.
    const onClose = (code: number | null, signal: NodeJS.Signals | null) => {
      const why = crashSummary("the program", stderr(), code, signal);
      settle(emptyWorkerResult(why ? firstLine(why) : `the stack worker exited (${signal ?? `code ${code}`}) before reporting`));
    };
    if (child.exitCode !== null || child.signalCode !== null) onClose(child.exitCode, child.signalCode);
    else child.on("close", onClose);
    reply({ kind: "job", job });
  });
}
