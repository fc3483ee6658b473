import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { AssociatedResources } from "./associatedResources";
import { KeyVaultSettings, MonitoringSettings, RegistrySettings, StorageSettings } from "./associatedSettings";
import * as naming from "./naming";
import { childOptions, componentChildOptions } from "./resourceOptions";
import { lockResources } from "./locks";

export interface SharedResourcesArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Defaults to the resource group's location (the provider's `location`). */
  readonly location?: pulumi.Input<string>;
  /** Logical name for physical names. Defaults to the component name. */
  readonly baseName?: string;
  /** Defaults to a stable hash of `<project>/<stack>`. */
  readonly nameSuffix?: string;
  /** Defaults to the provider's client configuration. */
  readonly tenantId?: pulumi.Input<string>;
  /** Defaults to none. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Defaults to StorageV2 / Standard_LRS; must qualify as a workspace default storage. */
  readonly storage?: StorageSettings;
  /** Defaults to an RBAC key vault with purge protection. */
  readonly keyVault?: KeyVaultSettings;
  /** Defaults to Log Analytics (30 days) + workspace-based Application Insights. */
  readonly monitoring?: MonitoringSettings;
  /** Defaults to a Basic registry with the admin user off. */
  readonly containerRegistry?: RegistrySettings;
  /** `CanNotDelete` management locks on every shared resource. Defaults to `true`. */
  readonly locks?: boolean;
  /** Defaults to `true`. */
  readonly protect?: boolean;
}

/**
 * The associated set an IT admin precreates and secures once, so teams create workspaces on top of it by id
 * or StackReference. Consumers never own these resources: destroying a team stack deletes none of them.
 */
export class SharedResources extends pulumi.ComponentResource {
  public readonly associated: AssociatedResources;
  public readonly storageAccountId: pulumi.Output<string>;
  public readonly keyVaultId: pulumi.Output<string>;
  public readonly applicationInsightsId: pulumi.Output<string>;
  public readonly containerRegistryId: pulumi.Output<string>;
  public readonly logAnalyticsWorkspaceId: pulumi.Output<string>;

  constructor(name: string, args: SharedResourcesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azure-ml-workspaces:ml:SharedResources", name, {}, opts);
    const tenantId = args.tenantId ?? authorization.getClientConfigOutput({ parent: this }).tenantId;
    this.associated = new AssociatedResources(
      naming.childName(name, "assoc"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        baseName: args.baseName ?? name,
        nameSuffix: args.nameSuffix ?? naming.defaultNameSuffix(),
        tenantId,
        tags: args.tags,
        storage: args.storage ?? {},
        keyVault: args.keyVault ?? {},
        monitoring: args.monitoring ?? {},
        containerRegistry: args.containerRegistry ?? {},
        protect: args.protect,
      },
      componentChildOptions(this, opts),
    );
    this.storageAccountId = this.associated.storageAccountId;
    this.keyVaultId = this.associated.keyVaultId;
    this.applicationInsightsId = this.associated.applicationInsightsId;
    const { containerRegistryId, logAnalyticsWorkspaceId } = this.associated;
    // Unreachable: a shared set always creates both (its choices are never `false` or existing).
    if (!containerRegistryId || !logAnalyticsWorkspaceId)
      throw new Error(`${name}: the shared set has no registry or Log Analytics workspace`);
    this.containerRegistryId = containerRegistryId;
    this.logAnalyticsWorkspaceId = logAnalyticsWorkspaceId;

    if (args.locks ?? true) {
      // Locked here rather than by AssociatedResources: the lock URNs predate that option.
      lockResources(
        name,
        { st: this.storageAccountId, kv: this.keyVaultId, log: this.logAnalyticsWorkspaceId, cr: this.containerRegistryId },
        "Shared Azure ML resources: other stacks' workspaces depend on them.",
        childOptions(this, opts),
      );
    }
    this.registerOutputs({
      storageAccountId: this.storageAccountId,
      keyVaultId: this.keyVaultId,
      applicationInsightsId: this.applicationInsightsId,
      containerRegistryId: this.containerRegistryId,
      logAnalyticsWorkspaceId: this.logAnalyticsWorkspaceId,
    });
  }
}
