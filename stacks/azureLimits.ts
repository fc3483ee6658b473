import { ConfigIssue, GUID_TEXT } from "../components/internal";
import { StackConfig } from "./config";

/**
 * Limits Microsoft documents for values the config passes to Azure unchanged, checked after the schema so that a
 * deployment does not fail on them halfway: network rules (docs/azure-rules/network-rules.md) and access limits
 * (docs/azure-rules/config-limits.md).
 */

type Path = (string | number)[];

/** docs/azure-rules/network-rules.md AZ-NET-01 */
export const SERVICE_TAG_PROTOCOLS = ["TCP", "UDP", "ICMP", "*"] as const;
/** docs/azure-rules/network-rules.md AZ-NET-02 */
export const OUTBOUND_RULE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$/;

/** What is wrong with a ServiceTag rule's port ranges (`443`, `80, 8080`, `8000-8999`, `*`), or undefined. */
export function portRangesProblem(text: string): string | undefined {
  const parts = text.split(",").map((part) => part.trim());
  for (const part of parts) {
    if (part === "*" && parts.length === 1) continue;
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    const [low, high] = match ? [Number(match[1]), Number(match[2] ?? match[1])] : [NaN, NaN];
    if (!match || low > 65535 || high > 65535 || low > high) {
      return `"${part}" is not a port or range: use ports 0-65535 as 443, 80,443 or 8000-8999 (low-high), or * alone`;
    }
  }
  return undefined;
}

/** A DNS host name (labels of 1-63 letters, digits or inner hyphens, at most 253 characters), `*.` first if allowed. docs/azure-rules/network-rules.md AZ-NET-03 */
export function hostNameProblem(host: string, wildcard: boolean): string | undefined {
  const name = wildcard && host.startsWith("*.") ? host.slice(2) : host;
  const label = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
  const labels = name.split(".");
  if (host.length <= 253 && labels.length >= 2 && labels.every((l) => label.test(l))) return undefined;
  const form = wildcard
    ? "a host name such as pypi.org or *.anaconda.com"
    : "a host name such as mydata.blob.core.windows.net (no wildcard)";
  return `must be ${form}: labels of 1-63 letters, digits or inner hyphens, at most 253 characters, no scheme, path or port`;
}

function outboundRuleIssues(base: Path, rules: Record<string, Record<string, unknown>>): ConfigIssue[] {
  return Object.entries(rules).flatMap(([name, rule]): ConfigIssue[] => {
    const at = [...base, "managedNetwork", "outboundRules", name];
    if (!OUTBOUND_RULE_NAME.test(name))
      return [{ path: at, value: name, rule: "outbound rule names are 3-33 letters, digits, _ or -, starting with a letter or digit" }];
    if (rule.type === "ServiceTag") {
      const protocol = String(rule.protocol);
      if (!(SERVICE_TAG_PROTOCOLS as readonly string[]).includes(protocol)) {
        const twin = SERVICE_TAG_PROTOCOLS.find((p) => p.toLowerCase() === protocol.toLowerCase());
        const hint = twin ? ` (did you mean "${twin}"?)` : "";
        return [{ path: [...at, "protocol"], value: rule.protocol, rule: `must be one of TCP, UDP, ICMP or *${hint}` }];
      }
      const ports = portRangesProblem(String(rule.portRanges));
      return ports ? [{ path: [...at, "portRanges"], value: rule.portRanges, rule: ports }] : [];
    }
    if (rule.type === "FQDN") {
      const problem = hostNameProblem(String(rule.destination), true);
      return problem ? [{ path: [...at, "destination"], value: rule.destination, rule: problem }] : [];
    }
    const fqdns = (rule.fqdns as string[] | undefined) ?? [];
    return fqdns.flatMap((host, k) => {
      const problem = hostNameProblem(host, false);
      return problem ? [{ path: [...at, "fqdns", k], value: host, rule: problem }] : [];
    });
  });
}

