import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as naming from "./naming";
import { defaultStorageProblems } from "./defaultStorage";
import { verifiedDefaultStorageId } from "./storageLookup";
import { blobProtectionProblems, protectBlobs } from "./blobProtection";
import { childOptions, componentChildOptions } from "./resourceOptions";
import { lockResources } from "./locks";
import { accessKeyModeProblem } from "./authMode";
import { secureStorageAccountInputs } from "./storageSecurity";
import { PRIVATE_LINK_REGISTRY_SKU, PrivateLinkTarget } from "./network/privateLink";
import {
  Existing,
  ExistingMonitoring,
  KeyVaultSettings,
  MonitoringSettings,
  RegistrySettings,
  SharedResourceIds,
  StorageSettings,
} from "./associatedSettings";

export interface AssociatedResourcesArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Defaults to the resource group's location (the provider's `location`). */
  readonly location?: pulumi.Input<string>;
  /** Logical name the physical names derive from (see `naming.ts`). */
  readonly baseName: string;
  /** Stable per-stack suffix for globally unique names. */
  readonly nameSuffix: string;
  /** Entra tenant of the key vault. */
  readonly tenantId: pulumi.Input<string>;
  /** Defaults to none. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * A precreated associated set, used as it is: nothing is created or locked, its storage is verified as a default
   * storage. Exclusive with `storage`, `keyVault`, `monitoring` and `containerRegistry`. Defaults to none.
   */
  readonly shared?: SharedResourceIds;
  /** Defaults to a new StorageV2 / Standard_LRS account. An existing account is verified as a default storage. */
  readonly storage?: StorageSettings | Existing;
  /** Defaults to a new RBAC key vault with purge protection. */
  readonly keyVault?: KeyVaultSettings | Existing;
  /** Defaults to a new Log Analytics workspace and a workspace-based Application Insights. */
  readonly monitoring?: MonitoringSettings | ExistingMonitoring;
  /** Defaults to a new Basic registry with the admin user off; `false` leaves it to Azure ML to create on demand. */
  readonly containerRegistry?: RegistrySettings | Existing | false;
  /**
   * Protect the stateful resources created here (storage, key vault, Log Analytics, registry). Defaults to `true`; an
   * explicit `protect` resource option on this component (or an ancestor) wins.
   */
  readonly protect?: boolean;
  /** `CanNotDelete` locks on the storage, key vault, Log Analytics workspace and registry created here. Defaults to `false`. */
  readonly locks?: boolean;
  /** The workspace's `systemDatastoresAuthMode`: `accesskey` is refused on storage with shared keys off. Defaults to `identity`. */
  readonly systemDatastoresAuthMode?: "identity" | "accesskey";
}

const isExisting = (x: object | undefined | false): x is Existing => !!x && "existingId" in x;

type Choices = Pick<AssociatedResourcesArgs, "storage" | "keyVault" | "monitoring" | "containerRegistry">;

/** What each associated resource is: the shared set's (each taken by id; registry and Log Analytics only when it has them), or the args' own choices. */
function choicesOf(name: string, args: AssociatedResourcesArgs): Choices {
  const { shared } = args;
  if (!shared) return args;
  const own = (["storage", "keyVault", "monitoring", "containerRegistry"] as const).filter((key) => args[key] !== undefined);
  if (own.length > 0) throw new Error(`${name}: set either 'shared' or ${own.map((key) => `'${key}'`).join(", ")}, not both`);
  return {
    storage: { existingId: shared.storageAccountId },
    keyVault: { existingId: shared.keyVaultId },
    monitoring: {
      existingApplicationInsightsId: shared.applicationInsightsId,
      existingLogAnalyticsWorkspaceId: shared.logAnalyticsWorkspaceId,
    },
    containerRegistry: shared.containerRegistryId === undefined ? false : { existingId: shared.containerRegistryId },
  };
}

