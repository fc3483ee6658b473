/**
 * One stack's preview in its own process (the runtime's state is global), forked by the host: gets a `job`, asks for
 * stack references and lookups, streams what the program registers, ends with `done`.
 */
import type { FromWorker, ToWorker, WorkerJob, WorkerResult } from "../shared/ipc";
import { errorLine, issueLines } from "../shared/messages";
import { fakeInvoke, fakeResource, lookupResult, lookupTarget } from "./fakes";
import type { FakeBackend, Recording } from "./monitor";
import { type ProgramRun, startProgram } from "./program";
import { decodeRecorded } from "./wire";

const MAX_DIAGNOSTIC_LINES = 1000;
const RECORD_BATCH = 32;
/** How long a failed program may still deliver registrations it started before the failure. */
const DRAIN_MS = 1000;

let job: WorkerJob;
let program: ProgramRun | undefined;
const diagnostics: string[] = [];

function send(message: FromWorker, then?: () => void): void {
  process.send?.(message, undefined, {}, () => then?.());
}

/** Program output becomes diagnostics of the stack; what Node prints on a crash (to fd 2, not through here) reaches the host. */
for (const stream of [process.stdout, process.stderr]) {
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const lines = String(chunk).replace(/\n$/, "").split("\n");
    diagnostics.push(...lines.slice(0, Math.max(0, MAX_DIAGNOSTIC_LINES - diagnostics.length)));
    (rest.find((r) => typeof r === "function") as (() => void) | undefined)?.();
    return true;
  }) as typeof stream.write;
}

// Requests to the host. The IPC channel keeps the process alive only while one is pending, so a program stuck on a
// value that never resolves empties the event loop and is reported (beforeExit) instead of hanging.
const pending = new Map<number, (reply: ToWorker) => void>();
/**
 * Replies that arrived, handed to the program one at a time, in request order, once it is quiet: what the program does
 * next then never depends on when the host answered, so two previews record the same order.
 */
const arrived = new Map<number, ToWorker>();
let requestsSent = 0;
/** Bumped by every monitor call and reply: the idle check waits until it stops moving. */
let activity = 0;
let idleCheckRunning = false;

function request(message: (requestId: number) => FromWorker): Promise<ToWorker> {
  const requestId = ++requestsSent;
  process.channel?.ref();
  send(message(requestId));
  watchForIdle();
  return new Promise((resolve) => pending.set(requestId, resolve));
}

function answer(reply: ToWorker & { requestId: number }): void {
  if (!pending.has(reply.requestId)) return;
  arrived.set(reply.requestId, reply);
  watchForIdle();
}

/** Hands the program the reply to its oldest open request, if that one arrived. */
function deliverNext(): boolean {
  const oldest = Math.min(...pending.keys());
  const reply = arrived.get(oldest);
  if (reply === undefined) return false;
  const resolve = pending.get(oldest)!;
  pending.delete(oldest);
  arrived.delete(oldest);
  activity++;
  if (pending.size === 0) process.channel?.unref();
  resolve(reply);
  return true;
}

/**
 * Once the program only waits on its requests (two quiet turns): hands it the next reply in order, else tells the host
 * it is idle (it can give the slot away, answer lookups); replies held back count as seen.
 */
function watchForIdle(): void {
  if (idleCheckRunning) return;
  idleCheckRunning = true;
  let seen = activity;
  let quietTurns = 0;
  const tick = (): void => {
    if (activity !== seen) [seen, quietTurns] = [activity, 0];
    else quietTurns++;
    if (pending.size > 0 && (quietTurns < 2 || deliverNext())) return void setImmediate(tick);
    idleCheckRunning = false;
    if (pending.size > 0 && !finished) send({ kind: "idle", repliesSeen: requestsSent - pending.size + arrived.size });
  };
  setImmediate(tick);
}

/** Registrations stream to the host in batches; a full one goes at once (programs register in long promise chains, no turns). */
let sentRecords = 0;
let flushQueued = false;
const recording: Recording = { resources: [], reads: [], stackOutputs: {}, onRecord: queueRecords };

function flushRecords(): void {
  flushQueued = false;
  if (sentRecords === recording.resources.length) return;
  send({ kind: "recorded", resources: recording.resources.slice(sentRecords) });
  sentRecords = recording.resources.length;
}

function queueRecords(): void {
  if (recording.resources.length - sentRecords >= RECORD_BATCH) flushRecords();
  else if (!flushQueued) {
    flushQueued = true;
    setImmediate(flushRecords);
  }
}

let finished = false;
let firstError: string | undefined;
/** The failure's own list of problems (one line each), when its message has one. */
let issues: string[] = [];

