/**
 * Maps the analyzer's diagnostics and remediations (already decoded from protobuf into plain objects) to the
 * contract shapes in types.ts, applying the engine's rules for levels and URNs.
 */
import type { Remediation, Violation } from "../shared/types";
import type { EnforcementLevel } from "./policyConfig";

/** `pulumirpc.EnforcementLevel` values, by wire number. */
const LEVEL_BY_WIRE: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
/** `pulumirpc.PolicySeverity` values; 0 (unspecified) maps to no severity. */
const SEVERITY_BY_WIRE: Record<number, string> = { 1: "low", 2: "medium", 3: "high", 4: "critical" };

export function levelFromWire(level: number): EnforcementLevel {
  const name = LEVEL_BY_WIRE[level];
  if (!name) throw new Error(`policy pack sent an unknown enforcement level ${level}`);
  return name;
}

export function severityFromWire(severity: number): string | undefined {
  return SEVERITY_BY_WIRE[severity];
}

/** An `AnalyzeDiagnostic` as plain data. */
export interface WireDiagnostic {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  message: string;
  enforcementLevel: number;
  urn: string;
  severity: number;
}

/** A `Remediation` as plain data; `properties` is absent when the remediation only carries a diagnostic. */
export interface WireRemediation {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  properties?: Record<string, unknown>;
  diagnostic: string;
}

/**
 * The version the engine reports: PulumiPolicy.yaml `version` wins over the one the pack sends
 * (`convertDiagnostics` in the engine's analyzer plugin).
 */
export interface PackIdentity {
  versionOverride?: string;
}

function toViolation(d: WireDiagnostic, urn: string, pack: PackIdentity): Violation {
  let level = levelFromWire(d.enforcementLevel);
  // A violation that survives remediation counts as mandatory (the engine's step generator does the same).
  if (level === "remediate") level = "mandatory";
  const violation: Violation = {
    policy: d.policyName,
    policyPack: d.policyPackName,
    enforcementLevel: level,
    urn,
    message: d.message || d.description,
    policyPackVersion: pack.versionOverride || d.policyPackVersion,
  };
  const severity = severityFromWire(d.severity);
  if (severity) violation.severity = severity;
  return violation;
}

/** `Analyze` results: the engine always attributes them to the analyzed resource, whatever URN the pack sent. */
export function resourceViolations(diagnostics: WireDiagnostic[], resourceUrn: string, pack: PackIdentity): Violation[] {
  return diagnostics.map((d) => toViolation(d, resourceUrn, pack));
}

/**
 * `AnalyzeStack` results: a URN naming a resource of this stack is kept; anything else is stack-wide,
 * which the contract writes as "" (the engine would show it on the root stack).
 */
export function stackViolations(diagnostics: WireDiagnostic[], stackUrns: ReadonlySet<string>, pack: PackIdentity): Violation[] {
  return diagnostics.map((d) => toViolation(d, stackUrns.has(d.urn) ? d.urn : "", pack));
}

export interface RemediationOutcome {
  /** The inputs to analyze from now on, when some remediation rewrote them. */
  properties?: Record<string, unknown>;
  remediations: Remediation[];
  /** A remediation that could not run (e.g. unknown values in preview) is an advisory violation. */
  violations: Violation[];
}

/** Applies `Remediate` results in order, as the engine does: each rewrite replaces the inputs. */
export function applyRemediations(results: WireRemediation[], urn: string, pack: PackIdentity): RemediationOutcome {
  const outcome: RemediationOutcome = { remediations: [], violations: [] };
  for (const r of results) {
    if (r.diagnostic) {
      outcome.violations.push({
        policy: r.policyName,
        policyPack: r.policyPackName,
        enforcementLevel: "advisory",
        urn,
        message: r.diagnostic,
        policyPackVersion: pack.versionOverride || r.policyPackVersion,
      });
    } else if (r.properties) {
      outcome.properties = r.properties;
      outcome.remediations.push({ policy: r.policyName, policyPack: r.policyPackName, urn, description: r.description });
    }
  }
  return outcome;
}
