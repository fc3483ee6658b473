import { ConfigIssue, nodePublicIpProblem } from "../components/internal";
import { StackConfig } from "./config";
import { ConnectionConfig, PLAIN_KEY_RULE } from "./computeConfig";

/**
 * Compute and connection rules that need more than one entry: the network the computes sit in, whether a key came
 * from secret config (compute names are checked with the other names in `generatedNames.ts`). Pure: the secret keys
 * are handed in.
 */

type Path = (string | number)[];
type Compute = { subnetId?: string; nodePublicIp?: boolean };
interface Site {
  path: Path;
  managedNetwork: boolean;
  computes?: { clusters?: unknown; instances?: Compute[]; memberInstances?: (Compute & { group: string })[] };
  connections?: ConnectionConfig[];
  /** Groups bound on the entry (and, on a hub, on its projects). */
  boundGroups: Set<string>;
}

function sites(config: StackConfig): Site[] {
  const managed = (ws: { managedNetwork?: { isolationMode?: string } }) => ws.managedNetwork?.isolationMode !== "Disabled";
  return [
    ...(config.workspaces ?? []).map((ws, i) => ({
      path: ["workspaces", i],
      managedNetwork: managed(ws),
      computes: ws.computes,
      connections: ws.connections,
      boundGroups: new Set((ws.access ?? []).map((a) => a.group)),
    })),
    ...(config.hubs ?? []).map((hub, i) => ({
      path: ["hubs", i],
      managedNetwork: managed(hub),
      computes: hub.computes,
      connections: hub.connections,
      boundGroups: new Set([hub, ...(hub.projects ?? [])].flatMap((e) => (e.access ?? []).map((a) => a.group))),
    })),
  ];
}

/** Each cluster, instance and set of member instances (whose network settings hold for all its instances). */
function computesOf(site: Site): { path: Path; compute: Compute }[] {
  const clusters = (Array.isArray(site.computes?.clusters) ? site.computes.clusters : []) as Compute[];
  const at = (kind: string) => (compute: Compute, j: number) => ({ path: [...site.path, "computes", kind, j], compute });
  return [
    ...clusters.map(at("clusters")),
    ...(site.computes?.instances ?? []).map(at("instances")),
    ...(site.computes?.memberInstances ?? []).map(at("memberInstances")),
  ];
}

/** `secretKeys`: the config keys (`namespace:key`) the engine marks secret. */
export function computeIssues(config: StackConfig, secretKeys: ReadonlySet<string>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const site of sites(config)) {
    for (const { path, compute } of computesOf(site)) {
      // docs/azure-rules/compute.md AZ-COMPUTE-04: a subnet only without a managed network; no public IP only in a network.
      if (site.managedNetwork && compute.subnetId)
        issues.push({
          path: [...path, "subnetId"],
          value: compute.subnetId,
          rule: "the workspace has a managed network, which places its computes; a subnet only with managedNetwork.isolationMode Disabled",
        });
      const problem = nodePublicIpProblem(compute.nodePublicIp === false, site.managedNetwork, compute.subnetId);
      if (problem) issues.push({ path: [...path, "nodePublicIp"], value: false, rule: problem });
    }
    // docs/azure-rules/compute.md AZ-COMPUTE-08: instances for the members of a group this workspace binds.
    (site.computes?.memberInstances ?? []).forEach((set, j) => {
      if (!site.boundGroups.has(set.group))
        issues.push({
          path: [...site.path, "computes", "memberInstances", j, "group"],
          value: set.group,
          rule: "instances are created for members of a group bound here: bind it in this entry's access (with a role that may use computes, such as AzureML Data Scientist)",
        });
    });
    (site.connections ?? []).forEach((connection, k) => {
      if (connection.key === undefined) return;
      const keyPath = [...site.path, "connections", k, "key"];
      // docs/azure-rules/connections.md AZ-CONN-03: never echo the key itself.
      if ((connection.auth ?? "identity") !== "key")
        issues.push({ path: keyPath, value: "[not shown]", rule: "a key is used only with auth: key; remove it" });
      else if (!secretKeys.has(`azure-ml-workspaces:${site.path[0]}`))
        issues.push({ path: keyPath, value: "[not shown]", rule: PLAIN_KEY_RULE });
    });
  }
  return issues;
}
