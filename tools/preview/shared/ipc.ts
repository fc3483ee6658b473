/** Messages between the CLI and a stack worker (over the `child_process.fork` IPC channel). */
import type { ReadResource, RecordedResource } from "./types";

/** The organization the local backend gives programs and policy packs when there is no cloud backend. */
export const LOCAL_ORGANIZATION = "organization";

/** Everything a worker needs to preview one stack. */
export interface WorkerJob {
  project: string;
  stack: string;
  organization: string;
  /** Absolute project directory (Pulumi.yaml); the worker chdirs here. */
  projectDir: string;
  /** Absolute entry file. */
  programFile: string;
  /** Run the program through ts-node (transpile-only). */
  typescript: boolean;
  /** `PULUMI_CONFIG` and `PULUMI_CONFIG_SECRET_KEYS`. */
  configEnv: Record<string, string>;
  /** Send registrations as they happen (`recorded` messages), for a policy check that runs alongside. */
  streamRecords?: boolean;
  /** Record each registration's source position (costs the SDK's stack traces; for SARIF). */
  sourcePositions?: boolean;
}

/** A referenced stack's outputs in wire form (secrets still wrapped), as the engine's StackReference returns them. */
export interface StackReferenceOutputs {
  outputs: Record<string, unknown>;
  secretOutputNames: string[];
}

/** How the CLI answers a lookup invoke: a resource of a previewed stack, a `--lookups` entry, or nothing known. */
export type LookupAnswer =
  | { kind: "recorded"; resource: RecordedResource }
  | { kind: "props"; props: Record<string, unknown> }
  | { kind: "missing"; reason: string }
  | { kind: "none" };

export interface WorkerResult {
  resources: RecordedResource[];
  reads: ReadResource[];
  /** Stack outputs as recorded (secrets → "[secret]"). */
  outputs: Record<string, unknown>;
  /** Stack outputs in wire form, for StackReferences to this stack. */
  rawOutputs: Record<string, unknown>;
  secretOutputNames: string[];
  diagnostics: string[];
  error?: string;
  /** Every problem the failure listed (e.g. each config issue), one line each; `error` is the first line. */
  issues?: string[];
  /** The program was stopped (time-out) before it finished: `resources` are what it registered until then. */
  partial?: boolean;
  timings: { loadMs: number; runMs: number };
}

export type ToWorker =
  | { kind: "job"; job: WorkerJob }
  | { kind: "stackReference"; requestId: number; outputs?: StackReferenceOutputs; error?: string }
  | { kind: "lookup"; requestId: number; answer: LookupAnswer };

export type FromWorker =
  | { kind: "stackReference"; requestId: number; name: string }
  | { kind: "lookup"; requestId: number; id: string; globalName?: string }
  /** Every pending request is unanswered and the program has nothing else to do; `repliesSeen` answers received so far. */
  | { kind: "idle"; repliesSeen: number }
  /** Registrations since the last such message, in order (only when the job asks for them). */
  | { kind: "recorded"; resources: RecordedResource[] }
  | { kind: "done"; result: WorkerResult; streamed?: StreamedResources };

/**
 * With `streamRecords`, a result's resources travel only as the `recorded` messages (not twice): `done` then
 * carries an empty list and this, which completes them.
 */
export interface StreamedResources {
  /** Ids assigned after a registration was sent, by URN. */
  ids: Record<string, string>;
  /** Sent registrations the result leaves out (a failed stack's root `pulumi:pulumi:Stack`). */
  omitted: string[];
}

/** The result's resources rebuilt from the `recorded` messages and the `done` message's completion. */
export function completeStreamedResources(sent: readonly RecordedResource[], streamed: StreamedResources): RecordedResource[] {
  const omitted = new Set(streamed.omitted);
  return sent.filter((r) => !omitted.has(r.urn)).map((r) => (streamed.ids[r.urn] !== undefined ? { ...r, id: streamed.ids[r.urn] } : r));
}
