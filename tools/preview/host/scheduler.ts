/**
 * Previews stacks, at most `concurrency` programs at once, resolving stack references between them and answering
 * lookups deterministically:
 * - A stack whose worker reports itself idle (it only waits on answers) gives up its slot, so references never
 *   deadlock; it takes a slot again before it sees an answer.
 * - A lookup of a resource a finished stack recorded is answered at once; any other only once no stack can make
 *   progress (each started stack is done or idle): which stacks it sees then depends on the programs, not on timing.
 */
import type { LookupAnswer, StackReferenceOutputs, WorkerResult } from "../shared/ipc";
import { errorLine } from "../shared/messages";
import type { LookupIndex } from "./lookups";
import { emptyWorkerResult, type WorkerHooks } from "./workers";

export type StackRunner = (stack: string, hooks: WorkerHooks) => Promise<WorkerResult>;

interface Stack {
  result?: WorkerResult;
  /** Told synchronously when the result is known: no moment counts a waiting stack as neither busy nor idle. */
  waiters: ((result: WorkerResult) => void)[];
  /** Holds or waits for a slot. */
  busy: boolean;
  outstanding: number;
  /** Answers given; an idle report counts only once the worker has seen them all. */
  replies: number;
  /** The stacks it waits on through references. */
  waitsOn: Set<string>;
}

export const noSuchStack = (stack: string, project: string, stacks: string[]) =>
  `no stack '${stack}' in project '${project}' (stacks: ${stacks.join(", ") || "none"})`;

/** `org/project/stack`, `project/stack` or `stack` → the stack name, when it names this project. */
export function parseStackReference(name: string, project: string): { stack: string } | { error: string } {
  const parts = name.split("/");
  if (parts.length > 3 || parts.includes("")) return { error: `stack reference '${name}' is not of the form [org/][project/]stack` };
  const referenced = parts.length >= 2 ? parts[parts.length - 2] : project;
  if (referenced === project) return { stack: parts[parts.length - 1] };
  return {
    error: `stack reference '${name}': project '${referenced}' is not this project ('${project}'); offline, only this project's stacks can be referenced`,
  };
}

export class Scheduler {
  private readonly stacks = new Map<string, Stack>();
  private free: number;
  private readonly queue: (() => void)[] = [];
  private readonly pendingLookups: (() => void)[] = [];

  /** `stacks`: every stack of the project (references may name any of them). */
  constructor(
    private readonly options: { project: string; stacks: string[]; concurrency: number; run: StackRunner; lookups: LookupIndex },
  ) {
    this.free = Math.max(1, options.concurrency);
  }

  /** The stack's result, previewing it once. */
  result(name: string): Promise<WorkerResult> {
    return new Promise((resolve) => this.whenDone(this.start(name), resolve));
  }

  private start(name: string): Stack {
    let stack = this.stacks.get(name);
    if (!stack) {
      stack = { waiters: [], busy: false, outstanding: 0, replies: 0, waitsOn: new Set() };
      this.stacks.set(name, stack);
      void this.execute(name, stack);
    }
    return stack;
  }

  private whenDone(stack: Stack, notify: (result: WorkerResult) => void): void {
    if (stack.result) notify(stack.result);
    else stack.waiters.push(notify);
  }

  private async execute(name: string, stack: Stack): Promise<void> {
    await this.takeSlot(stack);
    let result: WorkerResult;
    try {
      result = await this.options.run(name, this.hooks(name, stack));
    } catch (err) {
      result = emptyWorkerResult(errorLine(err));
    }
    if (!result.error) this.options.lookups.addStack(result.resources);
    // Done first: answers still pending for this stack (a crashed worker) must not take a slot again.
    stack.result = result;
    stack.waiters.splice(0).forEach((notify) => notify(result));
    this.releaseSlot(stack);
  }

  private async takeSlot(stack: Stack): Promise<void> {
    if (stack.busy || stack.result) return;
    stack.busy = true;
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  private releaseSlot(stack: Stack): void {
    if (!stack.busy) return;
    stack.busy = false;
    const next = this.queue.shift();
    if (next) next();
    else this.free++;
    this.answerLookupsIfSettled();
  }

  private answerLookupsIfSettled(): void {
    if (![...this.stacks.values()].some((s) => s.busy)) this.pendingLookups.splice(0).forEach((answer) => answer());
  }

  private hooks(name: string, stack: Stack): WorkerHooks {
    /** One request: accounted synchronously when its answer is known; the stack takes a slot before it sees it. */
    const ask = <T>(subscribe: (answer: (value: T) => void) => void): Promise<T> =>
      new Promise((resolve) => {
        stack.outstanding++;
        subscribe((value) => {
          stack.outstanding--;
          stack.replies++;
          void this.takeSlot(stack).then(() => resolve(value));
        });
      });
    return {
      stackReference: async (ref): Promise<StackReferenceOutputs> => {
        const target = this.referenced(name, ref);
        if ("error" in target) {
          stack.replies++;
          throw new Error(target.error);
        }
        stack.waitsOn.add(target.stack);
        const result = await ask<WorkerResult>((answer) => this.whenDone(this.start(target.stack), answer));
        stack.waitsOn.delete(target.stack);
        if (result.error) throw new Error(`stack reference '${ref}': stack '${target.stack}' failed: ${result.error}`);
        return { outputs: result.rawOutputs, secretOutputNames: result.secretOutputNames };
      },
      lookup: (id, globalName) =>
        ask<LookupAnswer>((answer) => {
          // ARM ids are unique: a resource a finished stack recorded is the answer whenever it is given. Anything else
          // may still be overtaken by a running stack, so it waits until none can finish.
          const now = this.options.lookups.answer(id, globalName);
          if (now.kind === "recorded") return answer(now);
          this.pendingLookups.push(() => answer(this.options.lookups.answer(id, globalName)));
          this.answerLookupsIfSettled();
        }),
      idle: (repliesSeen) => {
        if (repliesSeen === stack.replies && stack.outstanding > 0) this.releaseSlot(stack);
      },
    };
  }

  /** The stack a reference names, or why it cannot be previewed: another project, an unknown stack, a cycle. */
  private referenced(from: string, ref: string): { stack: string } | { error: string } {
    const { project, stacks } = this.options;
    const parsed = parseStackReference(ref, project);
    if ("error" in parsed) return parsed;
    if (!stacks.includes(parsed.stack)) return { error: `stack reference '${ref}': ${noSuchStack(parsed.stack, project, stacks)}` };
    const cycle = this.path(parsed.stack, from, new Set());
    return cycle ? { error: `stack reference cycle: ${[from, ...cycle].join(" -> ")}` } : parsed;
  }

  /** A path of reference waits from `start` to `goal`, if any. */
  private path(start: string, goal: string, seen: Set<string>): string[] | undefined {
    if (start === goal) return [start];
    if (seen.has(start)) return undefined;
    seen.add(start);
    for (const next of this.stacks.get(start)?.waitsOn ?? []) {
      const rest = this.path(next, goal, seen);
      if (rest) return [start, ...rest];
    }
    return undefined;
  }
}
