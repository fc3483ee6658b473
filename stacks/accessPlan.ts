import { findBuiltInRole } from "../components";
import { LocatedBinding, CONNECTION_TARGET_ROLES } from "../components/internal";
import { StackConfig } from "./config";
import { ConnectionConfig } from "./computeConfig";
import { resourceGroupNameOf, scopeKeys } from "./scopeKeys";
import { azureNameOf } from "./renames";
import { featureStoreGrants } from "./featureStoreConfig";

/**
 * Every group role assignment a stack config leads to, in one place: the bindings written in config, Reader on a
 * hub for project members, and the data-plane roles data scientists need on storage with shared keys off. The
 * validation checks exactly this list and the program creates exactly this list. Pure: no Pulumi.
 */

/** The workspace (hub, project) a grant belongs to, as the program knows its components. */
export type Owner = { kind: "workspace"; name: string } | { kind: "hub"; name: string } | { kind: "project"; hub: string; name: string };

export type GrantTarget =
  | { kind: "self"; owner: Owner }
  | { kind: "resourceGroup"; owner: Owner; name: string }
  /** The default storage account of a workspace or hub (a project's is its hub's). */
  | { kind: "storage"; owner: Owner }
  /** docs/azure-rules/identity-and-access.md AZ-ACCESS-07: the owner's own blobstore container on a shared account. */
  | { kind: "blobstoreContainer"; owner: Owner; storageOf: Owner }
  | { kind: "datastoreContainer"; owner: Owner; datastore: string }
  | { kind: "shared"; resource: string }
  /** The resource a connection of the owner points at (its ARM id, from config). */
  | { kind: "connectionTarget"; owner: Owner; connection: string; resourceId: string }
  /** The storage account behind a datastore of the owner (the account of its container). */
  | { kind: "datastoreAccount"; owner: Owner; datastore: string };

export interface PlannedGrant {
  /** Config path of the binding that causes it. */
  path: (string | number)[];
  /** Logical scope: names the assignment, so it never changes while the scope exists. */
  scopeKey: string;
  target: GrantTarget;
  group: string;
  role: string;
  /** The RoleBindings component that creates it. */
  component: string;
  /** Written in config, or derived (and why). */
  why: string;
  /** Set for a grant to a workspace's (hub's) own identity rather than to a group; `group` then only names it. */
  identityOf?: Owner;
  /** Which identity of `identityOf`: the workspace's own (default) or a feature store's materialization identity. */
  identity?: "workspace" | "materialization";
}

/** The `group` of identity grants: part of the assignment's name, never a key of `groups`. */
export const IDENTITY_PRINCIPAL = "@workspace-identity";

/** docs/azure-rules/identity-and-access.md AZ-ACCESS-03: the roles that make a group "data scientists" here. */
export const DATA_SCIENTIST_ROLES = ["AzureML Data Scientist", "Azure AI Developer"] as const;
const BLOB = "Storage Blob Data Contributor";
const FILE = "Storage File Data Privileged Contributor";

/** docs/azure-rules/identity-and-access.md AZ-ACCESS-08: roles that read or change data on a whole shared resource. */
export const SHARED_DATA_ROLES = [
  "Storage Blob Data Contributor",
  "Storage Blob Data Reader",
  "Storage File Data Privileged Contributor",
  "Storage File Data Privileged Reader",
  "Key Vault Administrator",
  "Key Vault Secrets User",
  "AcrPush",
  "AcrPull",
];

export const isDataScientistRole = (role: string) =>
  (DATA_SCIENTIST_ROLES as readonly string[]).includes(findBuiltInRole(role)?.name ?? "");

type Entry = { group: string; role: string; scope?: string };
interface Site {
  owner: Owner;
  base: (string | number)[];
  key: string;
  rgName: string;
  access?: Entry[];
  suspended?: boolean;
  /** Whose storage it uses and whether other workspaces share that account. */
  storageOf: Owner;
  sharedStorage: boolean;
  accountWideFileAccess?: boolean;
  datastores?: { name: string }[];
}

export const componentOf = (owner: Owner) => `${owner.name}-access`;

