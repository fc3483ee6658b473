import * as pulumi from "@pulumi/pulumi";
import * as ml from "@pulumi/azure-native/machinelearningservices";
import * as monitor from "@pulumi/azure-native/monitor";
import * as authorization from "@pulumi/azure-native/authorization";
import { AssociatedResources, AssociatedResourcesArgs, assertDefaultStorageAllowed } from "./associatedResources";
import { SharedResourceIds } from "./associatedSettings";
import { grantPrimaryIdentity } from "./identityGrants";
import * as naming from "./naming";
import { childOptions, componentChildOptions, withIgnoreChanges } from "./resourceOptions";
import { BaseWorkspaceArgs, ManagedNetworkArgs, identityInputs, managedNetworkInputs, studioUrl } from "./workspaceSettings";
import { ENCRYPTION_REPLACE_ON_CHANGES, EncryptionArgs, encryptionGuard, encryptionInputs } from "./encryption";
import { InboundEndpointArgs, addInboundEndpoints } from "./network/inbound";

type AssociatedChoice = Pick<AssociatedResourcesArgs, "storage" | "keyVault" | "monitoring" | "containerRegistry">;

/** Arguments common to a `Default` workspace and a `Hub`. */
export interface WorkspaceCoreArgs extends BaseWorkspaceArgs {
  /** Defaults to the resource group's location (the provider's `location`). */
  readonly location?: pulumi.Input<string>;
  /** Defaults to a managed network with `AllowInternetOutbound`. */
  readonly managedNetwork?: ManagedNetworkArgs;
  /** Dedicated associated resources, each created with secure defaults or taken by id. Defaults to all created. Exclusive with `shared`. */
  readonly associated?: AssociatedChoice;
  /** A precreated associated set. Exclusive with `associated`. */
  readonly shared?: SharedResourceIds;
  /** High business impact: less telemetry, encrypted scratch disks; set at creation only. Defaults to `false`. */
  readonly hbiWorkspace?: boolean;
  /** How the system datastores authenticate. Defaults to `identity` (no account keys stored in the workspace). */
  readonly systemDatastoresAuthMode?: "identity" | "accesskey";
  /** Diagnostic settings to the Log Analytics workspace, when there is one. Defaults to `true`. */
  readonly diagnostics?: boolean;
  /**
   * Grant a user-assigned primary identity the roles Azure ML documents for it (Contributor on the workspace and
   * its associated resources, Storage Blob Data Contributor, Key Vault Administrator). Defaults to `true`. A
   * system-assigned identity gets its roles from Azure ML itself, so nothing is granted for it.
   */
  readonly grantIdentityRoles?: boolean;
  /**
   * `enableDataIsolation`: containers, secrets and images prefixed with the workspace's GUID. Defaults to `true` on a
   * shared set, else Azure's default (on for hubs). Set at creation only: later changes are ignored.
   */
  readonly dataIsolation?: boolean;
  /** Entra tenant for a new key vault. Defaults to the provider's client configuration. */
  readonly tenantId?: pulumi.Input<string>;
  /** Subscription for role definition ids. Defaults to the provider's client configuration. */
  readonly subscriptionId?: pulumi.Input<string>;
  /**
   * An inbound private endpoint (group `amlworkspace`) with its DNS zone group. Defaults to none. With one,
   * `publicNetworkAccess` defaults to `Disabled`.
   */
  readonly inbound?: InboundEndpointArgs;
  /** Provision the managed network when the workspace is created rather than with its first compute. Defaults to `false`. */
  readonly provisionNetworkNow?: boolean;
  /** Customer-managed key encryption; needs a user-assigned primary identity. Set at creation. Defaults to Microsoft-managed keys. */
  readonly encryption?: EncryptionArgs;
  /** `CanNotDelete` locks on the dedicated storage, key vault, Log Analytics workspace and registry. Defaults to `false`. */
  readonly locks?: boolean;
}

export interface WorkspaceCoreOutputs {
  workspace: ml.Workspace;
  associated: AssociatedResources;
  workspaceId: pulumi.Output<string>;
  workspaceName: pulumi.Output<string>;
  studioUrl: pulumi.Output<string>;
  principalId: pulumi.Output<string | undefined>;
  subscriptionId: pulumi.Input<string>;
}

/** Checks what can be checked synchronously; components call it before `super` so a refusal registers nothing. */
export function validateWorkspaceCoreArgs(name: string, args: WorkspaceCoreArgs): void {
  const baseName = args.baseName ?? name;
  if (!naming.LOGICAL_NAME.test(baseName)) {
    throw new Error(`${name}: baseName '${baseName}' is not a valid logical name: ${naming.LOGICAL_NAME_RULE}`);
  }
  if (args.shared && args.associated) throw new Error(`${name}: set either 'shared' or 'associated', not both`);
  // docs/azure-rules/encryption.md AZ-CMK-03: the key's role must exist before the workspace reads the key.
  if (args.encryption && (args.identity?.userAssignedIdentityIds ?? []).length === 0) {
    throw new Error(`${name}: encryption needs a user-assigned identity (identity.userAssignedIdentityIds) to read the key`);
  }
  assertDefaultStorageAllowed(name, args.associated?.storage, args.systemDatastoresAuthMode);
}

