/** Messages between the host and a stack worker (over the `child_process.fork` IPC channel). */
import type { ReadResource, RecordedResource, StackResult } from "./types";

/** The organization the local backend gives programs and policy packs. */
export const LOCAL_ORGANIZATION = "organization";

/** Everything a worker needs to preview one stack. */
export interface WorkerJob {
  project: string;
  stack: string;
  organization: string;
  /** Absolute directory of Pulumi.yaml; the worker chdirs here. */
  projectDir: string;
  /** Absolute entry file. */
  programFile: string;
  /** Load the program's TypeScript (`runtime.options.typescript`). */
  typescript: boolean;
  /** `PULUMI_CONFIG` and `PULUMI_CONFIG_SECRET_KEYS`. */
  configEnv: Record<string, string>;
  /** Record each registration's source position (costs the SDK's stack traces; for SARIF). */
  sourcePositions?: boolean;
}

/** A referenced stack's outputs in wire form (secrets still wrapped), as the engine's StackReference returns them. */
export interface StackReferenceOutputs {
  outputs: Record<string, unknown>;
  secretOutputNames: string[];
}

/** A lookup's answer: a resource of a previewed stack, a `--lookups` entry, or nothing known. */
export type LookupAnswer =
  | { kind: "recorded"; resource: RecordedResource }
  | { kind: "props"; props: Record<string, unknown> }
  | { kind: "missing"; reason: string }
  | { kind: "none" };

/** A stack's preview as its result reports it (`resources`, `outputs`, `error`, `issues`, `partial`: see StackResult). */
export interface WorkerResult extends Pick<StackResult, "resources" | "outputs" | "error" | "issues" | "partial"> {
  reads: ReadResource[];
  /** Outputs in wire form, for StackReferences to this stack. */
  rawOutputs: Record<string, unknown>;
  secretOutputNames: string[];
  diagnostics: string[];
  timings: { loadMs: number; runMs: number };
}

export type ToWorker =
  | { kind: "job"; job: WorkerJob }
  | { kind: "stackReference"; requestId: number; outputs?: StackReferenceOutputs; error?: string }
  | { kind: "lookup"; requestId: number; answer: LookupAnswer };

export type FromWorker =
  /** The runtime is loaded and the program is about to load: `--timeout` counts from here. */
  | { kind: "started" }
  | { kind: "stackReference"; requestId: number; name: string }
  | { kind: "lookup"; requestId: number; id: string; globalName?: string }
  /** Only unanswered requests keep the program waiting; `repliesSeen`: answers received so far. */
  | { kind: "idle"; repliesSeen: number }
  /** Registrations since the last such message, in order. */
  | { kind: "recorded"; resources: RecordedResource[] }
  | { kind: "done"; result: WorkerResult; streamed: StreamedResources };

/** `done` carries no resources but this, which completes the `recorded` ones. */
export interface StreamedResources {
  /** Ids assigned after a registration was sent, by URN. */
  ids: Record<string, string>;
  /** Sent registrations the result leaves out (a failed stack's root `pulumi:pulumi:Stack`). */
  omitted: string[];
}
