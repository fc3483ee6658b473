import type { LookupAnswer, WorkerResult } from "../../../tools/preview/shared/ipc";
import { LookupIndex } from "../../../tools/preview/host/lookups";
import { parseStackReference, Scheduler, StackRunner } from "../../../tools/preview/host/scheduler";
import type { RecordedResource } from "../../../tools/preview/shared/types";
import { emptyWorkerResult, WorkerHooks } from "../../../tools/preview/host/workers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Acts like a worker: requests go to the hooks, and it reports itself idle while it waits on them. */
class StubWorker {
  private replies = 0;
  constructor(
    private readonly hooks: WorkerHooks,
    private readonly onWait: (waiting: boolean) => void,
  ) {}

  private async wait<T>(request: Promise<T>): Promise<T> {
    this.onWait(true);
    setImmediate(() => this.hooks.idle(this.replies));
    try {
      return await request;
    } finally {
      this.replies++;
      this.onWait(false);
    }
  }

  ref(name: string) {
    return this.wait(this.hooks.stackReference(name));
  }

  lookup(id: string): Promise<LookupAnswer> {
    return this.wait(this.hooks.lookup(id));
  }
}

type Script = (worker: StubWorker, stack: string) => Promise<Partial<WorkerResult>>;

function resource(id: string): RecordedResource {
  return {
    urn: `urn:${id}`,
    type: "azure-native:storage:StorageAccount",
    name: id,
    parent: null,
    custom: true,
    protect: false,
    dependencies: [],
    propertyDependencies: {},
    inputs: {},
    id,
  };
}

/** A scheduler over scripted stacks, counting how many run at once and how often each runs. */
function harness(scripts: Record<string, Script>, concurrency = 2) {
  const runs: Record<string, number> = {};
  let active = 0;
  let maxActive = 0;
  const track = (delta: number) => {
    active += delta;
    maxActive = Math.max(maxActive, active);
  };
  const run: StackRunner = async (stack, hooks) => {
    runs[stack] = (runs[stack] ?? 0) + 1;
    track(1);
    try {
      const partial = await scripts[stack](new StubWorker(hooks, (waiting) => track(waiting ? -1 : 1)), stack);
      return { ...emptyWorkerResult(""), error: undefined, ...partial };
    } catch (err) {
      return emptyWorkerResult((err as Error).message);
    } finally {
      track(-1);
    }
  };
  const scheduler = new Scheduler({ project: "p", stacks: Object.keys(scripts), concurrency, run, lookups: new LookupIndex() });
  return { scheduler, runs, maxActive: () => maxActive };
}

describe("parseStackReference", () => {
  it("accepts stack, project/stack and org/project/stack of this project only", () => {
    expect(parseStackReference("dev", "p")).toEqual({ stack: "dev" });
    expect(parseStackReference("p/dev", "p")).toEqual({ stack: "dev" });
    expect(parseStackReference("organization/p/dev", "p")).toEqual({ stack: "dev" });
    expect(parseStackReference("org/other/dev", "p")).toEqual({
      error:
        "stack reference 'org/other/dev': project 'other' is not this project ('p'); offline, only this project's stacks can be referenced",
    });
    expect(parseStackReference("a/b/c/d", "p")).toHaveProperty("error");
  });
});

describe("Scheduler", () => {
  it("runs every stack with at most `concurrency` programs at once", async () => {
    const scripts: Record<string, Script> = {};
    for (const s of ["a", "b", "c", "d", "e"]) scripts[s] = async () => (await sleep(20), { outputs: { s } });
    const { scheduler, maxActive } = harness(scripts, 2);
    const results = await Promise.all(Object.keys(scripts).map((s) => scheduler.result(s)));
    expect(results.map((r) => r.outputs.s)).toEqual(["a", "b", "c", "d", "e"]);
    expect(maxActive()).toBe(2);
  });

  it("previews a referenced stack once and hands over its raw outputs and secret names", async () => {
    const { scheduler, runs } = harness({
      base: async () => (await sleep(10), { rawOutputs: { name: "x", key: { secret: true } }, secretOutputNames: ["key"] }),
      app: async (w) => ({ outputs: { got: await w.ref("organization/p/base") } }),
      web: async (w) => ({ outputs: { got: await w.ref("base") } }),
    });
    const [app, web] = await Promise.all([scheduler.result("app"), scheduler.result("web")]);
    const expected = { outputs: { name: "x", key: { secret: true } }, secretOutputNames: ["key"] };
    expect(app.outputs.got).toEqual(expected);
    expect(web.outputs.got).toEqual(expected);
    expect(runs).toEqual({ app: 1, web: 1, base: 1 });
  });

  it("does not deadlock on a chain of references with a single slot", async () => {
    const { scheduler, maxActive } = harness(
      {
        a: async (w) => ({ outputs: { v: `a>${(await w.ref("b")).outputs.v}` } }),
        b: async (w) => ({ rawOutputs: { v: `b>${(await w.ref("c")).outputs.v}` } }),
        c: async () => ({ rawOutputs: { v: "c" } }),
      },
      1,
    );
    expect((await scheduler.result("a")).outputs.v).toBe("a>b>c");
    expect(maxActive()).toBe(1);
  });

  it("detects reference cycles and fails the stacks on it with one line", async () => {
    const { scheduler } = harness({
      a: async (w) => (await w.ref("b"), {}),
      b: async (w) => (await w.ref("a"), {}),
      self: async (w) => (await w.ref("self"), {}),
    });
    const a = await scheduler.result("a");
    expect(a.error).toBe("stack reference 'b': stack 'b' failed: stack reference cycle: b -> a -> b");
    expect((await scheduler.result("self")).error).toBe("stack reference cycle: self -> self");
  });

  it("fails references to unknown stacks, naming the known ones", async () => {
    const { scheduler } = harness({ a: async (w) => (await w.ref("organization/p/nope"), {}) });
    expect((await scheduler.result("a")).error).toBe("stack reference 'organization/p/nope': no stack 'nope' in project 'p' (stacks: a)");
  });

  it("answers a lookup only once no other stack can finish, so it sees a slower stack's resources", async () => {
    const id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st";
    for (const producerDelay of [0, 40]) {
      const { scheduler } = harness({
        consumer: async (w) => ({ outputs: { answer: (await w.lookup(id)).kind, other: (await w.lookup(`${id}x`)).kind } }),
        producer: async () => (await sleep(producerDelay), { resources: [resource(id)] }),
      });
      const [consumer] = await Promise.all([scheduler.result("consumer"), scheduler.result("producer")]);
      expect(consumer.outputs).toEqual({ answer: "recorded", other: "none" });
    }
  });

  it("does not let a worker that died with a lookup pending keep a slot", async () => {
    const { scheduler } = harness(
      {
        crash: async (w) => {
          // Dies busy, before it could report itself idle.
          void w.lookup("/subscriptions/s/resourceGroups/rg");
          throw new Error("worker exited");
        },
        next: async () => ({ outputs: { ok: true } }),
      },
      1,
    );
    expect((await scheduler.result("crash")).error).toBe("worker exited");
    expect((await scheduler.result("next")).outputs).toEqual({ ok: true });
  });

  it("turns a runner that throws into a failed stack", async () => {
    const scheduler = new Scheduler({
      project: "p",
      stacks: ["a"],
      concurrency: 2,
      run: async () => {
        throw new Error("cannot fork");
      },
      lookups: new LookupIndex(),
    });
    expect((await scheduler.result("a")).error).toBe("cannot fork");
  });
});
