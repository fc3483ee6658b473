/**
 * When `runWorker` stops a stack: `--timeout` counts from the worker's `started` message (its own start-up has a limit
 * of its own). A scripted child process stands in for the worker; jest's fake timers stand in for the clock. The
 * real processes (signals, process groups, a program that never finishes) are in processLifecycle.test.ts.
 */
import { EventEmitter } from "events";
import type { ChildProcess } from "child_process";
import { WORKER_START_LIMIT_S } from "../../../tools/preview/host/args";
import { runWorker, type WorkerHooks } from "../../../tools/preview/host/workers";
import type { FromWorker, WorkerJob, WorkerResult } from "../../../tools/preview/shared/ipc";
import type { RecordedResource } from "../../../tools/preview/shared/types";

/** A connected child that records what it is sent and whether it was killed. */
class FakeChild extends EventEmitter {
  connected = true;
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  pid = undefined;
  sent: unknown[] = [];
  killed: string[] = [];
  send(message: unknown): boolean {
    this.sent.push(message);
    return true;
  }
  kill(signal: string): boolean {
    this.killed.push(signal);
    return true;
  }
  tell(message: FromWorker): void {
    this.emit("message", message);
  }
}

const JOB: WorkerJob = {
  project: "p",
  stack: "dev",
  organization: "o",
  projectDir: "/p",
  programFile: "/p/index.ts",
  typescript: true,
  configEnv: {},
};
const HOOKS: WorkerHooks = {
  stackReference: () => Promise.reject(new Error("none")),
  lookup: () => Promise.resolve({ kind: "none" }),
  idle: () => undefined,
};
const TIMEOUT_MS = 3000;

function record(name: string, type: string, parent: string | null): RecordedResource {
  return {
    urn: `urn:${type}::${name}`,
    type,
    name,
    parent,
    custom: parent !== null,
    protect: false,
    dependencies: [],
    propertyDependencies: {},
    inputs: {},
  };
}

function start(timeoutMs = TIMEOUT_MS) {
  const child = new FakeChild();
  let result: WorkerResult | undefined;
  void runWorker({ child: child as unknown as ChildProcess, stderr: () => "" }, JOB, HOOKS, timeoutMs).then((r) => (result = r));
  /** Advances the fake clock, then lets the promise callbacks run. */
  const after = async (ms: number) => {
    await jest.advanceTimersByTimeAsync(ms);
    return result;
  };
  return { child, after };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe("runWorker's time-out", () => {
  it("does not count the worker's start-up: before `started`, the time-out passing stops nothing", async () => {
    const { child, after } = start();
    expect(child.sent).toEqual([{ kind: "job", job: JOB }]);
    expect(await after(TIMEOUT_MS * 10)).toBeUndefined();
    expect(child.killed).toEqual([]);
  });

  it("stops the program the time-out after `started`, with what it registered (not the stack), as partial", async () => {
    const { child, after } = start();
    await after(TIMEOUT_MS * 10);
    child.tell({ kind: "started" });
    const stackRoot = record("p-dev", "pulumi:pulumi:Stack", null);
    child.tell({ kind: "recorded", resources: [stackRoot, record("rg", "azure-native:resources:ResourceGroup", stackRoot.urn)] });
    expect(await after(TIMEOUT_MS - 1)).toBeUndefined();
    const result = await after(1);
    expect(child.killed).toEqual(["SIGKILL"]);
    expect(result).toMatchObject({ partial: true, error: "the program did not finish within 3 s (--timeout)" });
    expect(result?.resources.map((r) => r.name)).toEqual(["rg"]);
  });

  it("bounds the start-up by the larger of --timeout and its own limit", async () => {
    const short = start();
    expect(await short.after(WORKER_START_LIMIT_S * 1000 - 1)).toBeUndefined();
    expect(await short.after(1)).toMatchObject({ error: `the stack worker did not start the program within ${WORKER_START_LIMIT_S} s` });
    expect(short.child.killed).toEqual(["SIGKILL"]);

    const long = start(WORKER_START_LIMIT_S * 2000);
    expect(await long.after(WORKER_START_LIMIT_S * 2000 - 1)).toBeUndefined();
    const result = await long.after(1);
    expect(result).toMatchObject({ error: `the stack worker did not start the program within ${WORKER_START_LIMIT_S * 2} s` });
    expect(result?.partial).toBeUndefined();
  });

  it("names a fractional time-out as given", async () => {
    const { child, after } = start(500);
    child.tell({ kind: "started" });
    expect(await after(500)).toMatchObject({ partial: true, error: "the program did not finish within 0.5 s (--timeout)" });
  });
});
