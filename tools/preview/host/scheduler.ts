/**
 * Previews stacks with at most `concurrency` programs running, resolving stack references between them and answering
 * lookups deterministically.
 *
 * - A stack whose worker reports itself idle (every request it sent is unanswered and nothing else runs) gives its slot
 *   up, so stack references never deadlock; it takes a slot again before it gets an answer.
 * - Lookups of a resource a finished stack recorded are answered at once; any other lookup only when no stack can make
 *   progress (each started stack is done or idle): which previewed stacks a lookup sees then depends on the programs,
 *   not on timing, so two previews agree.
 */
import type { LookupAnswer, StackReferenceOutputs, WorkerResult } from "../shared/ipc";
import type { LookupIndex } from "./lookups";
import { errorLine } from "../shared/messages";
import { emptyWorkerResult, WorkerHooks } from "./workers";

/** Runs one stack's program (a worker process in the CLI, a stub in tests). */
export type StackRunner = (stack: string, hooks: WorkerHooks) => Promise<WorkerResult>;

export interface SchedulerOptions {
  project: string;
  /** Every stack of the project (references may name any of them). */
  stacks: string[];
  concurrency: number;
  run: StackRunner;
  lookups: LookupIndex;
}

/** A counting semaphore. */
class Slots {
  private free: number;
  private readonly queue: Array<() => void> = [];
  constructor(count: number) {
    this.free = Math.max(1, count);
  }
  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }
  release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.free++;
  }
}

interface StackState {
  /** Counts toward `busy` and holds (or waits for) a slot. */
  busy: boolean;
  done: boolean;
  /** Requests not answered yet. */
  outstanding: number;
  /** Answers (and errors) given; an idle report counts only once the worker has seen them all. */
  repliesSent: number;
}

interface PendingLookup {
  stack: string;
  id: string;
  globalName?: string;
  resolve(answer: LookupAnswer): void;
}

/** `org/project/stack`, `project/stack` or `stack` → the stack name, when it names this project. */
export function parseStackReference(name: string, project: string): { stack: string } | { error: string } {
  const parts = name.split("/");
  if (parts.length > 3 || parts.some((p) => p === ""))
    return { error: `stack reference '${name}' is not of the form [org/][project/]stack` };
  const stack = parts[parts.length - 1];
  const referencedProject = parts.length >= 2 ? parts[parts.length - 2] : project;
  if (referencedProject !== project) {
    return {
      error: `stack reference '${name}': project '${referencedProject}' is not this project ('${project}'); offline, only this project's stacks can be referenced`,
    };
  }
  return { stack };
}

export class Scheduler {
  private readonly slots: Slots;
  private readonly results = new Map<string, WorkerResult>();
  private readonly waiters = new Map<string, Array<(result: WorkerResult) => void>>();
  private readonly states = new Map<string, StackState>();
  private readonly waitsOn = new Map<string, Set<string>>();
  private readonly pendingLookups: PendingLookup[] = [];
  /** Started stacks that may still make progress (running, or queued for a slot). */
  private busy = 0;

  constructor(private readonly options: SchedulerOptions) {
    this.slots = new Slots(options.concurrency);
  }

  /** The stack's result, previewing it once. */
  result(stack: string): Promise<WorkerResult> {
    this.start(stack);
    return new Promise((resolve) => this.whenDone(stack, resolve));
  }

  private start(stack: string): void {
    if (this.states.has(stack)) return;
    this.states.set(stack, { busy: false, done: false, outstanding: 0, repliesSent: 0 });
    this.waiters.set(stack, []);
    void this.execute(stack);
  }

  private async execute(stack: string): Promise<void> {
    const state = this.states.get(stack)!;
    await this.becomeBusy(state);
    let result: WorkerResult;
    try {
      result = await this.options.run(stack, this.hooksFor(stack, state));
    } catch (err) {
      result = emptyWorkerResult(errorLine(err));
    }
    this.results.set(stack, result);
    if (!result.error) this.options.lookups.addStack(result.resources);
    for (const notify of this.waiters.get(stack) ?? []) notify(result);
    this.waiters.delete(stack);
    // Done first: answers still pending for this stack (a crashed worker) must not take a slot again.
    state.done = true;
    this.becomeIdle(state);
  }

