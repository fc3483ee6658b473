import * as pulumi from "@pulumi/pulumi";
import * as ml from "@pulumi/azure-native/machinelearningservices";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as naming from "./naming";
import { childOptions } from "./resourceOptions";
import { IdentityArgs, identityInputs } from "./workspaceSettings";

/**
 * The parts that make a workspace a managed feature store (kind `FeatureStore`): the user-assigned materialization
 * identity, the offline store (an ADLS Gen2 container reached through a connection that authenticates as that
 * identity) and `featureStoreSettings`. Used by `Workspace`; the identity's roles come from the access plan.
 * docs/azure-rules/workspaces.md AZ-WS-07
 */

export interface FeatureStoreArgs {
  /** Name of the workspace's `adlsgen2` datastore whose container is the offline (materialization) store. Required. */
  readonly offlineStoreDatastore: string;
  /** Spark runtime of the materialization jobs (`featureStoreSettings.computeRuntime`). Defaults to Azure's. */
  readonly sparkRuntimeVersion?: string;
}

/** The connection `featureStoreSettings.offlineStoreConnectionName` names; the SDK recognises this prefix. */
export const OFFLINE_STORE_CONNECTION = "OfflineStoreConnectionName";

/** Refuses a feature store whose offline store is not one of its ADLS Gen2 datastores, before anything is registered. */
export function validateFeatureStore(name: string, fs: FeatureStoreArgs | undefined, datastores: { name: string; type?: string }[]): void {
  if (!fs) return;
  const ds = datastores.find((d) => d.name === fs.offlineStoreDatastore);
  if (ds?.type !== "adlsgen2")
    throw new Error(`${name}: featureStore.offlineStoreDatastore "${fs.offlineStoreDatastore}" must name one of its adlsgen2 datastores`);
}

/** The user-assigned identity materialization jobs run as, in the workspace's resource group. */
export function materializationIdentity(
  owner: pulumi.ComponentResource,
  name: string,
  args: {
    resourceGroupName: pulumi.Input<string>;
    location?: pulumi.Input<string>;
    baseName: string;
    nameSuffix: string;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  },
  opts?: pulumi.ResourceOptions,
): managedidentity.UserAssignedIdentity {
  return new managedidentity.UserAssignedIdentity(
    naming.childName(name, "materialization"),
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      resourceName: `id-fs-${args.baseName}-${args.nameSuffix}`,
      tags: args.tags,
    },
    childOptions(owner, opts),
  );
}

/**
 * Workspace inputs of a feature store: the materialization identity beside the workspace's own identities (the
 * workspace keeps acting as its primary identity) and the settings naming the offline store connection.
 */
export function featureStoreInputs(fs: FeatureStoreArgs, identity: IdentityArgs | undefined, mi: managedidentity.UserAssignedIdentity) {
  const own = identityInputs(identity).identity;
  return {
    identity: {
      type: own.type === "UserAssigned" ? "UserAssigned" : "SystemAssigned,UserAssigned",
      userAssignedIdentities: pulumi.output(own.userAssignedIdentities ?? []).apply((ids) => [...(ids as string[]), mi.id]),
    },
    featureStoreSettings: {
      offlineStoreConnectionName: OFFLINE_STORE_CONNECTION,
      computeRuntime: fs.sparkRuntimeVersion ? { sparkRuntimeVersion: fs.sparkRuntimeVersion } : undefined,
    },
  } satisfies Partial<ml.WorkspaceArgs>;
}

/** The offline store connection: category ADLSGen2, the container's ARM id as target, the materialization identity. */
export function addOfflineStoreConnection(
  owner: pulumi.ComponentResource,
  name: string,
  args: { resourceGroupName: pulumi.Input<string>; workspaceName: pulumi.Input<string>; containerId: pulumi.Input<string> },
  mi: managedidentity.UserAssignedIdentity,
  opts?: pulumi.ResourceOptions,
): ml.WorkspaceConnection {
  return new ml.WorkspaceConnection(
    naming.childName(name, "offline-store"),
    {
      resourceGroupName: args.resourceGroupName,
      workspaceName: args.workspaceName,
      connectionName: OFFLINE_STORE_CONNECTION,
      properties: {
        authType: "ManagedIdentity",
        category: "ADLSGen2",
        target: args.containerId,
        credentials: { clientId: mi.clientId, resourceId: mi.id },
      },
    },
    childOptions(owner, opts),
  );
}