/** Throws before anything is registered when dedicated storage settings break the default-storage rule. */
export function assertDefaultStorageAllowed(
  owner: string,
  settings: StorageSettings | Existing | undefined,
  systemDatastoresAuthMode?: string,
): void {
  if (settings && isExisting(settings)) return;
  const [problem] = defaultStorageProblems({ skuName: settings?.skuName, kind: settings?.kind, isHnsEnabled: settings?.isHnsEnabled });
  if (problem) throw new Error(`${owner}: storage ${problem.property} '${problem.value}' is not allowed: ${problem.rule}`);
  const [blobProblem] = blobProtectionProblems(settings?.dataProtection, settings?.isHnsEnabled === true);
  if (blobProblem) throw new Error(`${owner}: storage dataProtection: ${blobProblem}`);
  const authProblem = accessKeyModeProblem(systemDatastoresAuthMode, settings?.allowSharedKeyAccess ?? false);
  if (authProblem) throw new Error(`${owner}: systemDatastoresAuthMode ${authProblem}`);
}

/** docs/azure-rules/private-networking.md AZ-PE-04: only a Premium registry takes private endpoints (and public access off). */
export function assertRegistryNetworkAllowed(owner: string, registry: RegistrySettings | Existing | false | undefined): void {
  if (!registry || isExisting(registry) || registry.publicNetworkAccess !== "Disabled") return;
  const sku = registry.skuName ?? "Basic";
  if (sku !== PRIVATE_LINK_REGISTRY_SKU)
    throw new Error(`${owner}: containerRegistry publicNetworkAccess 'Disabled' needs skuName ${PRIVATE_LINK_REGISTRY_SKU}, not '${sku}'`);
}

/**
 * The resources an Azure ML workspace (or hub) depends on: storage, key vault, Application Insights on
 * Log Analytics and container registry. Each is created with secure defaults or taken by ARM id.
 */
export class AssociatedResources extends pulumi.ComponentResource {
  public readonly storageAccountId: pulumi.Output<string>;
  public readonly keyVaultId: pulumi.Output<string>;
  public readonly applicationInsightsId: pulumi.Output<string>;
  /** The Log Analytics workspace (created, existing or shared); undefined when there is none (no diagnostics, no usage workbook). */
  public readonly logAnalyticsWorkspaceId?: pulumi.Output<string>;
  /** The container registry; undefined when Azure ML is left to create one on the first image build. */
  public readonly containerRegistryId?: pulumi.Output<string>;
  /** Application Insights connection string; always secret. */
  public readonly applicationInsightsConnectionString: pulumi.Output<string | undefined>;
  public readonly storageAccount?: storage.StorageAccount;
  /** Ids of the stateful resources created here (not those taken by id), by role: `st`, `kv`, `log`, `cr`. */
  public readonly created: Record<string, pulumi.Output<string>> = {};
  /** The created resources with public network access off, by private-link target (`blob`, `file`, `vault`, `registry`). */
  public readonly privateTargets: { target: PrivateLinkTarget; id: pulumi.Output<string> }[] = [];

