import * as pulumi from "@pulumi/pulumi";
import * as ml from "@pulumi/azure-native/machinelearningservices";
import { AssociatedResources } from "./associatedResources";
import { isResourceGroupId } from "./armId";
import { ServerlessComputeArgs, serverlessComputeInputs } from "./computes";
import { WorkspaceCoreArgs, buildWorkspaceCore, validateWorkspaceCoreArgs } from "./workspaceCore";

export interface HubArgs extends WorkspaceCoreArgs, ServerlessComputeArgs {
  /** Extra storage accounts (ARM ids) projects may use. Defaults to none. */
  readonly additionalWorkspaceStorageAccounts?: pulumi.Input<string>[];
  /**
   * ARM id (`/subscriptions/<sub>/resourceGroups/<name>`) of the resource group where projects created in the portal
   * land. Defaults to Azure's choice (the hub's resource group).
   */
  readonly defaultProjectResourceGroup?: pulumi.Input<string>;
}

/**
 * An Azure ML hub (kind `Hub`): owns the storage, key vault, registry, Application Insights and managed
 * network that its projects inherit. The default-storage guard applies to it as to a workspace.
 */
export class Hub extends pulumi.ComponentResource {
  public readonly workspace: ml.Workspace;
  public readonly associated: AssociatedResources;
  public readonly hubId: pulumi.Output<string>;
  public readonly hubName: pulumi.Output<string>;
  /** Projects must be in the hub's region. */
  public readonly location: pulumi.Output<string>;
  public readonly studioUrl: pulumi.Output<string>;
  public readonly principalId: pulumi.Output<string | undefined>;
  /** The immutable GUID (`workspaceId`): with data isolation, its containers start with it. */
  public readonly workspaceGuid: pulumi.Output<string>;

  constructor(name: string, args: HubArgs, opts?: pulumi.ComponentResourceOptions) {
    validateWorkspaceCoreArgs(name, args);
    const rg = args.defaultProjectResourceGroup;
    // docs/azure-rules/workspaces.md AZ-WS-03: Azure takes the group's ARM id, not its name.
    if (typeof rg === "string" && !isResourceGroupId(rg)) {
      throw new Error(
        `${name}: defaultProjectResourceGroup '${rg}' must be a resource group ARM id: /subscriptions/<guid>/resourceGroups/<name>`,
      );
    }
    super("azure-ml-workspaces:ml:Hub", name, {}, opts);
    const core = buildWorkspaceCore(
      this,
      name,
      args,
      {
        kind: "Hub",
        namePrefix: "hub",
        inputs: {
          workspaceHubConfig: {
            additionalWorkspaceStorageAccounts: args.additionalWorkspaceStorageAccounts,
            defaultWorkspaceResourceGroup: args.defaultProjectResourceGroup,
          },
          serverlessComputeSettings: serverlessComputeInputs(args),
        },
      },
      opts,
    );
    this.workspace = core.workspace;
    this.associated = core.associated;
    this.hubId = core.workspaceId;
    this.hubName = core.workspaceName;
    // The provider fills in the resource group's location when none was given.
    this.location = core.workspace.location.apply((location) => location as string);
    this.studioUrl = core.studioUrl;
    this.principalId = core.principalId;
    this.workspaceGuid = core.workspace.workspaceId;
    this.registerOutputs({ hubId: this.hubId, hubName: this.hubName, location: this.location, studioUrl: this.studioUrl });
  }
}
