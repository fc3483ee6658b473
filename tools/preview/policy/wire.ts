/**
 * Our records ↔ the analyzer protocol (`proto/pulumi/analyzer.proto`). Requests are written field by field with
 * BinaryWriter (no message objects); `AnalyzerResource` repeats fields 1-6 of `AnalyzeRequest`, so a resource's
 * request bytes start its `AnalyzeStack` entry as they are. Responses are decoded with the pack's stubs.
 */
import type * as AnalyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { BinaryWriter as Writer } from "google-protobuf";
import { LOCAL_ORGANIZATION } from "../shared/ipc";
import type { RecordedResource, Remediation, StackResult, Violation } from "../shared/types";
import type { EnforcementLevel, PackMetadata, PolicyConfigMap } from "./config";

export type { Writer };

/** A request's bytes, as `write` writes them. */
export function encode(write: (w: Writer) => void): Uint8Array {
  const w = new Writer();
  write(w);
  return w.getResultBuffer();
}
/** Which stack a request is for (default providers' URNs name it). */
export type StackIdentity = Pick<StackResult, "stack" | "project">;

/** `pulumirpc.EnforcementLevel` and `PolicySeverity` by wire number (severity 0, unspecified, is left out). */
const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
const SEVERITIES = [undefined, "low", "medium", "high", "critical"];
const PROVIDER_TYPE_PREFIX = "pulumi:providers:";
/** `writeMessage` skips a null value; the body writes the content, so any object stands in for it. */
const PRESENT = {};

/** A message field whose content `body` writes. */
const nested = (w: Writer, field: number, body: () => void): void => w.writeMessage(field, PRESENT, body);
/** An entry of a map field: the key (1), then `value` writes field 2. */
const entry = (w: Writer, field: number, key: string, value: () => void): void =>
  nested(w, field, () => {
    w.writeString(1, key);
    value();
  });

/** A `google.protobuf.Value`, with JSON's rules for what is not JSON (dates via `toJSON`, NaN as null). */
function writeValue(w: Writer, value: unknown): void {
  const v = typeof (value as { toJSON?: unknown })?.toJSON === "function" ? (value as { toJSON(): unknown }).toJSON() : value;
  if (typeof v === "string") w.writeString(3, v);
  else if (typeof v === "number" && Number.isFinite(v)) w.writeDouble(2, v);
  else if (typeof v === "boolean") w.writeBool(4, v);
  else if (Array.isArray(v)) nested(w, 6, () => v.forEach((item) => nested(w, 1, () => writeValue(w, item))));
  else if (typeof v === "object" && v !== null) nested(w, 5, () => writeStruct(w, v as Record<string, unknown>));
  else w.writeEnum(1, 0);
}

/** A `google.protobuf.Struct`; `skipInternalKeys` is the engine's MarshalOptions (`__defaults` never reaches a pack). */
export function writeStruct(w: Writer, object: Record<string, unknown>, skipInternalKeys = false): void {
  for (const key of Object.keys(object)) {
    const v = object[key];
    if (v === undefined || typeof v === "function" || typeof v === "symbol" || (skipInternalKeys && key.startsWith("__"))) continue;
    entry(w, 1, key, () => nested(w, 2, () => writeValue(w, v)));
  }
}

/** A Go duration (`"1h30m"`, `"90s"`) in seconds, as the engine's `generateTimeoutInSeconds`; 0 when absent. */
export function seconds(duration: string | undefined): number {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  for (const [, n, unit] of (duration ?? "").matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) total += Number(n) * units[unit];
  return total;
}

/** `AnalyzerResourceOptions` as the engine's `marshalResourceOptions` fills it (only URN aliases are sent). */
function writeOptions(w: Writer, r: RecordedResource): void {
  const o = r.options ?? {};
  w.writeBool(1, r.protect);
  o.ignoreChanges?.forEach((key) => w.writeString(2, key));
  w.writeBool(3, o.deleteBeforeReplace ?? false);
  w.writeBool(4, o.deleteBeforeReplace !== undefined);
  o.additionalSecretOutputs?.forEach((key) => w.writeString(5, key));
  o.aliases?.forEach((a) => typeof a.urn === "string" && w.writeString(6, a.urn));
  const t = o.customTimeouts;
  nested(w, 7, () => t && [t.create, t.update, t.delete].forEach((d, i) => w.writeDouble(i + 1, seconds(d))));
  w.writeString(8, r.parent ?? "");
}

/** The name part of a URN (`urn:pulumi:stack::project::type::name`); names may themselves contain "::". */
const urnName = (urn: string): string => urn.split("::").slice(3).join("::");

/**
 * The provider the engine attaches: an explicit one (its inputs), else a custom resource's default provider, whose
 * version suffix and config are unknown offline: `default`, no properties.
 */
function writeProvider(w: Writer, r: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource>, id: StackIdentity): void {
  let urn = r.provider?.slice(0, r.provider.lastIndexOf("::"));
  const pkg = r.type.split(":")[0];
  if (!urn && r.custom && !r.type.startsWith(PROVIDER_TYPE_PREFIX) && pkg !== "pulumi") {
    urn = `urn:pulumi:${id.stack}::${id.project}::${PROVIDER_TYPE_PREFIX}${pkg}::default`;
  }
  if (!urn) return;
  const explicit = byUrn.get(urn);
  const qualifiedType = urn.split("::")[2] ?? "";
  nested(w, 6, () => {
    w.writeString(1, explicit?.type ?? qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1));
    nested(w, 2, () => writeStruct(w, explicit?.inputs ?? {}, true));
    w.writeString(3, urn);
    w.writeString(4, explicit?.name ?? urnName(urn));
  });
}