export function accessPlan(config: StackConfig): PlannedGrant[] {
  const defined = new Set(Object.keys(config.groups ?? {}));
  const explicit: PlannedGrant[] = [];
  const derived: PlannedGrant[] = [];
  for (const site of sites(config)) {
    if (site.suspended) continue;
    const component = componentOf(site.owner);
    (site.access ?? []).forEach((entry, k) => {
      const path = [...site.base, "access", k];
      const rg = entry.scope === "resourceGroup";
      explicit.push({
        path,
        scopeKey: rg ? scopeKeys.resourceGroup(site.rgName) : site.key,
        target: rg ? { kind: "resourceGroup", owner: site.owner, name: site.rgName } : { kind: "self", owner: site.owner },
        group: entry.group,
        role: entry.role,
        component,
        why: "bound in config",
      });
      if (!defined.has(entry.group)) return;
      const add = (grant: Omit<PlannedGrant, "path" | "group" | "component">) =>
        derived.push({ ...grant, path, group: entry.group, component });
      if (site.owner.kind === "project") {
        // Created by the hub's RoleBindings, where it always was, so existing stacks see no replacement.
        const hubGrant = {
          scopeKey: scopeKeys.hub(site.storageOf.name),
          target: { kind: "self" as const, owner: site.storageOf },
          role: "Reader",
        };
        derived.push({
          ...hubGrant,
          path,
          group: entry.group,
          component: componentOf(site.storageOf),
          why: "project members need Reader on the hub (AZ-ACCESS-06)",
        });
      }
      if (!isDataScientistRole(entry.role)) return;
      const storageKey = `storage/${site.key}`;
      if (site.sharedStorage) {
        add({
          scopeKey: storageKey,
          target: { kind: "blobstoreContainer", owner: site.owner, storageOf: site.storageOf },
          role: BLOB,
          why: "studio data with shared keys off, limited to this workspace's container (AZ-ACCESS-03, AZ-ACCESS-07)",
        });
        if (site.accountWideFileAccess) {
          add({
            scopeKey: `storage/${keyOf(site.storageOf)}`,
            target: { kind: "storage", owner: site.storageOf },
            role: FILE,
            why: "notebooks and compute instances with shared keys off, whole shared account: accountWideFileAccess (AZ-ACCESS-08)",
          });
        }
      } else {
        add({
          scopeKey: storageKey,
          target: { kind: "storage", owner: site.storageOf },
          role: BLOB,
          why: "studio data with shared keys off (AZ-ACCESS-03)",
        });
        add({
          scopeKey: storageKey,
          target: { kind: "storage", owner: site.storageOf },
          role: FILE,
          why: "notebooks and compute instances with shared keys off (AZ-ACCESS-03)",
        });
      }
      for (const ds of site.datastores ?? []) {
        add({
          scopeKey: `datastore/${site.key}/${ds.name.toLowerCase()}`,
          target: { kind: "datastoreContainer", owner: site.owner, datastore: ds.name },
          role: BLOB,
          why: `datastore ${ds.name} (AZ-ACCESS-05)`,
        });
      }
    });
  }
  (config.shared?.access ?? []).forEach((entry, k) =>
    explicit.push({
      path: ["shared", "access", k],
      scopeKey: scopeKeys.shared(entry.resource),
      target: { kind: "shared", resource: entry.resource },
      group: entry.group,
      role: entry.role,
      component: `${config.shared!.name}-access`,
      why: "bound in config",
    }),
  );
  return [...explicit, ...dedupe(explicit, derived), ...connectionGrants(config), ...featureStoreGrants(config)];
}

/**
 * docs/azure-rules/connections.md AZ-CONN-02: the workspace (hub) identity gets the role its Entra ID connections
 * need on their targets. Kept while a workspace is suspended: they grant no person anything.
 */
