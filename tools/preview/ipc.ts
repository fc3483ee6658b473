/** Messages between the CLI and a stack worker (over the `child_process.fork` IPC channel). */
import type { ReadResource, RecordedResource } from "./types";

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
  | { kind: "done"; result: WorkerResult };
