import { ConfigIssue, nodePublicIpProblem } from "../components/internal";
import { StackConfig } from "./config";
import { ConnectionConfig, PLAIN_KEY_RULE } from "./computeConfig";

/**
 * Compute and connection rules that need more than one entry: the network the computes sit in, whether a key came
 * from secret config (compute names are checked with the other names in `generatedNames.ts`). Pure: the secret keys
 * are handed in.
 */

type Path = (string | number)[];
interface Site {
  path: Path;
  managedNetwork: boolean;
  computes?: { clusters?: unknown; instances?: { name: string; subnetId?: string; nodePublicIp?: boolean }[] };
  connections?: ConnectionConfig[];
}

function sites(config: StackConfig): Site[] {
  const managed = (ws: { managedNetwork?: { isolationMode?: string } }) => ws.managedNetwork?.isolationMode !== "Disabled";
  return [
    ...(config.workspaces ?? []).map((ws, i) => ({
      path: ["workspaces", i],
      managedNetwork: managed(ws),
      computes: ws.computes,
      connections: ws.connections,
    })),
    ...(config.hubs ?? []).map((hub, i) => ({
      path: ["hubs", i],
      managedNetwork: managed(hub),
      computes: hub.computes,
      connections: hub.connections,
    })),
  ];
}

type Compute = { name: string; subnetId?: string; nodePublicIp?: boolean };
function computesOf(site: Site): { path: Path; compute: Compute }[] {
  const clusters = (Array.isArray(site.computes?.clusters) ? site.computes.clusters : []) as Compute[];
  return [
    ...clusters.map((compute, j) => ({ path: [...site.path, "computes", "clusters", j], compute })),
    ...(site.computes?.instances ?? []).map((compute, j) => ({ path: [...site.path, "computes", "instances", j], compute })),
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
