/**
 * The CLI side of stack workers: a pool that forks `worker.ts` processes early (they boot ts-node while the CLI is
 * still loading), and `runWorker`, which hands one a job, answers its requests and resolves with its result.
 */
import { ChildProcess, fork } from "child_process";
import * as path from "path";
import {
  completeStreamedResources,
  type FromWorker,
  type LookupAnswer,
  type StackReferenceOutputs,
  type ToWorker,
  type WorkerJob,
  type WorkerResult,
} from "../shared/ipc";
import { crashSummary, errorLine, firstLine } from "../shared/messages";
import { WORKER_START_LIMIT_S } from "./args";
import { killTree, OWN_GROUP, trackGroup } from "./processGroups";
import type { RecordedResource } from "../shared/types";

const WORKER_FILE = path.join(__dirname, "../worker/main.ts");
/** TypeScript through esbuild and the SDK's unused modules deferred (plain JS: loads first). */
const WORKER_PRELOAD = path.join(__dirname, "../boot/preload.js");
const MAX_STDERR_CHARS = 64 * 1024;

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

export interface SpawnedWorker {
  child: ChildProcess;
  stderr(): string;
}

/** Extra node flags for every worker, for diagnosis (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`). */
const DEBUG_NODE_ARGS = (process.env.PREVIEW_WORKER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);

function spawnWorker(nodeArgs: string[]): SpawnedWorker {
  const child = fork(WORKER_FILE, [], {
    execArgv: ["-r", WORKER_PRELOAD, ...nodeArgs, ...DEBUG_NODE_ARGS],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    ...OWN_GROUP,
  });
  trackGroup(child);
  let stderr = "";
  child.stdout?.resume();
  child.stderr?.on("data", (chunk: Buffer) => {
    if (stderr.length < MAX_STDERR_CHARS) stderr += chunk.toString();
  });
  child.on("error", () => undefined);
  return { child, stderr: () => stderr };
}

/** Keeps workers booting ahead of need: one per expected stack, at most `warm` at a time. */
export class WorkerPool {
  private readonly idle: SpawnedWorker[] = [];
  private expected: number;

  constructor(
    private readonly nodeArgs: string[],
    private readonly warm: number,
  ) {
    this.expected = warm;
    this.refill();
  }

  /** How many more stacks will need a worker (stack references may add more; those fork on demand). */
  expect(count: number): void {
    this.expected = count;
    while (this.idle.length > Math.max(0, count)) {
      const spare = this.idle.pop();
      if (spare) killTree(spare.child);
    }
    this.refill();
  }

  take(): SpawnedWorker {
    this.expected = Math.max(0, this.expected - 1);
    const worker = this.idle.shift() ?? spawnWorker(this.nodeArgs);
    this.refill();
    return worker;
  }

  close(): void {
    for (const worker of this.idle.splice(0)) killTree(worker.child);
  }

  private refill(): void {
    while (this.idle.length < Math.min(this.warm, this.expected)) this.idle.push(spawnWorker(this.nodeArgs));
  }
}

/** Milliseconds as the seconds a user gave (`--timeout 0.5` is not "0 s"). */
const seconds = (ms: number): string => String(Math.round(ms) / 1000);

/** `onRecorded` receives the registrations a job with `streamRecords` sends while it runs. */
export function runWorker(
  worker: SpawnedWorker,
  job: WorkerJob,
  hooks: WorkerHooks,
  timeoutMs: number,
  onRecorded?: (resources: RecordedResource[]) => void,
): Promise<WorkerResult> {
  const { child } = worker;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: WorkerResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // The worker's own start-up (Node, the TypeScript hook, the SDK's runtime) is not the program's time: `timeoutMs`
    // counts from its `started` message. Start-up has a limit of its own.
    const startLimitMs = Math.max(timeoutMs, WORKER_START_LIMIT_S * 1000);
    let timer = setTimeout(() => {
      killTree(child);
      settle(emptyWorkerResult(`the stack worker did not start the program within ${seconds(startLimitMs)} s`));
    }, startLimitMs);
    const programTimer = () =>
      setTimeout(() => {
        killTree(child);
        // What the program registered so far is kept and reported as partial.
        settle({
          ...emptyWorkerResult(`the program did not finish within ${seconds(timeoutMs)} s (--timeout)`),
          resources: recorded.filter((r) => !(r.type === "pulumi:pulumi:Stack" && r.parent === null)),
          partial: true,
        });
      }, timeoutMs);
    const reply = (message: ToWorker) => {
      if (child.connected) child.send(message);
    };

    const recorded: RecordedResource[] = [];
    child.on("message", (message: FromWorker) => {
      switch (message.kind) {
        case "started":
          clearTimeout(timer);
          if (!settled) timer = programTimer();
          return;
        case "done":
          settle(
            message.streamed ? { ...message.result, resources: completeStreamedResources(recorded, message.streamed) } : message.result,
          );
          return;
        case "idle":
          hooks.idle(message.repliesSeen);
          return;
        case "recorded":
          if (settled) return;
          recorded.push(...message.resources);
          onRecorded?.(message.resources);
          return;
        case "stackReference":
          hooks.stackReference(message.name).then(
            (outputs) => reply({ kind: "stackReference", requestId: message.requestId, outputs }),
            (err) => reply({ kind: "stackReference", requestId: message.requestId, error: errorLine(err) }),
          );
          return;
        case "lookup":
          hooks.lookup(message.id, message.globalName).then(
            (answer) => reply({ kind: "lookup", requestId: message.requestId, answer }),
            (err) => reply({ kind: "lookup", requestId: message.requestId, answer: { kind: "missing", reason: errorLine(err) } }),
          );
          return;
      }
    });
    child.on("error", (err) => settle(emptyWorkerResult(`cannot start the stack worker: ${errorLine(err)}`)));
    // 'close' comes after the IPC channel and pipes are drained, so a final `done` message is never lost.
    const onClose = (code: number | null, signal: NodeJS.Signals | null) => {
      const why = crashSummary("the program", worker.stderr(), code, signal);
      settle(emptyWorkerResult(why ? firstLine(why) : `the stack worker exited (${signal ?? `code ${code}`}) before reporting`));
    };
    if (child.exitCode !== null || child.signalCode !== null) onClose(child.exitCode, child.signalCode);
    else child.on("close", onClose);
    reply({ kind: "job", job });
  });
}