/**
 * The `Analyze`/`Remediate` request of a registration (`byUrn`: at least the ones before it). Secrets go as the
 * engine sends them, the plain value marked secret, not the report's placeholder; `properties` are remediated inputs.
 */
export function writeAnalyzeRequest(
  w: Writer,
  r: RecordedResource,
  byUrn: ReadonlyMap<string, RecordedResource>,
  id: StackIdentity,
  properties = { ...r.inputs, ...r.secretInputs },
): void {
  w.writeString(1, r.type);
  nested(w, 2, () => writeStruct(w, properties, true));
  w.writeString(3, r.urn);
  w.writeString(4, r.name || urnName(r.urn));
  nested(w, 5, () => writeOptions(w, r));
  writeProvider(w, r, byUrn, id);
}

/**
 * `AnalyzeStack` with each resource's last Analyze request plus its parent and dependencies (in a preview a
 * resource's "outputs" are its checked inputs); property dependencies without URNs are skipped as the engine does.
 */
export function writeAnalyzeStack(w: Writer, resources: Array<{ record: RecordedResource; request: Uint8Array }>): void {
  for (const { record: r, request } of resources) {
    nested(w, 1, () => {
      w.writeSerializedMessage(request, 0, request.length);
      w.writeString(7, r.parent ?? "");
      r.dependencies?.forEach((urn) => w.writeString(8, urn));
      for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
        if (urns.length > 0) entry(w, 9, key, () => nested(w, 2, () => urns.forEach((urn) => w.writeString(1, urn))));
      }
    });
  }
}

/** The engine tries `Handshake` first; no engine runs here, so its address is one nobody listens on. */
export function writeHandshake(w: Writer, packDir: string): void {
  w.writeString(1, "127.0.0.1:0");
  w.writeString(2, packDir);
  w.writeString(3, packDir);
}

/** `Configure`: every entry's properties are set, as the Node server reads them unconditionally. */
export function writeConfigure(w: Writer, config: PolicyConfigMap): void {
  for (const [name, { enforcementLevel, properties }] of Object.entries(config)) {
    entry(w, 1, name, () =>
      nested(w, 2, () => {
        w.writeEnum(1, LEVELS.indexOf(enforcementLevel ?? "advisory"));
        nested(w, 2, () => writeStruct(w, properties));
      }),
    );
  }
}

/** `ConfigureStack` for a dry run, with the tags the local backend gives every stack of a Node.js project. */
export function writeConfigureStack(w: Writer, id: StackIdentity): void {
  w.writeString(1, id.stack);
  w.writeString(2, id.project);
  w.writeString(3, LOCAL_ORGANIZATION);
  w.writeBool(4, true);
  entry(w, 8, "pulumi:project", () => w.writeString(2, id.project));
  entry(w, 8, "pulumi:runtime", () => w.writeString(2, "nodejs"));
}

function level(wire: number): EnforcementLevel {
  if (!LEVELS[wire]) throw new Error(`policy pack sent an unknown enforcement level ${wire}`);
  return LEVELS[wire];
}

/** `GetAnalyzerInfo`: an initial-config entry without a level decodes as 0, advisory, as in the engine. */
export function packMetadata(info: AnalyzerPb.AnalyzerInfo): PackMetadata {
  const policies = info.getPoliciesList().map((p) => {
    const schema = p.getConfigschema();
    return {
      name: p.getName(),
      enforcementLevel: level(p.getEnforcementlevel()),
      resourcePolicy: p.getPolicyType() === 1,
      configSchema: schema && {
        properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>,
        required: schema.getRequiredList(),
      },
    };
  });
  const initialConfig: PolicyConfigMap = {};
  info.getInitialconfigMap().forEach((c, name) => {
    initialConfig[name] = { enforcementLevel: level(c.getEnforcementlevel()), properties: c.getProperties()?.toJavaScript() ?? {} };
  });
  return { name: info.getName(), version: info.getVersion(), policies, initialConfig };
}

/**
 * A diagnostic as a contract violation. A violation that survives remediation counts as mandatory (the engine's step
 * generator), and PulumiPolicy.yaml's `version` wins over the pack's (`convertDiagnostics`).
 */
export function violation(d: AnalyzerPb.AnalyzeDiagnostic, urn: string, versionOverride?: string): Violation {
  const enforcementLevel = level(d.getEnforcementlevel());
  const found: Violation = {
    policy: d.getPolicyname(),
    policyPack: d.getPolicypackname(),
    enforcementLevel: enforcementLevel === "remediate" ? "mandatory" : enforcementLevel,
    urn,
    message: d.getMessage() || d.getDescription(),
    policyPackVersion: versionOverride || d.getPolicypackversion(),
  };
  const severity = SEVERITIES[d.getSeverity()];
  if (severity) found.severity = severity;
  return found;
}

/**
 * `Remediate` results applied in order, as the engine does: each rewrite replaces the inputs (`properties`, the ones
 * to analyze); a remediation that could not run (e.g. unknown values in preview) is an advisory violation.
 */
export function remediationOutcome(results: AnalyzerPb.Remediation[], urn: string, versionOverride?: string) {
  const outcome: { properties?: Record<string, unknown>; remediations: Remediation[]; violations: Violation[] } = {
    remediations: [],
    violations: [],
  };
  for (const r of results) {
    const [policy, policyPack, message] = [r.getPolicyname(), r.getPolicypackname(), r.getDiagnostic()];
    if (message) {
      const policyPackVersion = versionOverride || r.getPolicypackversion();
      outcome.violations.push({ policy, policyPack, enforcementLevel: "advisory", urn, message, policyPackVersion });
    } else if (r.hasProperties()) {
      outcome.properties = r.getProperties()!.toJavaScript();
      outcome.remediations.push({ policy, policyPack, urn, description: r.getDescription() });
    }
  }
  return outcome;
}