/** Two event-loop turns: rejections nobody handled (a failed registration) surface before success is reported. */
const twoTurns = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

function finish(error?: string): void {
  firstError ??= error;
  if (finished || !program) return;
  finished = true;
  const run = program;
  const settled = error === undefined ? twoTurns() : Promise.race([run.drain(), new Promise((r) => setTimeout(r, DRAIN_MS))]);
  void settled.then(() => {
    const { stackUrn } = recording;
    const failed = firstError !== undefined;
    const outputs = failed ? {} : recording.stackOutputs;
    const decoded = decodeRecorded(outputs);
    const result: WorkerResult = {
      // Streamed in `recorded` messages; `streamed` below completes them.
      resources: [],
      reads: recording.reads,
      outputs: decoded.values,
      rawOutputs: outputs,
      secretOutputNames: Object.keys(decoded.secrets ?? {}),
      diagnostics: [...run.notes, ...diagnostics],
      ...(failed ? { error: firstError } : {}),
      ...(issues.length > 0 ? { issues } : {}),
      timings: run.timings,
    };
    process.channel?.ref();
    const exit = () => process.exit(0);
    flushRecords();
    const ids = Object.fromEntries(recording.resources.flatMap((r) => (r.id === undefined ? [] : [[r.urn, r.id]])));
    // A failed update creates nothing, not even the stack: the host lists only what the program itself registered.
    const omitted = failed && stackUrn ? [stackUrn] : [];
    send({ kind: "done", result, streamed: { ids, omitted } }, exit);
  });
}

/** `config <key> = "<value>": ` for the config value (structured ones are JSON, searched inside) that names stack `name`. */
function configPrefix(name: string): string {
  const find = (value: unknown, at: string): string | undefined => {
    if (typeof value === "string") return value === name || name.endsWith(`/${value}`) ? `${at} = "${value}"` : undefined;
    if (typeof value !== "object" || value === null) return undefined;
    for (const [key, item] of Object.entries(value)) {
      const found = find(item, Array.isArray(value) ? `${at}[${key}]` : `${at}.${key}`);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  for (const [key, raw] of Object.entries(JSON.parse(job.configEnv.PULUMI_CONFIG ?? "{}") as Record<string, string>)) {
    let value: unknown = raw;
    try {
      if (/^[[{]/.test(raw)) value = JSON.parse(raw);
    } catch {
      // A plain string that starts with a bracket.
    }
    const found = find(value, key);
    if (found !== undefined) return `config ${found}: `;
  }
  return "";
}

const unknownInvokes = new Set<string>();

const backend: FakeBackend = {
  async newResource(args) {
    activity++;
    if (args.type !== "pulumi:pulumi:StackReference") return fakeResource(args);
    const name = String(args.inputs.name ?? args.id ?? args.name);
    const reply = await request((requestId) => ({ kind: "stackReference", requestId, name }));
    if (reply.kind === "stackReference" && reply.outputs) return { id: name, state: { name, ...reply.outputs } };
    const reason = (reply.kind === "stackReference" && reply.error) || `stack reference '${name}' failed`;
    const message = `${configPrefix(name)}${reason}`;
    // The engine fails the update when a referenced stack can't be read; don't leave it to the program.
    finish(message);
    throw new Error(message);
  },
  async call(token, inputs) {
    activity++;
    const target = lookupTarget(token, inputs);
    const reply = target && (await request((requestId) => ({ kind: "lookup", requestId, ...target })));
    const result = reply?.kind === "lookup" ? lookupResult(token, inputs, reply.answer) : fakeInvoke(token, inputs);
    // Unknown, as the engine's result is for an invoke it cannot run in preview; said once per invoke.
    if (result === undefined && !unknownInvokes.has(token)) {
      unknownInvokes.add(token);
      diagnostics.push(
        `warning: the offline preview has no fake for invoke '${token}': its result is unknown, so values computed from it are too`,
      );
    }
    return result;
  },
};

process.on("message", (message: ToWorker) => {
  if (message.kind !== "job") return answer(message);
  job = message.job;
  process.channel?.unref();
  program = startProgram(job, backend, recording, () => send({ kind: "started" }));
  program.done.then(
    () => finish(),
    (err) => {
      if (!finished && firstError === undefined) issues = issueLines(err);
      finish(errorLine(err));
    },
  );
});
process.on("uncaughtException", (err) => finish(errorLine(err)));
process.on("unhandledRejection", (reason) => finish(errorLine(reason)));
// The host is gone (or no longer needs this spare worker): nothing left to report to.
process.on("disconnect", () => process.exit(0));
process.on("beforeExit", () => finish("the program never finished: it waits on a value that is never resolved"));