function connectionGrants(config: StackConfig): PlannedGrant[] {
  type Site = [Owner, { connections?: ConnectionConfig[] }, (string | number)[]];
  const owners: Site[] = [
    ...(config.workspaces ?? []).map((ws, i): Site => [{ kind: "workspace", name: azureNameOf(ws) }, ws, ["workspaces", i]]),
    ...(config.hubs ?? []).map((hub, i): Site => [{ kind: "hub", name: azureNameOf(hub) }, hub, ["hubs", i]]),
  ];
  return owners.flatMap(([owner, ws, base]) =>
    (ws.connections ?? []).flatMap((c, k): PlannedGrant[] =>
      (c.auth ?? "identity") !== "identity"
        ? []
        : [
            {
              path: [...base, "connections", k],
              scopeKey: `connection/${keyOf(owner)}/${c.name.toLowerCase()}`,
              target: { kind: "connectionTarget", owner, connection: c.name, resourceId: c.resourceId },
              group: IDENTITY_PRINCIPAL,
              role: CONNECTION_TARGET_ROLES[c.category],
              component: componentOf(owner),
              why: `connection ${c.name} authenticates with the workspace identity (AZ-CONN-02)`,
              identityOf: owner,
            },
          ],
    ),
  );
}

/** Derived grants an explicit binding (or an earlier derived one) already covers are left out. */
function dedupe(explicit: PlannedGrant[], derived: PlannedGrant[]): PlannedGrant[] {
  const id = (g: PlannedGrant) => JSON.stringify([g.scopeKey, g.group, g.role.trim().toLowerCase()]);
  const seen = new Set(explicit.map(id));
  return derived.filter((g) => !seen.has(id(g)) && (seen.add(id(g)), true));
}

/** The key of a feature store's materialization identity among the program's identities. */
export const materializationKeyOf = (owner: Owner) => `materialization/${keyOf(owner)}`;
/** The key of an identity grant's principal among the program's identities. */
export const principalKeyOf = (grant: PlannedGrant) =>
  grant.identity === "materialization" ? materializationKeyOf(grant.identityOf!) : keyOf(grant.identityOf!);

export function keyOf(owner: Owner): string {
  return owner.kind === "project"
    ? scopeKeys.project(owner.hub, owner.name)
    : owner.kind === "hub"
      ? scopeKeys.hub(owner.name)
      : scopeKeys.workspace(owner.name);
}

function sites(config: StackConfig): Site[] {
  return [
    ...(config.workspaces ?? []).map((ws, i): Site => {
      // Keyed by the first name: a rename through aliases keeps every assignment's name. docs/azure-rules/data-protection.md AZ-DATA-09
      const owner: Owner = { kind: "workspace", name: azureNameOf(ws) };
      return {
        owner,
        base: ["workspaces", i],
        key: keyOf(owner),
        rgName: resourceGroupNameOf(ws),
        access: ws.access,
        suspended: ws.suspended,
        storageOf: owner,
        sharedStorage: !!ws.sharedResources,
        accountWideFileAccess: ws.accountWideFileAccess,
        datastores: ws.datastores,
      };
    }),
    ...(config.hubs ?? []).flatMap((hub, i): Site[] => {
      const owner: Owner = { kind: "hub", name: azureNameOf(hub) };
      const rgName = resourceGroupNameOf(hub);
      return [
        {
          owner,
          base: ["hubs", i],
          key: keyOf(owner),
          rgName,
          access: hub.access,
          suspended: hub.suspended,
          storageOf: owner,
          sharedStorage: !!hub.sharedResources,
          accountWideFileAccess: hub.accountWideFileAccess,
        },
        ...(hub.projects ?? []).map((p, j): Site => {
          const prj: Owner = { kind: "project", hub: azureNameOf(hub), name: azureNameOf(p) };
          // docs/azure-rules/workspaces.md AZ-WS-05: a hub's projects share its storage, each isolated to its own containers.
          return {
            owner: prj,
            base: ["hubs", i, "projects", j],
            key: keyOf(prj),
            rgName,
            access: p.access,
            suspended: hub.suspended || p.suspended,
            storageOf: owner,
            sharedStorage: true,
            accountWideFileAccess: p.accountWideFileAccess,
          };
        }),
      ];
    }),
  ];
}

/** The plan as the binding checks see it: group grants only. */
export function plannedBindings(config: StackConfig): LocatedBinding[] {
  return accessPlan(config)
    .filter((g) => !g.identityOf)
    .map((g) => ({ path: g.path, scopeKey: g.scopeKey, binding: { group: g.group, role: g.role } }));
}
