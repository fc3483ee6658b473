/**
 * One stack's preview, in its own process (the Pulumi runtime keeps global state). Forked by the CLI; receives a
 * `job` over IPC, asks the CLI for stack references and lookups, and answers with one `done` message.
 */
import { fakeInvoke, fakeResource, lookupResultFromProps, lookupResultFromRecord, lookupTarget } from "./fakes";
import type { FromWorker, LookupAnswer, StackReferenceOutputs, ToWorker, WorkerJob } from "../shared/ipc";
import { errorLine, issueLines } from "../shared/messages";
import { prepareProgramRun, ProgramRun } from "./program";
import type { FakeBackend } from "./monitor";
import type { RecordedResource } from "../shared/types";

const MAX_DIAGNOSTIC_LINES = 1000;
const diagnostics: string[] = [];
let program: ProgramRun | undefined;
/** The stack's `PULUMI_CONFIG`, to name the config key behind a failed stack reference. */
let configJson = "{}";
let finished = false;

/** Program output becomes diagnostics of the stack (stdout stays the CLI's; stderr is left for crashes). */
function captureOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const lines = String(chunk).replace(/\n$/, "").split("\n");
      diagnostics.push(...lines.slice(0, Math.max(0, MAX_DIAGNOSTIC_LINES - diagnostics.length)));
      const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
  }
}

// IPC requests keep the process alive only while one is pending, so a program stuck on a value that never resolves
// empties the event loop and is reported (beforeExit) instead of hanging.
let nextRequestId = 1;
const pending = new Map<number, (message: ToWorker) => void>();
/** Bumped by every monitor call and answer: the idle check waits until it stops moving. */
let activity = 0;
let repliesSeen = 0;
let idleCheckRunning = false;

function send(message: FromWorker, then?: () => void): void {
  process.send?.(message, undefined, {}, () => then?.());
}

/**
 * Tells the CLI once the program does nothing but wait on its requests (two quiet event-loop turns), so the CLI can
 * give the slot to another stack and knows when lookups can be answered deterministically.
 */
function watchForIdle(): void {
  if (idleCheckRunning) return;
  idleCheckRunning = true;
  let seen = activity;
  let quietTurns = 0;
  const tick = () => {
    if (pending.size === 0 || finished) {
      idleCheckRunning = false;
      return;
    }
    if (activity !== seen) {
      seen = activity;
      quietTurns = 0;
    } else if (++quietTurns >= 2) {
      idleCheckRunning = false;
      send({ kind: "idle", repliesSeen });
      return;
    }
    setImmediate(tick);
  };
  setImmediate(tick);
}

/** A request before it gets its id (distributes Omit over the union). */
type UnsentRequest =
  Extract<FromWorker, { kind: "stackReference" | "lookup" }> extends infer R ? (R extends unknown ? Omit<R, "requestId"> : never) : never;

function request(message: UnsentRequest): Promise<ToWorker> {
  const requestId = nextRequestId++;
  process.channel?.ref();
  return new Promise((resolve) => {
    pending.set(requestId, (reply) => {
      pending.delete(requestId);
      repliesSeen++;
      activity++;
      if (pending.size === 0) process.channel?.unref();
      else watchForIdle();
      resolve(reply);
    });
    send({ ...message, requestId } as FromWorker);
    watchForIdle();
  });
}

/** How long a failed program may still deliver registrations it started before the failure. */
const DRAIN_MS = 1000;
let firstError: string | undefined;
/** The failure's own list of problems (one line each), when its message has one. */
let firstIssues: string[] = [];

/** Two event-loop turns: rejections nobody handled (a failed registration) surface before success is reported. */
const twoTurns = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

function finish(error?: string): void {
  if (error !== undefined) firstError ??= error;
  if (finished || !program) return;
  finished = true;
  const run = program;
  const settled = error === undefined ? twoTurns() : Promise.race([run.drain(), new Promise((r) => setTimeout(r, DRAIN_MS))]);
  void settled.then(() => {
    const result = {
      ...run.result(firstError),
      diagnostics: [...run.notes, ...diagnostics],
      ...(firstIssues.length > 0 ? { issues: firstIssues } : {}),
    };
    process.channel?.ref();
    if (!streaming) {
      send({ kind: "done", result }, () => process.exit(0));
      return;
    }
    flushRecords();
    const ids: Record<string, string> = {};
    for (const r of result.resources) if (r.id !== undefined) ids[r.urn] = r.id;
    const kept = new Set(result.resources.map((r) => r.urn));
    const streamed = { ids, omitted: sentUrns.filter((urn) => !kept.has(urn)) };
    send({ kind: "done", result: { ...result, resources: [] }, streamed }, () => process.exit(0));
  });
}

