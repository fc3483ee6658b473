/**
 * What the engine sends to an analyzer for a recorded stack, as plain data (protobuf encoding lives in
 * protocol.ts). Mirrors pulumi/pulumi `pkg/resource/deploy/step_generator.go`: every registration (the stack,
 * components, explicit providers and custom resources) goes through `Remediate` + `Analyze` with its inputs, and
 * `AnalyzeStack` gets all of them at the end with parent and dependencies.
 */
import type { RecordedResource, StackResult } from "../shared/types";

export interface WireProvider {
  urn: string;
  type: string;
  name: string;
  properties: Record<string, unknown>;
}

/** The fields of `AnalyzeRequest` (also the shape `Remediate` takes). */
export interface WireResource {
  urn: string;
  type: string;
  name: string;
  properties: Record<string, unknown>;
  options: AnalyzerOptions;
  provider?: WireProvider;
}

/** The fields of `AnalyzerResourceOptions` (timeouts in seconds, aliases as URNs). */
export interface AnalyzerOptions {
  protect: boolean;
  parent: string;
  ignoreChanges?: string[];
  deleteBeforeReplace?: boolean;
  additionalSecretOutputs?: string[];
  aliases?: string[];
  customTimeouts?: { create: number; update: number; delete: number };
}

/** The fields of `AnalyzerResource` in `AnalyzeStackRequest`. */
export interface WireStackResource extends WireResource {
  parent: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
}

const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/** The name part of a URN (`urn:pulumi:stack::project::type::name`); names may themselves contain "::". */
export function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

/** The type part of a URN, without the parent-type chain (`parent$child` → `child`). */
export function urnType(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}

/**
 * JSON-safe copy of recorded inputs: drops `undefined` (the engine drops absent top-level values too) and turns
 * anything exotic into plain JSON so `Struct.fromJavaScript` never throws.
 */
export function plainProperties(inputs: Record<string, unknown>, skipInternalKeys: boolean): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(inputs ?? {})) as Record<string, unknown>;
  if (skipInternalKeys) {
    // MarshalOptions.SkipInternalKeys: keys starting with "__" (e.g. `__defaults`) never reach Analyze.
    for (const key of Object.keys(copy)) if (key.startsWith("__")) delete copy[key];
  }
  return copy;
}

/**
 * The provider the engine attaches: an explicit one from the record (its inputs), else for a custom resource its
 * package's default provider. Offline we know neither the default provider's version suffix nor the stack config
 * the engine would give it, so it is `default` with no properties.
 */
export function providerFor(
  resource: RecordedResource,
  byUrn: ReadonlyMap<string, RecordedResource>,
  stack: StackIdentity,
): WireProvider | undefined {
  if (resource.provider) {
    const urn = resource.provider.slice(0, resource.provider.lastIndexOf("::"));
    const explicit = byUrn.get(urn);
    return {
      urn,
      type: explicit?.type ?? urnType(urn),
      name: explicit?.name ?? urnName(urn),
      properties: explicit ? plainProperties(explicit.inputs, true) : {},
    };
  }
  const pkg = resource.type.split(":")[0];
  if (!resource.custom || resource.type.startsWith(PROVIDER_TYPE_PREFIX) || pkg === "pulumi") return undefined;
  const type = `${PROVIDER_TYPE_PREFIX}${pkg}`;
  return { urn: `urn:pulumi:${stack.stack}::${stack.project}::${type}::default`, type, name: "default", properties: {} };
}

/** Which stack a request is for (default providers' URNs name it). */
export type StackIdentity = Pick<StackResult, "stack" | "project">;

/** The `Analyze`/`Remediate` request of one registration; `byUrn` holds (at least) the registrations before it. */
export function analyzeRequest(r: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource>, stack: StackIdentity): WireResource {
  const request: WireResource = {
    urn: r.urn,
    type: r.type,
    name: r.name || urnName(r.urn),
    // Secrets as the engine sends them (the plain value, marked secret), not the report's placeholder.
    properties: { ...plainProperties(r.inputs, true), ...plainProperties(r.secretInputs ?? {}, true) },
    options: analyzerOptions(r),
  };
  const provider = providerFor(r, byUrn, stack);
  if (provider) request.provider = provider;
  return request;
}

/** The engine's `marshalResourceOptions`: only URN aliases are sent (spec aliases would need the engine's URN rules). */
function analyzerOptions(r: RecordedResource): AnalyzerOptions {
  const o = r.options ?? {};
  const options: AnalyzerOptions = { protect: r.protect, parent: r.parent ?? "" };
  if (o.ignoreChanges) options.ignoreChanges = o.ignoreChanges;
  if (o.deleteBeforeReplace !== undefined) options.deleteBeforeReplace = o.deleteBeforeReplace;
  if (o.additionalSecretOutputs) options.additionalSecretOutputs = o.additionalSecretOutputs;
  const urns = (o.aliases ?? []).map((a) => a.urn).filter((u): u is string => typeof u === "string");
  if (urns.length > 0) options.aliases = urns;
  if (o.customTimeouts) {
    const t = o.customTimeouts;
    options.customTimeouts = { create: seconds(t.create), update: seconds(t.update), delete: seconds(t.delete) };
  }
  return options;
}

const DURATION_UNITS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };

/** A Go duration (`"1h30m"`, `"90s"`) in seconds, as the engine's `generateTimeoutInSeconds`; 0 when absent. */
export function seconds(duration: string | undefined): number {
  let total = 0;
  for (const [, n, unit] of (duration ?? "").matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) total += Number(n) * DURATION_UNITS[unit];
  return total;
}

/** One `Analyze`/`Remediate` request per registration, in registration order. */
export function analyzeRequests(stack: StackResult): WireResource[] {
  const byUrn = new Map(stack.resources.map((r) => [r.urn, r] as const));
  return stack.resources.map((r) => analyzeRequest(r, byUrn, stack));
}

/**
 * A registration's `AnalyzeStack` resource. In a preview a resource's "outputs" are its checked inputs, so the
 * (possibly remediated) analyzed inputs are sent; property dependencies with no URNs are skipped like the engine does.
 */
export function stackResource(r: RecordedResource, analyzed: WireResource): WireStackResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
    if (urns.length > 0) propertyDependencies[key] = [...urns];
  }
  return { ...analyzed, parent: r.parent ?? "", dependencies: [...(r.dependencies ?? [])], propertyDependencies };
}

/** The `AnalyzeStack` resources of a stack whose registrations were analyzed as `analyzed`. */
export function stackResources(stack: StackResult, analyzed: WireResource[]): WireStackResource[] {
  return stack.resources.map((r, i) => stackResource(r, analyzed[i]));
}
