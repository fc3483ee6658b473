/** Hand-built StackResults, shaped like the recorder's output, for driving the policy check without a program. */
import type { RecordedResource, StackResult, Violation } from "../../../../tools/preview/shared/types";

export const PROJECT = "checks";
export const STACK = "dev";

export function urnOf(type: string, name: string, parentType?: string): string {
  const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
  return `urn:pulumi:${STACK}::${PROJECT}::${qualified}::${name}`;
}

export const STACK_URN = urnOf("pulumi:pulumi:Stack", `${PROJECT}-${STACK}`);

export interface ResourceSpec {
  type: string;
  name: string;
  inputs?: Record<string, unknown>;
  /** Logical name of the parent resource; default: the stack. */
  parent?: string;
  custom?: boolean;
  protect?: boolean;
  provider?: string;
  dependsOn?: string[];
  /** Property name → logical names of the resources it was computed from. */
  propertyDependencies?: Record<string, string[]>;
}

/** Builds a stack with its root `pulumi:pulumi:Stack` resource followed by `specs`, resolving names to URNs. */
export function fakeStack(specs: ResourceSpec[]): StackResult {
  const root: RecordedResource = {
    urn: STACK_URN,
    type: "pulumi:pulumi:Stack",
    name: `${PROJECT}-${STACK}`,
    parent: null,
    custom: false,
    protect: false,
    dependencies: [],
    propertyDependencies: {},
    inputs: {},
  };
  const byName = new Map<string, RecordedResource>();
  const resources = [root];
  for (const spec of specs) {
    const parent = spec.parent ? byName.get(spec.parent) : root;
    if (!parent) throw new Error(`fakeStack: unknown parent ${spec.parent}`);
    const urnFor = (name: string): string => {
      const r = byName.get(name);
      if (!r) throw new Error(`fakeStack: unknown resource ${name}`);
      return r.urn;
    };
    const propertyDependencies = Object.fromEntries(
      Object.entries(spec.propertyDependencies ?? {}).map(([k, names]) => [k, names.map(urnFor)]),
    );
    const dependencies = [...new Set([...(spec.dependsOn ?? []).map(urnFor), ...Object.values(propertyDependencies).flat()])];
    const resource: RecordedResource = {
      urn: urnOf(spec.type, spec.name, parent.type),
      type: spec.type,
      name: spec.name,
      parent: parent.urn,
      custom: spec.custom ?? true,
      protect: spec.protect ?? false,
      dependencies,
      propertyDependencies,
      inputs: spec.inputs ?? {},
    };
    if (spec.provider) resource.provider = `${urnFor(spec.provider)}::provider-id`;
    byName.set(spec.name, resource);
    resources.push(resource);
  }
  return { project: PROJECT, stack: STACK, resources, outputs: {}, violations: [] };
}

/** A mandatory default-storage violation on `urn`, as the pack reports one. */
export const fakeViolation = (urn: string, over: Partial<Violation> = {}): Violation => ({
  policy: "aml-default-storage-not-premium",
  policyPack: "azure-ml-workspaces",
  enforcementLevel: "mandatory",
  urn,
  message: "Default storage must not be premium.\nWorkspace 'ws' uses 'st'.",
  ...over,
});
