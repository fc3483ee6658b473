import * as pulumi from "@pulumi/pulumi";
import * as ml from "@pulumi/azure-native/machinelearningservices";
import * as naming from "./naming";
import { IdentityArgs, WorkspaceSku, identityInputs, studioUrl } from "./workspaceSettings";

export interface ProjectArgs {
  /** The hub's ARM id; immutable once created. */
  readonly hubResourceId: pulumi.Input<string>;
  /** Must equal the hub's location (pass `hub.location`). */
  readonly location: pulumi.Input<string>;
  readonly resourceGroupName: pulumi.Input<string>;
  /** Logical name for the physical name. Defaults to the component name, which must then match `naming.LOGICAL_NAME`. */
  readonly baseName?: string;
  /** Defaults to a stable hash of `<project>/<stack>`. */
  readonly nameSuffix?: string;
  /** Physical name. Defaults to `prj-<baseName>-<suffix>`. */
  readonly workspaceName?: string;
  readonly friendlyName?: pulumi.Input<string>;
  readonly description?: pulumi.Input<string>;
  /** Defaults to none. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Defaults to a system-assigned identity of its own. */
  readonly identity?: IdentityArgs;
  /** Defaults to `Basic`. */
  readonly sku?: WorkspaceSku;
  /** Defaults to `Enabled`; the hub's managed network still applies. */
  readonly publicNetworkAccess?: "Enabled" | "Disabled";
  /** Defaults to `true`. */
  readonly protect?: boolean;
}

/** Keys a project may not set: it inherits them from its hub, and ARM rejects them only after minutes. */
export const PROJECT_FORBIDDEN_KEYS = ["storageAccount", "keyVault", "applicationInsights", "containerRegistry", "managedNetwork"] as const;

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
    const suffix = args.nameSuffix ?? naming.stackSuffix(`${pulumi.getProject()}/${pulumi.getStack()}`);
    const { identity, primaryUserAssignedIdentity } = identityInputs(args.identity);
    this.workspace = new ml.Workspace(naming.childName(name, "prj"), {
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
    }, { parent: this, protect: args.protect ?? true });
    this.projectId = this.workspace.id;
    this.projectName = this.workspace.name;
    this.studioUrl = studioUrl(this.workspace.id);
    this.principalId = this.workspace.identity.apply((i) => i?.principalId);
    this.registerOutputs({ projectId: this.projectId, projectName: this.projectName, studioUrl: this.studioUrl });
  }
}