/** Where a string naming stack `name` sits in a config value (structured values are JSON): `key.a[0].b = "value"`. */
function pathTo(value: unknown, name: string, at: string): string | undefined {
  if (typeof value === "string") return value === name || name.endsWith(`/${value}`) ? `${at} = "${value}"` : undefined;
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = pathTo(item, name, Array.isArray(value) ? `${at}[${key}]` : `${at}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `config <key> = "<value>": ` for the config key that names stack `name`, as the program's config errors read. */
function configPrefix(name: string): string {
  let config: Record<string, string> = {};
  try {
    config = JSON.parse(configJson) as Record<string, string>;
  } catch {
    // No config: no key to name.
  }
  for (const [key, raw] of Object.entries(config)) {
    let value: unknown = raw;
    try {
      value = /^[[{]/.test(raw) ? JSON.parse(raw) : raw;
    } catch {
      // A plain string that starts with a bracket.
    }
    const found = pathTo(value, name, key);
    if (found !== undefined) return `config ${found}: `;
  }
  return "";
}

async function stackReference(name: string): Promise<StackReferenceOutputs> {
  const reply = await request({ kind: "stackReference", name });
  if (reply.kind !== "stackReference" || !reply.outputs) {
    const reason = reply.kind === "stackReference" && reply.error ? reply.error : `stack reference '${name}' failed`;
    const message = `${configPrefix(name)}${reason}`;
    // The engine fails the update when a referenced stack can't be read; don't leave it to the program.
    finish(message);
    throw new Error(message);
  }
  return reply.outputs;
}

const unknownInvokes = new Set<string>();

/** An invoke with no fake: its result is unknown, as the engine's is in a preview that cannot run it; say so once. */
function fakeOrUnknown(token: string, inputs: Record<string, unknown>): Record<string, unknown> | undefined {
  const result = fakeInvoke(token, inputs);
  if (result === undefined && !unknownInvokes.has(token)) {
    unknownInvokes.add(token);
    diagnostics.push(
      `warning: the offline preview has no fake for invoke '${token}': its result is unknown, so values computed from it are too`,
    );
  }
  return result;
}

async function lookup(token: string, inputs: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const target = lookupTarget(token, inputs);
  if (!target) return fakeOrUnknown(token, inputs);
  const reply = await request({ kind: "lookup", id: target.id, globalName: target.globalName });
  const answer: LookupAnswer = reply.kind === "lookup" ? reply.answer : { kind: "none" };
  switch (answer.kind) {
    case "recorded":
      return lookupResultFromRecord(answer.resource);
    case "props":
      return lookupResultFromProps(token, inputs, answer.props);
    case "missing":
      throw new Error(answer.reason);
    default:
      return fakeOrUnknown(token, inputs);
  }
}

const backend: FakeBackend = {
  async newResource(args) {
    activity++;
    if (args.type !== "pulumi:pulumi:StackReference") return fakeResource(args);
    const name = String(args.inputs.name ?? args.id ?? args.name);
    const { outputs, secretOutputNames } = await stackReference(name);
    return { id: name, state: { name, outputs, secretOutputNames } };
  },
  call(token, inputs) {
    activity++;
    return lookup(token, inputs);
  },
};

/**
 * Registrations not sent yet, sent in batches. A program's registrations mostly run as one long chain of promise
 * callbacks, with no event-loop turn in between, so a batch also goes out once it is full.
 */
let unsent: RecordedResource[] = [];
let flushScheduled = false;
const sentUrns: string[] = [];
let streaming = false;
const RECORD_BATCH = 32;

function flushRecords(): void {
  flushScheduled = false;
  if (unsent.length === 0) return;
  send({ kind: "recorded", resources: unsent });
  unsent = [];
}

function streamRecord(record: RecordedResource): void {
  unsent.push(record);
  sentUrns.push(record.urn);
  if (unsent.length >= RECORD_BATCH) flushRecords();
  else if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushRecords);
  }
}

function start(job: WorkerJob): void {
  configJson = job.configEnv.PULUMI_CONFIG ?? "{}";
  process.channel?.unref();
  streaming = job.streamRecords === true;
  program = prepareProgramRun(job, backend, {
    onRecord: streaming ? streamRecord : undefined,
    onStart: () => send({ kind: "started" }),
  });
  program.run().then(
    () => finish(),
    (err) => {
      if (!finished && firstError === undefined) firstIssues = issueLines(err);
      finish(errorLine(err));
    },
  );
}

process.on("message", (message: ToWorker) => {
  if (message.kind === "job") start(message.job);
  else pending.get(message.requestId)?.(message);
});
process.on("uncaughtException", (err) => finish(errorLine(err)));
process.on("unhandledRejection", (reason) => finish(errorLine(reason)));
// The CLI is gone (or no longer needs this spare worker): nothing left to report to.
process.on("disconnect", () => process.exit(0));
process.on("beforeExit", () => finish("the program never finished: it waits on a value that is never resolved"));

captureOutput();
