/**
 * Shapes shared by the offline preview, the policy check and the reports. The JSON form (`--format json`) is a
 * contract: fields may be added, never renamed or dropped.
 */
import type { StackQuota } from "../report/quota";

/** One resource registration as the engine would receive it. */
export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  /** The parent's URN; null for the stack itself. */
  parent: string | null;
  /** False for components, the stack and providers' parents. */
  custom: boolean;
  protect: boolean;
  /** Provider reference `<providerUrn>::<id>`, when one was sent. */
  provider?: string;
  /** The `aliases` option as URNs (extra field). */
  aliases?: string[];
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** Inputs as sent: secrets as SECRET_PLACEHOLDER, resource references as their URN, unknowns as UNKNOWN_VALUE. */
  inputs: Record<string, unknown>;
  /** The id the mock assigned (custom resources only). */
  id?: string;
  /** The resource options the engine received, after transforms; only those set (extra field). */
  options?: ResourceOptions;
  /** Top-level secret inputs in wire form, as the engine hands them to a pack; never printed (`withoutSecretValues`). */
  secretInputs?: Record<string, unknown>;
  /** Where the program constructed it (`file://` uri, 1-based line); `--format sarif` only. */
  sourcePosition?: { uri: string; line: number };
}

/** Resource options as RegisterResource carries them (`protect` is also a field of its own). */
export interface ResourceOptions {
  protect?: boolean;
  deleteBeforeReplace?: boolean;
  ignoreChanges?: string[];
  replaceOnChanges?: string[];
  retainOnDelete?: boolean;
  additionalSecretOutputs?: string[];
  customTimeouts?: { create?: string; update?: string; delete?: string };
  /** `{ urn }` or a spec (`name`, `type`, `stack`, `project`, `parentUrn` or `noParent`). */
  aliases?: Record<string, unknown>[];
  deletedWith?: string;
  replaceWith?: string[];
  hideDiffs?: string[];
  /** The id of an existing resource to import. */
  import?: string;
  version?: string;
  pluginDownloadURL?: string;
}

/** JSON.stringify replacer for reports: secret values never leave the process that checks policies. */
export function withoutSecretValues(key: string, value: unknown): unknown {
  return key === "secretInputs" ? undefined : value;
}

export interface Violation {
  policy: string;
  policyPack: string;
  enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled" | string;
  /** The resource it is attributed to; "" for a stack-wide one. */
  urn: string;
  message: string;
  policyPackVersion?: string;
  severity?: string;
}

/** A remediation the pack applied to a resource's inputs at the `remediate` level. */
export interface Remediation {
  policy: string;
  policyPack: string;
  urn: string;
  description: string;
}

export interface StackResult {
  project: string;
  stack: string;
  /** A failed stack lists what the program registered before the failure, without the root stack. */
  resources: RecordedResource[];
  /** Secret values as "[secret]". */
  outputs: Record<string, unknown>;
  violations: Violation[];
  /** The program or its config failed: one line. */
  error?: string;
  /** Every problem the failure listed (e.g. each config issue), one line each; `error` sums them up. */
  issues?: string[];
  /** The program was stopped (time-out): `resources` are what it registered until then. */
  partial?: boolean;
  /** Whether the pack checked this stack (not with `--no-policy`, a failed program or a failed pack). */
  policyChecked?: boolean;
  remediations?: Remediation[];
  /** The compute quota from the program's `computeQuota` output, per workspace or hub and in total (extra field). */
  quota?: StackQuota;
  /** The stack's config file and the program's entry file, relative to the repository. */
  configFile?: string;
  programFile?: string;
  /** Milliseconds loading and running the program, and the policy check's share after it (extra field, for bench). */
  timings?: { loadMs: number; runMs: number; policyMs?: number };
  /** Resources read rather than registered (StackReference, `.get()`); extra field. */
  reads?: ReadResource[];
  /** What the program printed (console output, runtime warnings), in order; extra field. */
  diagnostics?: string[];
}

/** A resource the program read (`.get()`, StackReference): the engine does not send these to policies. */
export interface ReadResource {
  urn: string;
  type: string;
  name: string;
  id: string;
  parent: string | null;
}

export interface PolicyStatus {
  /** `checked`: every previewed stack was analyzed; `off`: `--no-policy`; `failed`: see `reason`. */
  status: "checked" | "off" | "failed";
  /** The pack directory, relative to the repository root. */
  pack?: string;
  reason?: string;
}

export interface PreviewResult {
  /** `major.minor` of this shape: minor grows when fields are added. Always set by the CLI. */
  schemaVersion?: string;
  stacks: StackResult[];
  /** The check as a whole failed (e.g. the policy pack crashed): one line. */
  error?: string;
  policy?: PolicyStatus;
}

export const SCHEMA_VERSION = "1.1";

/** Exit codes of `npm run preview` (contract). */
export const EXIT_OK = 0;
export const EXIT_MANDATORY_VIOLATION = 1;
export const EXIT_PROGRAM_ERROR = 2;

/** The engine's marker for a value not known until `pulumi up` (`@pulumi/pulumi/runtime/rpc` unknownValue). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Stands in for every secret value in recorded inputs and outputs. */
export const SECRET_PLACEHOLDER = "[secret]";
