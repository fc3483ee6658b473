import * as pulumi from "@pulumi/pulumi";
import * as ml from "@pulumi/azure-native/machinelearningservices";
import * as naming from "./naming";
import { childOptions } from "./resourceOptions";
import { BaseWorkspaceArgs, PROJECT_FORBIDDEN_KEYS, identityInputs, studioUrl } from "./workspaceSettings";

export { PROJECT_FORBIDDEN_KEYS };

export interface ProjectArgs extends BaseWorkspaceArgs {
  /** The hub's ARM id; immutable once created. */
  readonly hubResourceId: pulumi.Input<string>;
  /** Must equal the hub's location (pass `hub.location`). */
  readonly location: pulumi.Input<string>;
}

/**
 * An Azure ML project (kind `Project`) on a hub. It sends only what a project may carry; storage, key vault,
 * registry, Application Insights and managed network come from the hub.
 */
export class Project extends pulumi.ComponentResource {
  public readonly workspace: ml.Workspace;
  public readonly projectId: pulumi.Output<string>;
  public readonly projectName: pulumi.Output<string>;
  public readonly studioUrl: pulumi.Output<string>;
  public readonly principalId: pulumi.Output<string | undefined>;
  /** The immutable GUID (`workspaceId`): with data isolation, its containers start with it. */
  public readonly workspaceGuid: pulumi.Output<string>;

  constructor(name: string, args: ProjectArgs, opts?: pulumi.ComponentResourceOptions) {
    const forbidden = PROJECT_FORBIDDEN_KEYS.filter((key) => key in (args as object));
    if (forbidden.length > 0) {
      throw new Error(`${name}: a project cannot set ${forbidden.join(", ")}: it inherits them from its hub`);
    }
    const baseName = args.baseName ?? name;
    if (!naming.LOGICAL_NAME.test(baseName)) {
      throw new Error(`${name}: baseName '${baseName}' is not a valid logical name: ${naming.LOGICAL_NAME_RULE}`);
    }
    super("azure-ml-workspaces:ml:Project", name, {}, opts);
    const suffix = args.nameSuffix ?? naming.defaultNameSuffix();
    const { identity, primaryUserAssignedIdentity } = identityInputs(args.identity);
    this.workspace = new ml.Workspace(
      naming.childName(name, "prj"),
      {
        kind: "Project",
        hubResourceId: args.hubResourceId,
        location: args.location,
        resourceGroupName: args.resourceGroupName,
        workspaceName: args.workspaceName ?? naming.workspaceName(baseName, suffix, "prj"),
        friendlyName: args.friendlyName,
        description: args.description,
        tags: args.tags,
        identity,
        primaryUserAssignedIdentity,
        sku: { name: args.sku ?? "Basic", tier: args.sku ?? "Basic" },
        publicNetworkAccess: args.publicNetworkAccess ?? "Enabled",
      },
      childOptions(this, opts, "workspace", args.protect),
    );
    this.projectId = this.workspace.id;
    this.projectName = this.workspace.name;
    this.studioUrl = studioUrl(this.workspace.id);
    this.principalId = this.workspace.identity.apply((i) => i?.principalId);
    this.workspaceGuid = this.workspace.workspaceId;
    this.registerOutputs({ projectId: this.projectId, projectName: this.projectName, studioUrl: this.studioUrl });
  }
}