  constructor(name: string, args: AssociatedResourcesArgs, opts?: pulumi.ComponentResourceOptions) {
    const choices = choicesOf(name, args);
    assertDefaultStorageAllowed(name, choices.storage, args.systemDatastoresAuthMode);
    assertRegistryNetworkAllowed(name, choices.containerRegistry);
    super("azure-ml-workspaces:ml:AssociatedResources", name, {}, opts);
    const storageSettings = isExisting(choices.storage) ? undefined : (choices.storage ?? {});
    const common = { resourceGroupName: args.resourceGroupName, location: args.location, tags: args.tags };
    const stateful = (cls: Parameters<typeof childOptions>[2]) => childOptions(this, opts, cls, args.protect);

    if (storageSettings) {
      this.storageAccount = new storage.StorageAccount(
        naming.childName(name, "st"),
        {
          ...common,
          accountName: naming.storageAccountName(args.baseName, args.nameSuffix),
          ...secureStorageAccountInputs(storageSettings),
          publicNetworkAccess: storageSettings.publicNetworkAccess,
        },
        stateful("storageAccount"),
      );
      this.storageAccountId = this.created.st = this.storageAccount.id;
      if (storageSettings.publicNetworkAccess === "Disabled")
        this.privateTargets.push({ target: "blob", id: this.storageAccountId }, { target: "file", id: this.storageAccountId });
      protectBlobs(
        naming.childName(name, "st-blob"),
        this.storageAccount,
        args.resourceGroupName,
        storageSettings.dataProtection,
        storageSettings.isHnsEnabled ?? false,
        childOptions(this, opts),
      );
    } else {
      this.storageAccountId = verifiedDefaultStorageId((choices.storage as Existing).existingId, this, args.systemDatastoresAuthMode);
    }

    if (isExisting(choices.keyVault)) {
      this.keyVaultId = pulumi.output(choices.keyVault.existingId);
    } else {
      const settings = choices.keyVault ?? {};
      this.keyVaultId = this.created.kv = new keyvault.Vault(
        naming.childName(name, "kv"),
        {
          ...common,
          vaultName: naming.keyVaultName(args.baseName, args.nameSuffix),
          properties: {
            tenantId: args.tenantId,
            sku: { family: "A", name: settings.skuName ?? "standard" },
            enableRbacAuthorization: true,
            enableSoftDelete: true,
            softDeleteRetentionInDays: settings.softDeleteRetentionInDays ?? 90,
            enablePurgeProtection: true,
            publicNetworkAccess: settings.publicNetworkAccess,
          },
        },
        stateful("keyVault"),
      ).id;
      if (settings.publicNetworkAccess === "Disabled") this.privateTargets.push({ target: "vault", id: this.keyVaultId });
    }

    const monitoring = choices.monitoring ?? {};
    if ("existingApplicationInsightsId" in monitoring) {
      this.applicationInsightsId = pulumi.output(monitoring.existingApplicationInsightsId);
      const logAnalytics = monitoring.existingLogAnalyticsWorkspaceId;
      this.logAnalyticsWorkspaceId = logAnalytics === undefined ? undefined : pulumi.output(logAnalytics);
      this.applicationInsightsConnectionString = pulumi.output(undefined);
    } else {
      const logAnalytics = new operationalinsights.Workspace(
        naming.childName(name, "log"),
        {
          ...common,
          workspaceName: naming.logAnalyticsName(args.baseName, args.nameSuffix),
          sku: { name: "PerGB2018" },
          retentionInDays: monitoring.retentionInDays ?? 30,
          workspaceCapping: monitoring.dailyQuotaGb === undefined ? undefined : { dailyQuotaGb: monitoring.dailyQuotaGb },
        },
        stateful("logAnalytics"),
      );
      const appInsights = new applicationinsights.Component(
        naming.childName(name, "appi"),
        {
          ...common,
          resourceName: naming.applicationInsightsName(args.baseName, args.nameSuffix),
          kind: "web",
          applicationType: "web",
          workspaceResourceId: logAnalytics.id,
          ingestionMode: "LogAnalytics",
        },
        // The provider returns both keys in plain text. docs/azure-rules/data-protection.md AZ-DATA-08
        { ...childOptions(this, opts), additionalSecretOutputs: ["connectionString", "instrumentationKey"] },
      );
      this.logAnalyticsWorkspaceId = this.created.log = logAnalytics.id;
      this.applicationInsightsId = appInsights.id;
      this.applicationInsightsConnectionString = pulumi.secret(appInsights.connectionString);
    }

    if (choices.containerRegistry === false) {
      this.containerRegistryId = undefined;
    } else if (isExisting(choices.containerRegistry)) {
      this.containerRegistryId = pulumi.output(choices.containerRegistry.existingId);
    } else {
      const registry = choices.containerRegistry ?? {};
      const registryId = new containerregistry.Registry(
        naming.childName(name, "cr"),
        {
          ...common,
          registryName: naming.containerRegistryName(args.baseName, args.nameSuffix),
          sku: { name: registry.skuName ?? "Basic" },
          adminUserEnabled: false,
          publicNetworkAccess: registry.publicNetworkAccess,
        },
        stateful("containerRegistry"),
      ).id;
      this.containerRegistryId = this.created.cr = registryId;
      if (registry.publicNetworkAccess === "Disabled") this.privateTargets.push({ target: "registry", id: registryId });
    }
    if (args.locks) {
      lockResources(
        name,
        this.created,
        "Azure ML associated resources: deleting them breaks the workspace.",
        componentChildOptions(this, opts),
      );
    }

    this.registerOutputs({
      storageAccountId: this.storageAccountId,
      keyVaultId: this.keyVaultId,
      applicationInsightsId: this.applicationInsightsId,
      logAnalyticsWorkspaceId: this.logAnalyticsWorkspaceId,
      containerRegistryId: this.containerRegistryId,
      applicationInsightsConnectionString: this.applicationInsightsConnectionString,
    });
  }
}
