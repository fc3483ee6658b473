import fc from "fast-check";
import { criticalPath, GraphResource, operationDependencies, providerUrn } from "../../../tools/bench/criticalPath";

const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
const urn = (name: string) => `urn:pulumi:dev::p::t::${name}`;

/** A resource by name; `deps` are dependencies, `props` property dependencies (both by name). */
function res(
  name: string,
  opts: { custom?: boolean; parent?: string; deps?: string[]; props?: Record<string, string[]>; provider?: string } = {},
): GraphResource {
  return {
    urn: urn(name),
    custom: opts.custom ?? true,
    parent: opts.parent ? urn(opts.parent) : STACK,
    dependencies: (opts.deps ?? []).map(urn),
    propertyDependencies: Object.fromEntries(Object.entries(opts.props ?? {}).map(([k, v]) => [k, v.map(urn)])),
    ...(opts.provider ? { provider: `${urn(opts.provider)}::04da6b54-80e4-46f7-96ec-b56ff0331ba9` } : {}),
  };
}
const stackResource: GraphResource = { urn: STACK, custom: false, parent: null, dependencies: [], propertyDependencies: {} };
const names = (chain: string[]) => chain.map((u) => u.split("::").pop());

describe("criticalPath", () => {
  it("counts the custom resources on the longest chain, first operation first", () => {
    const path = criticalPath([
      stackResource,
      res("rg"),
      res("log", { props: { resourceGroupName: ["rg"] } }),
      res("appi", { props: { workspaceResourceId: ["log"], resourceGroupName: ["rg"] } }),
      res("st", { deps: ["rg"] }),
      res("mlw", { deps: ["rg", "st", "appi"] }),
      res("ra", { deps: ["mlw"] }),
    ]);
    expect(path).toMatchObject({ nodes: 5, edges: 4 });
    expect(names(path.chain)).toEqual(["rg", "log", "appi", "mlw", "ra"]);
  });

  it("does not follow parents, and does not count components or the stack", () => {
    const path = criticalPath([
      stackResource,
      res("ws", { custom: false }),
      res("rg", { parent: "ws" }),
      res("child-of-custom", { parent: "rg" }),
    ]);
    expect(path.nodes).toBe(1);
  });

  it("expands a dependency on a component to the custom resources under it, through nested components only", () => {
    const resources = [
      stackResource,
      res("outer", { custom: false }),
      res("a", { parent: "outer" }),
      res("inner", { custom: false, parent: "outer" }),
      res("b", { parent: "inner", deps: ["a"] }),
      res("under-custom", { parent: "b" }),
      res("user", { deps: ["outer"] }),
    ];
    expect([...operationDependencies(resources).get(urn("user"))!].map((u) => u.split("::").pop()).sort()).toEqual(["a", "b"]);
    expect(names(criticalPath(resources).chain)).toEqual(["a", "b", "user"]);
  });

  it("waits on an explicit provider, ignores unknown URNs and self-references", () => {
    const resources = [stackResource, res("prov"), res("vault", { provider: "prov", deps: ["elsewhere", "vault"] })];
    expect(names(criticalPath(resources).chain)).toEqual(["prov", "vault"]);
    expect(providerUrn(`${urn("prov")}::id-1`)).toBe(urn("prov"));
  });

  it("is empty without custom resources", () => {
    expect(criticalPath([stackResource])).toEqual({ nodes: 0, edges: 0, chain: [] });
  });

  it("names a dependency cycle in one line", () => {
    expect(() => criticalPath([res("a", { deps: ["b"] }), res("b", { deps: ["a"] })])).toThrow(
      /^dependency cycle: \S+::a -> \S+::b -> \S+::a$/,
    );
  });

  it("finds the longest chain of any DAG: each link depends on the one before, and no resource has a deeper chain", () => {
    // Random DAGs: resource i may depend on any j < i.
    const dag = fc
      .integer({ min: 1, max: 12 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => fc.subarray(Array.from({ length: i }, (_, j) => j)))));
    fc.assert(
      fc.property(dag, (deps) => {
        const resources = deps.map((d, i) => res(`r${i}`, { deps: d.map((j) => `r${j}`) }));
        const depth: number[] = [];
        deps.forEach((d, i) => (depth[i] = 1 + Math.max(0, ...d.map((j) => depth[j]))));
        const path = criticalPath(resources);
        expect(path.nodes).toBe(Math.max(...depth));
        expect(path.edges).toBe(path.nodes - 1);
        const index = (u: string) => Number(u.split("::r").pop());
        for (let k = 1; k < path.chain.length; k++) expect(deps[index(path.chain[k])]).toContain(index(path.chain[k - 1]));
      }),
    );
  });
});