/** Builds a `Default` workspace, a `FeatureStore` or a `Hub` with its associated resources, diagnostics and identity access, under `owner`. */
export function buildWorkspaceCore(
  owner: pulumi.ComponentResource,
  name: string,
  args: WorkspaceCoreArgs,
  kind: { kind: "Default" | "Hub" | "FeatureStore"; namePrefix: string; inputs?: Partial<ml.WorkspaceArgs> },
  opts?: pulumi.ResourceOptions,
): WorkspaceCoreOutputs {
  const baseName = args.baseName ?? name;
  const nameSuffix = args.nameSuffix ?? naming.defaultNameSuffix();
  const clientConfig = args.tenantId && args.subscriptionId ? undefined : authorization.getClientConfigOutput({ parent: owner });
  const tenantId = args.tenantId ?? clientConfig!.tenantId;
  const subscriptionId = args.subscriptionId ?? clientConfig!.subscriptionId;
  const shared = args.shared;

  const associated = new AssociatedResources(
    naming.childName(name, "assoc"),
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      baseName,
      nameSuffix,
      tenantId,
      tags: args.tags,
      protect: args.protect,
      locks: args.locks,
      systemDatastoresAuthMode: args.systemDatastoresAuthMode,
      shared,
      ...args.associated,
    },
    componentChildOptions(owner, opts),
  );

  const { identity, primaryUserAssignedIdentity } = identityInputs(args.identity);
  const scopeKey = `${kind.kind.toLowerCase()}/${baseName}`;
  const identityGrants =
    (args.grantIdentityRoles ?? true)
      ? grantPrimaryIdentity(owner, name, {
          scopeKey,
          identity: args.identity,
          subscriptionId,
          hasRegistry: associated.containerRegistryId !== undefined,
          scopes: {
            storage: associated.storageAccountId,
            keyVault: associated.keyVaultId,
            containerRegistry: associated.containerRegistryId,
            applicationInsights: associated.applicationInsightsId,
            encryptionKeyVault: args.encryption?.keyVaultId,
          },
          opts,
        })
      : undefined;
  // docs/azure-rules/workspaces.md AZ-WS-01: workspaces sharing a set keep their data apart.
  const dataIsolation = args.dataIsolation ?? (shared ? true : undefined);
  const workspace = new ml.Workspace(
    naming.childName(name, kind.namePrefix),
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      workspaceName: args.workspaceName ?? naming.workspaceName(baseName, nameSuffix, kind.namePrefix),
      kind: kind.kind,
      sku: { name: args.sku ?? "Basic", tier: args.sku ?? "Basic" },
      friendlyName: args.friendlyName,
      description: args.description,
      tags: args.tags,
      identity,
      primaryUserAssignedIdentity,
      storageAccount: associated.storageAccountId,
      keyVault: associated.keyVaultId,
      applicationInsights: associated.applicationInsightsId,
      containerRegistry: associated.containerRegistryId,
      // docs/azure-rules/private-networking.md AZ-PE-07: reachable by default, privately when there is an endpoint.
      publicNetworkAccess: args.publicNetworkAccess ?? (args.inbound ? "Disabled" : "Enabled"),
      managedNetwork: managedNetworkInputs(args.managedNetwork),
      provisionNetworkNow: args.provisionNetworkNow,
      ...encryptionInputs(args.encryption, primaryUserAssignedIdentity),
      hbiWorkspace: args.hbiWorkspace ?? false,
      systemDatastoresAuthMode: args.systemDatastoresAuthMode ?? "identity",
      enableDataIsolation: dataIsolation,
      ...kind.inputs,
    },
    // docs/azure-rules/workspaces.md AZ-WS-02: data isolation is set at creation only, so existing workspaces keep theirs.
    withIgnoreChanges(
      {
        ...childOptions(owner, opts, "workspace", args.protect),
        dependsOn: identityGrants?.before,
        // docs/azure-rules/encryption.md AZ-CMK-04: a change Azure refuses shows as a replacement, which `protect` refuses.
        replaceOnChanges: ENCRYPTION_REPLACE_ON_CHANGES,
        ...encryptionGuard(args.encryption),
      },
      ["enableDataIsolation"],
    ),
  );
  identityGrants?.onWorkspace(workspace.id);
  if (args.inbound) {
    addInboundEndpoints(owner, naming.childName(name, "inbound"), {
      ...args.inbound,
      // docs/azure-rules/private-networking.md AZ-PE-09: created associated resources with public access off, too.
      targets: [
        { target: "workspace", id: workspace.id, endpointName: `pe-${kind.namePrefix}-${baseName}-${nameSuffix}` },
        ...associated.privateTargets.map((t) => ({ ...t, endpointName: `pe-${kind.namePrefix}-${t.target}-${baseName}-${nameSuffix}` })),
      ],
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      tags: args.tags,
    });
  }

  const logAnalyticsWorkspaceId = associated.logAnalyticsWorkspaceId;
  if ((args.diagnostics ?? true) && logAnalyticsWorkspaceId) {
    new monitor.DiagnosticSetting(
      naming.childName(name, "diag"),
      {
        name: "to-log-analytics",
        resourceUri: workspace.id,
        workspaceId: logAnalyticsWorkspaceId,
        logs: [{ categoryGroup: "allLogs", enabled: true }],
        metrics: [{ category: "AllMetrics", enabled: true }],
      },
      childOptions(owner, opts),
    );
  }

  return {
    workspace,
    associated,
    workspaceId: workspace.id,
    workspaceName: workspace.name,
    studioUrl: studioUrl(workspace.id),
    principalId: workspace.identity.apply((i) => i?.principalId),
    subscriptionId,
  };
}