  private becomeBusy(state: StackState): Promise<void> {
    if (state.busy || state.done) return Promise.resolve();
    state.busy = true;
    this.busy++;
    return this.slots.acquire();
  }

  private becomeIdle(state: StackState): void {
    if (!state.busy) return;
    state.busy = false;
    this.busy--;
    this.slots.release();
    this.resolveLookupsIfSettled();
  }

  /** Calls `notify` synchronously when the stack completes (or now). */
  private whenDone(stack: string, notify: (result: WorkerResult) => void): void {
    const done = this.results.get(stack);
    if (done) notify(done);
    else this.waiters.get(stack)?.push(notify);
  }

  private hooksFor(stack: string, state: StackState): WorkerHooks {
    /**
     * One request's answer. Accounting happens synchronously when the answer is known, so there is no moment where the
     * stack counts as neither busy nor waiting; it takes a slot before the worker sees the answer.
     */
    const ask = <T>(subscribe: (answer: (value: T) => void) => void): Promise<T> =>
      new Promise<T>((resolve) => {
        state.outstanding++;
        subscribe((value) => {
          state.outstanding--;
          state.repliesSent++;
          void this.becomeBusy(state).then(() => resolve(value));
        });
      });
    return {
      stackReference: async (name) => {
        let asked = false;
        try {
          return await this.stackReference(stack, name, (subscribe) => {
            asked = true;
            return ask(subscribe);
          });
        } catch (err) {
          if (!asked) state.repliesSent++;
          throw err;
        }
      },
      lookup: (id, globalName) => ask<LookupAnswer>((resolve) => this.queueLookup({ stack, id, globalName, resolve })),
      idle: (repliesSeen) => {
        if (repliesSeen === state.repliesSent && state.outstanding > 0) this.becomeIdle(state);
      },
    };
  }

  private async stackReference(
    from: string,
    name: string,
    ask: (subscribe: (answer: (r: WorkerResult) => void) => void) => Promise<WorkerResult>,
  ): Promise<StackReferenceOutputs> {
    const parsed = parseStackReference(name, this.options.project);
    if ("error" in parsed) throw new Error(parsed.error);
    const target = parsed.stack;
    if (!this.options.stacks.includes(target)) {
      throw new Error(
        `stack reference '${name}': no stack '${target}' in project '${this.options.project}' (stacks: ${this.options.stacks.join(", ") || "none"})`,
      );
    }
    const cycle = this.pathBetween(target, from);
    if (cycle) throw new Error(`stack reference cycle: ${[from, ...cycle].join(" -> ")}`);
    const edges = this.waitsOn.get(from) ?? new Set<string>();
    this.waitsOn.set(from, edges.add(target));
    this.start(target);
    const result = await ask((answer) => this.whenDone(target, answer));
    edges.delete(target);
    if (result.error) throw new Error(`stack reference '${name}': stack '${target}' failed: ${result.error}`);
    return { outputs: result.rawOutputs, secretOutputNames: result.secretOutputNames };
  }

  private queueLookup(lookup: PendingLookup): void {
    // ARM ids are unique: a resource a finished stack recorded is the answer whenever it is given. Anything else (the
    // lookups file, nothing) may still be overtaken by a running stack, so it waits until none can finish.
    const recorded = this.options.lookups.recorded(lookup.id, lookup.globalName);
    if (recorded) return lookup.resolve(recorded);
    this.pendingLookups.push(lookup);
    this.resolveLookupsIfSettled();
  }

  private resolveLookupsIfSettled(): void {
    if (this.busy > 0 || this.pendingLookups.length === 0) return;
    for (const pending of this.pendingLookups.splice(0)) pending.resolve(this.options.lookups.answer(pending.id, pending.globalName));
  }

  /** A path of stack-reference waits from `start` to `goal`, if any. */
  private pathBetween(start: string, goal: string, seen = new Set<string>()): string[] | undefined {
    if (start === goal) return [start];
    if (seen.has(start)) return undefined;
    seen.add(start);
    for (const next of this.waitsOn.get(start) ?? []) {
      const rest = this.pathBetween(next, goal, seen);
      if (rest) return [start, ...rest];
    }
    return undefined;
  }
}