/** docs/azure-rules/config-limits.md AZ-LIMIT-01, AZ-LIMIT-02 */
export const CUSTOM_ROLE_LIMITS = { name: 512, description: 2048, assignableScopes: 2000 } as const;
const SUBSCRIPTION_SCOPE = new RegExp(`^/subscriptions/${GUID_TEXT}(?:/resourceGroups/[-\\w.()]{0,89}[-\\w()])?$`, "i");
const MANAGEMENT_GROUP_SCOPE = /^\/providers\/Microsoft\.Management\/managementGroups\/[-\w.()]{1,90}$/i;

function customRoleIssues(roles: NonNullable<StackConfig["customRoles"]>): ConfigIssue[] {
  return Object.entries(roles).flatMap(([key, role]): ConfigIssue[] => {
    const at = ["customRoles", key];
    if (key.length > CUSTOM_ROLE_LIMITS.name)
      return [
        { path: at, value: key, rule: `the key is the role's name: at most ${CUSTOM_ROLE_LIMITS.name} characters (got ${key.length})` },
      ];
    if ((role.description?.length ?? 0) > CUSTOM_ROLE_LIMITS.description) {
      const rule = `a role description is at most ${CUSTOM_ROLE_LIMITS.description} characters (got ${role.description!.length})`;
      return [{ path: [...at, "description"], value: role.description, rule }];
    }
    const scopes = role.assignableScopes ?? [];
    if (scopes.length > CUSTOM_ROLE_LIMITS.assignableScopes)
      return [{ path: [...at, "assignableScopes"], value: scopes.length, rule: `at most ${CUSTOM_ROLE_LIMITS.assignableScopes} scopes` }];
    const bad = scopes.findIndex((scope) => !SUBSCRIPTION_SCOPE.test(scope) && !MANAGEMENT_GROUP_SCOPE.test(scope));
    if (bad >= 0) {
      const rule =
        "must be a subscription (/subscriptions/<guid>), resource group (/subscriptions/<guid>/resourceGroups/<name>) or management group (/providers/Microsoft.Management/managementGroups/<id>) id; never / and no wildcards";
      return [{ path: [...at, "assignableScopes", bad], value: scopes[bad], rule }];
    }
    const groups = scopes.filter((scope) => MANAGEMENT_GROUP_SCOPE.test(scope));
    if (groups.length > 1)
      return [{ path: [...at, "assignableScopes"], value: groups, rule: "a custom role may name only one management group" }];
    return [];
  });
}

/** docs/azure-rules/config-limits.md AZ-LIMIT-03, AZ-LIMIT-04 */
export const GROUP_DISPLAY_NAME_MAX = 256;

function groupIssues(groups: NonNullable<StackConfig["groups"]>): ConfigIssue[] {
  const created = new Map<string, string>();
  return Object.entries(groups).flatMap(([key, spec]): ConfigIssue[] => {
    const given = spec as { displayName?: string; create?: { displayName: string } };
    const [name, path] = given.create
      ? [given.create.displayName, ["groups", key, "create", "displayName"]]
      : [given.displayName, ["groups", key, "displayName"]];
    if (name === undefined) return [];
    if (name.length > GROUP_DISPLAY_NAME_MAX)
      return [{ path, value: name, rule: `group display names are at most ${GROUP_DISPLAY_NAME_MAX} characters (got ${name.length})` }];
    if (!given.create) return [];
    const first = created.get(name.toLowerCase());
    if (first !== undefined) {
      const rule = `groups.${first} creates a group with this display name already; two groups of one name cannot be told apart by name`;
      return [{ path, value: name, rule }];
    }
    created.set(name.toLowerCase(), key);
    return [];
  });
}

/** Every documented Azure limit the config breaks (empty when it keeps them all). */
export function azureLimitIssues(config: StackConfig): ConfigIssue[] {
  const networked = [
    ...(config.workspaces ?? []).map((ws, i) => ({ path: ["workspaces", i] as Path, ws })),
    ...(config.hubs ?? []).map((ws, i) => ({ path: ["hubs", i] as Path, ws })),
  ];
  return [
    ...networked.flatMap(({ path, ws }) =>
      outboundRuleIssues(path, (ws.managedNetwork?.outboundRules ?? {}) as Record<string, Record<string, unknown>>),
    ),
    ...customRoleIssues(config.customRoles ?? {}),
    ...groupIssues(config.groups ?? {}),
  ];
}
