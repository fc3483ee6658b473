/**
 * The longest chain of dependent Azure operations in a recorded stack (pure).
 *
 * `pulumi up` can only create a resource once everything it depends on exists, so its wall time is bounded below by
 * the longest chain of such dependencies. The graph:
 * - nodes are the CUSTOM resources (each is one create operation); components, the stack and reads are not;
 * - an edge runs from A to B when B depends on A: B lists A in `dependencies` or `propertyDependencies`, or its
 *   `provider` reference names A (an explicit provider must exist first);
 * - a dependency on a component stands for the custom resources under it (its children, and theirs through nested
 *   components, but not the children of custom resources), as the SDK expands `dependsOn` on a component;
 * - parents are not dependencies: a component parent is no operation, and parenthood alone orders nothing.
 * The length is counted in NODES: the number of resources on the chain, one after another (edges = nodes - 1).
 */

export interface GraphResource {
  urn: string;
  custom: boolean;
  parent: string | null;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** `<providerUrn>::<id>`, when one was sent. */
  provider?: string;
}

export interface CriticalPath {
  /** Resources on the longest chain (0 for a stack without custom resources). */
  nodes: number;
  /** Dependencies along it: nodes - 1 (0 when empty). */
  edges: number;
  /** The chain's URNs, first operation first. */
  chain: string[];
}

/** URN of a provider reference `<urn>::<id>` (the id may be the unknown sentinel, never containing "::"). */
export function providerUrn(reference: string): string {
  const cut = reference.lastIndexOf("::");
  return cut > 0 ? reference.slice(0, cut) : reference;
}

/** For every custom resource, the custom resources it waits on (components expanded, unknown URNs dropped). */
export function operationDependencies(resources: readonly GraphResource[]): Map<string, Set<string>> {
  const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
  const children = new Map<string, GraphResource[]>();
  for (const r of resources) {
    if (r.parent === null) continue;
    const siblings = children.get(r.parent) ?? [];
    siblings.push(r);
    children.set(r.parent, siblings);
  }
  const expanded = new Map<string, string[]>();
  /** The custom resources a dependency on `urn` means. */
  const expand = (urn: string, visiting = new Set<string>()): string[] => {
    const target = byUrn.get(urn);
    if (!target) return [];
    if (target.custom) return [urn];
    const known = expanded.get(urn);
    if (known) return known;
    if (visiting.has(urn)) return [];
    visiting.add(urn);
    const result = (children.get(urn) ?? []).flatMap((child) => expand(child.urn, visiting));
    expanded.set(urn, result);
    return result;
  };

  const graph = new Map<string, Set<string>>();
  for (const r of resources) {
    if (!r.custom) continue;
    const direct = [...r.dependencies, ...Object.values(r.propertyDependencies).flat()];
    if (r.provider) direct.push(providerUrn(r.provider));
    const waitsOn = new Set(direct.flatMap((urn) => expand(urn)));
    waitsOn.delete(r.urn);
    graph.set(r.urn, waitsOn);
  }
  return graph;
}

/** The longest chain (ties broken by URN order, so the answer is deterministic); throws on a dependency cycle. */
export function criticalPath(resources: readonly GraphResource[]): CriticalPath {
  const graph = operationDependencies(resources);
  const depth = new Map<string, number>();
  const next = new Map<string, string | undefined>();
  const onStack = new Set<string>();

  const visit = (urn: string, trail: string[]): number => {
    const known = depth.get(urn);
    if (known !== undefined) return known;
    if (onStack.has(urn)) {
      const cycle = [...trail.slice(trail.indexOf(urn)), urn];
      throw new Error(`dependency cycle: ${cycle.join(" -> ")}`);
    }
    onStack.add(urn);
    let best = 0;
    let bestDependency: string | undefined;
    for (const dependency of [...(graph.get(urn) ?? [])].sort()) {
      const d = visit(dependency, [...trail, urn]);
      if (d > best) {
        best = d;
        bestDependency = dependency;
      }
    }
    onStack.delete(urn);
    depth.set(urn, best + 1);
    next.set(urn, bestDependency);
    return best + 1;
  };

  let last: string | undefined;
  let longest = 0;
  for (const urn of [...graph.keys()].sort()) {
    const d = visit(urn, []);
    if (d > longest) {
      longest = d;
      last = urn;
    }
  }
  const chain: string[] = [];
  for (let urn = last; urn !== undefined; urn = next.get(urn)) chain.unshift(urn);
  return { nodes: chain.length, edges: Math.max(0, chain.length - 1), chain };
}
