import * as pulumi from "@pulumi/pulumi";
import * as ml from "@pulumi/azure-native/machinelearningservices";
import { AssociatedResources } from "./associatedResources";
import { Datastores, DatastoreSpec, validateDatastores } from "./datastores";
import { componentChildOptions } from "./resourceOptions";
import { ServerlessComputeArgs, serverlessComputeInputs } from "./computes";
import { WorkspaceCoreArgs, buildWorkspaceCore, validateWorkspaceCoreArgs } from "./workspaceCore";
import {
  FeatureStoreArgs,
  addOfflineStoreConnection,
  featureStoreInputs,
  materializationIdentity,
  validateFeatureStore,
} from "./featureStore";
import * as naming from "./naming";

export interface WorkspaceArgs extends WorkspaceCoreArgs, ServerlessComputeArgs {
  /**
   * Extra datastores (blob or ADLS Gen2), authenticated by the workspace identity. Their accounts may be
   * premium or have hierarchical namespace: only the default storage is restricted. Defaults to none.
   */
  readonly datastores?: DatastoreSpec[];
  /**
   * Makes the workspace a managed feature store (kind `FeatureStore`) whose offline store is one of its ADLS Gen2
   * datastores, with a user-assigned materialization identity. Defaults to none (kind `Default`).
   */
  readonly featureStore?: FeatureStoreArgs;
}

/**
 * An Azure Machine Learning workspace (kind `Default`, or `FeatureStore` with `featureStore`) with its associated
 * resources, dedicated or shared, diagnostic settings, identity access to its default storage and optional extra
 * datastores.
 */
export class Workspace extends pulumi.ComponentResource {
  public readonly workspace: ml.Workspace;
  public readonly associated: AssociatedResources;
  public readonly workspaceId: pulumi.Output<string>;
  public readonly workspaceName: pulumi.Output<string>;
  /** `https://ml.azure.com/?wsid=<id>` */
  public readonly studioUrl: pulumi.Output<string>;
  public readonly principalId: pulumi.Output<string | undefined>;
  /** The workspace's immutable GUID (`workspaceId`): with data isolation, its containers start with it. */
  public readonly workspaceGuid: pulumi.Output<string>;
  /** ARM ids of the extra datastores' containers, by datastore name. */
  public readonly datastoreContainerIds: Record<string, pulumi.Output<string>> = {};
  public readonly storageAccountId: pulumi.Output<string>;
  public readonly keyVaultId: pulumi.Output<string>;
  public readonly applicationInsightsId: pulumi.Output<string>;
  public readonly containerRegistryId: pulumi.Output<string | undefined>;
  public readonly logAnalyticsWorkspaceId: pulumi.Output<string | undefined>;
  /** Principal id of the feature store's materialization identity; undefined without `featureStore`. */
  public readonly materializationPrincipalId?: pulumi.Output<string>;

  constructor(name: string, args: WorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
    validateWorkspaceCoreArgs(name, args);
    validateDatastores(name, args.datastores ?? []);
    validateFeatureStore(name, args.featureStore, args.datastores ?? []);
    super("azure-ml-workspaces:ml:Workspace", name, {}, opts);
    const nameSuffix = args.nameSuffix ?? naming.defaultNameSuffix();
    const fs = args.featureStore;
    const mi = fs && materializationIdentity(this, name, { ...args, baseName: args.baseName ?? name, nameSuffix }, opts);
    const core = buildWorkspaceCore(
      this,
      name,
      args,
      {
        kind: fs ? "FeatureStore" : "Default",
        namePrefix: "mlw",
        inputs: {
          serverlessComputeSettings: serverlessComputeInputs(args),
          ...(fs && mi ? featureStoreInputs(fs, args.identity, mi) : {}),
        },
      },
      opts,
    );
    this.workspace = core.workspace;
    this.associated = core.associated;
    this.workspaceId = core.workspaceId;
    this.workspaceName = core.workspaceName;
    this.studioUrl = core.studioUrl;
    this.principalId = core.principalId;
    this.workspaceGuid = core.workspace.workspaceId;
    this.storageAccountId = core.associated.storageAccountId;
    this.keyVaultId = core.associated.keyVaultId;
    this.applicationInsightsId = core.associated.applicationInsightsId;
    this.containerRegistryId = core.associated.containerRegistryId ?? pulumi.output(undefined);
    this.logAnalyticsWorkspaceId = core.associated.logAnalyticsWorkspaceId ?? pulumi.output(undefined);
    if (args.datastores?.length) {
      const systemAssigned = args.identity?.systemAssigned !== false || (args.identity?.userAssignedIdentityIds ?? []).length === 0;
      const datastores = new Datastores(
        `${name}-ds`,
        {
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          workspaceName: core.workspaceName,
          baseName: args.baseName ?? name,
          nameSuffix: args.nameSuffix,
          tags: args.tags,
          protect: args.protect,
          locks: args.locks,
          datastores: args.datastores,
          // The datastores authenticate with the system-assigned identity.
          principalId: systemAssigned ? core.principalId.apply((id) => id ?? "") : undefined,
          subscriptionId: core.subscriptionId,
        },
        componentChildOptions(this, opts),
      );
      Object.assign(this.datastoreContainerIds, datastores.containerIds);
    }
    if (fs && mi) {
      const containerId = this.datastoreContainerIds[fs.offlineStoreDatastore];
      addOfflineStoreConnection(
        this,
        name,
        { resourceGroupName: args.resourceGroupName, workspaceName: core.workspaceName, containerId },
        mi,
        opts,
      );
      this.materializationPrincipalId = mi.principalId;
    }
    this.registerOutputs({
      workspaceId: this.workspaceId,
      workspaceName: this.workspaceName,
      studioUrl: this.studioUrl,
      storageAccountId: this.storageAccountId,
      keyVaultId: this.keyVaultId,
      applicationInsightsId: this.applicationInsightsId,
      containerRegistryId: this.containerRegistryId,
      logAnalyticsWorkspaceId: this.logAnalyticsWorkspaceId,
    });
  }
}
