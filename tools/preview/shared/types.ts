/** Shapes shared by the host, the policy check and the reports; `--format json` is a contract: add fields, never drop. */
import type { StackQuota } from "../report/quota";

/** One resource registration as the engine would receive it. */
export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  parent: string | null;
  /** False for components, the stack and providers' parents. */
  custom: boolean;
  protect: boolean;
  /** `<providerUrn>::<id>`, when sent. */
  provider?: string;
  aliases?: string[];
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** Inputs as sent: secrets as SECRET_PLACEHOLDER, resource references as their URN, unknowns as UNKNOWN_VALUE. */
  inputs: Record<string, unknown>;
  id?: string;
  /** After transforms; only those set. */
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
  /** "" for a stack-wide one. */
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
  /** Stack outputs, secrets as SECRET_PLACEHOLDER. */
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
  /** From the program's `computeQuota` output. */
  quota?: StackQuota;
  /** Relative to the repository, as is `programFile`. */
  configFile?: string;
  programFile?: string;
  /** Milliseconds loading and running the program, and the policy check's share after it. */
  timings?: { loadMs: number; runMs: number; policyMs?: number };
  reads?: ReadResource[];
  /** What the program printed (console output, runtime warnings), in order. */
  diagnostics?: string[];
}

/** A resource the program read (`.get()`, StackReference); not sent to policies. */
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
  pack?: string;
  reason?: string;
}

export interface PreviewResult {
  /** `major.minor`: minor grows when fields are added. */
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
