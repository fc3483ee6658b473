/**
 * Shapes shared by the offline preview, the policy check and the reports.
 * The JSON form (`--format json`) is a contract: fields may be added, never renamed or dropped.
 */
import type { StackQuota } from "../report/quota";

/** One resource registration as the engine would receive it. */
export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  /** The parent's URN, or null for the stack itself. */
  parent: string | null;
  /** Whether the registration is a custom resource (false for components, the stack and providers' parents). */
  custom: boolean;
  protect: boolean;
  /** Provider reference `<providerUrn>::<id>`, when one was sent. */
  provider?: string;
  /** The resource's own `aliases` option as URNs, when it has any (extra field). */
  aliases?: string[];
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /**
   * Inputs as sent; secret values are replaced by the string "[secret]" (SECRET_PLACEHOLDER), resource references by
   * their URN, and values still unknown in preview by the engine's sentinel string (UNKNOWN_VALUE).
   */
  inputs: Record<string, unknown>;
  /** The id the mock assigned (custom resources only). */
  id?: string;
  /** The resource options the engine received, after transforms; only those set. Extra field. */
  options?: ResourceOptions;
  /**
   * The top-level inputs holding secrets, in wire form (plain values wrapped as secrets), which is how the engine hands
   * them to a policy pack. Never printed: the JSON report drops it (`withoutSecretValues`).
   */
  secretInputs?: Record<string, unknown>;
  /** Where the program constructed it (`file://` uri, 1-based line), when recorded (`--format sarif`). */
  sourcePosition?: { uri: string; line: number };
}

/** Resource options of a registration, as RegisterResource carries them (`protect` is also a field of its own). */
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

/** A policy violation, as the contract names its fields. */
export interface Violation {
  policy: string;
  policyPack: string;
  enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled" | string;
  /** The resource the violation is attributed to; "" for a stack-wide one. */
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
  resources: RecordedResource[];
  /** Stack outputs; secret values are replaced by "[secret]". */
  outputs: Record<string, unknown>;
  violations: Violation[];
  /**
   * Present when the program or its config failed: the one-line message. A failed stack lists only the resources the
   * program registered before the failure (not the root `pulumi:pulumi:Stack`), so a config error lists none.
   */
  error?: string;
  /** Every problem the failure listed (e.g. each config issue), one line each; `error` is their summary. */
  issues?: string[];
  /** True when the program was stopped (time-out) before it finished: `resources` are what it registered until then. */
  partial?: boolean;
  /** Whether the policy pack checked this stack (false: `--no-policy`, the program failed, or the pack failed). */
  policyChecked?: boolean;
  remediations?: Remediation[];
  /**
   * The compute quota the stack asks for (from the program's `computeQuota` output: computes, nodes per VM size and
   * priority, per workspace or hub and in total); absent when the program reports none. Extra field.
   */
  quota?: StackQuota;
  /** Where the stack's config came from, for reports that point at files (SARIF). */
  configFile?: string;
  /** The program's entry file. */
  programFile?: string;
  /**
   * Milliseconds spent loading the program's modules and running it, and the policy check's share after the program
   * finished (the pack analyzes registrations while the program runs). Extra field, used by the benchmark.
   */
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

/** Whether a policy pack ran, and why not when it did not. */
export interface PolicyStatus {
  /** `checked`: every previewed stack was analyzed; `off`: `--no-policy`; `failed`: the pack failed (see `reason`). */
  status: "checked" | "off" | "failed";
  /** The pack directory, relative to the repository root. */
  pack?: string;
  reason?: string;
}

export interface PreviewResult {
  /**
   * `major.minor` of this document's shape: minor grows when fields are added; major would grow only if a field were
   * renamed or dropped, which the contract rules out. Always set by the CLI.
   */
  schemaVersion?: string;
  stacks: StackResult[];
  /** The check as a whole failed (e.g. the policy pack crashed): one line. Absent when everything ran. */
  error?: string;
  policy?: PolicyStatus;
}

/** The JSON document's `schemaVersion` (see PreviewResult). */
export const SCHEMA_VERSION = "1.1";

/** Exit codes of `npm run preview` (contract). */
export const EXIT_OK = 0;
export const EXIT_MANDATORY_VIOLATION = 1;
export const EXIT_PROGRAM_ERROR = 2;

/** The engine's marker for a value not known until `pulumi up` (`@pulumi/pulumi/runtime/rpc` unknownValue). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Stands in for every secret value in recorded inputs and outputs. */
export const SECRET_PLACEHOLDER = "[secret]";
