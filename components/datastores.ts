import * as pulumi from "@pulumi/pulumi";
import * as ml from "@pulumi/azure-native/machinelearningservices";
import * as storage from "@pulumi/azure-native/storage";
import * as authorization from "@pulumi/azure-native/authorization";
import { parseArmId } from "./armId";
import * as naming from "./naming";
import { BlobProtectionSettings, blobProtectionProblems, protectBlobs } from "./blobProtection";
import { childOptions } from "./resourceOptions";
import { lockResources } from "./locks";
import { secureStorageAccountInputs } from "./storageSecurity";
import { DATASTORE_IDENTITY_ROLE } from "./access/identityRoles";
import { roleAssignmentName } from "./access/assignmentNames";
import { BUILT_IN_ROLES, roleDefinitionId } from "./access/roleCatalog";

export interface DatastoreSpec {
  /** Datastore name in the workspace: letters, digits and underscores, compared ignoring case. */
  readonly name: string;
  /** `blob` or `adlsgen2`. Defaults to `blob`. */
  readonly type?: "blob" | "adlsgen2";
  /** Blob container or ADLS Gen2 file system. */
  readonly container: string;
  /** An existing account (ARM id). Exclusive with `create`. */
  readonly storageAccountId?: pulumi.Input<string>;
  /** Create a dedicated account; premium and hierarchical namespace are allowed here. Exclusive with `storageAccountId`. */
  readonly create?: {
    readonly skuName?: string;
    readonly kind?: string;
    readonly isHnsEnabled?: boolean;
    /** Blob and container soft delete and versioning (versioning stays off with hierarchical namespace). Defaults to 7 days each. */
    readonly dataProtection?: BlobProtectionSettings;
  };
}

export interface DatastoresArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location?: pulumi.Input<string>;
  readonly workspaceName: pulumi.Input<string>;
  readonly baseName: string;
  /** Defaults to a stable hash of `<project>/<stack>`. */
  readonly nameSuffix?: string;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Protect created accounts and containers. Defaults to `true`; an explicit `protect` resource option wins. */
  readonly protect?: boolean;
  /** `CanNotDelete` locks on the accounts created here. Defaults to `false`. */
  readonly locks?: boolean;
  readonly datastores: DatastoreSpec[];
  /**
   * Principal id of the workspace identity the datastores authenticate with; it gets Storage Blob Data Reader on
   * each datastore's container. Defaults to none (no grant). Needs `subscriptionId`.
   */
  readonly principalId?: pulumi.Input<string>;
  /** Subscription of the built-in role definition ids; required with `principalId`. */
  readonly subscriptionId?: pulumi.Input<string>;
}

/** Identity-based datastores of a workspace, on existing or dedicated (possibly premium or HNS) accounts. */
export class Datastores extends pulumi.ComponentResource {
  public readonly datastoreIds: Record<string, pulumi.Output<string>> = {};
  /** ARM id of each datastore's container (the narrowest scope for its data roles), by datastore name. */
  public readonly containerIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: DatastoresArgs, opts?: pulumi.ComponentResourceOptions) {
    validateDatastores(name, args.datastores);
    super("azure-ml-workspaces:ml:Datastores", name, {}, opts);
    const suffix = args.nameSuffix ?? naming.defaultNameSuffix();
    for (const spec of args.datastores) {
      if (!!spec.create === (spec.storageAccountId !== undefined)) {
        throw new Error(`${name}: datastore '${spec.name}' needs exactly one of 'storageAccountId' or 'create'`);
      }
      const childBase = naming.childName(name, spec.name.toLowerCase().replace(/_/g, "-"));
      let accountName: pulumi.Input<string>;
      let accountId: pulumi.Input<string>;
      let containerName: pulumi.Input<string> = spec.container;
      if (spec.create) {
        const hns = hnsOf(spec);
        const account = new storage.StorageAccount(
          `${childBase}-st`,
          {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: args.tags,
            accountName: naming.storageAccountName(`${args.baseName}${spec.name}`.toLowerCase(), suffix),
            ...secureStorageAccountInputs({ skuName: spec.create.skuName, kind: spec.create.kind, isHnsEnabled: hns }),
          },
          childOptions(this, opts, "storageAccount", args.protect),
        );
        accountName = account.name;
        protectBlobs(`${childBase}-st-blob`, account, args.resourceGroupName, spec.create.dataProtection, hns, childOptions(this, opts));
        if (args.locks)
          lockResources(childBase, { st: account.id }, "Datastore account: deleting it deletes the data.", childOptions(this, opts));
        accountId = account.id;
        containerName = new storage.BlobContainer(
          `${childBase}-container`,
          {
            resourceGroupName: args.resourceGroupName,
            accountName: account.name,
            containerName: spec.container,
            publicAccess: "None",
          },
          childOptions(this, opts, "blobContainer", args.protect),
        ).name;
      } else {
        accountId = spec.storageAccountId!;
        accountName = pulumi.output(spec.storageAccountId!).apply((id) => {
          const parsed = parseArmId(id);
          if (!parsed) throw new Error(`${name}: datastore '${spec.name}' storageAccountId '${id}' is not an ARM id`);
          return parsed.name;
        });
      }
      const common = {
        accountName,
        credentials: { credentialsType: "None" as const },
        serviceDataAccessAuthIdentity: "WorkspaceSystemAssignedIdentity",
      };
      const datastore = new ml.Datastore(
        childBase,
        {
          resourceGroupName: args.resourceGroupName,
          workspaceName: args.workspaceName,
          name: spec.name,
          properties:
            spec.type === "adlsgen2"
              ? { ...common, datastoreType: "AzureDataLakeGen2", filesystem: containerName }
              : { ...common, datastoreType: "AzureBlob", containerName },
        },
        childOptions(this, opts),
      );
      this.datastoreIds[spec.name] = datastore.id;
      const containerId = pulumi.interpolate`${accountId}/blobServices/default/containers/${containerName}`;
      this.containerIds[spec.name] = containerId;
      if (args.principalId !== undefined) {
        // docs/azure-rules/identity-and-access.md AZ-ACCESS-05: the identity a datastore authenticates with needs a data role.
        new authorization.RoleAssignment(
          `${childBase}-identity-read`,
          {
            scope: containerId,
            principalId: args.principalId,
            principalType: "ServicePrincipal",
            roleDefinitionId: pulumi
              .output(args.subscriptionId!)
              .apply((sub) => roleDefinitionId(sub, BUILT_IN_ROLES[DATASTORE_IDENTITY_ROLE])),
            roleAssignmentName: roleAssignmentName({
              project: pulumi.getProject(),
              stack: pulumi.getStack(),
              scopeKey: `datastore/${args.baseName}/${spec.name.toLowerCase()}`,
              group: "@workspace-identity",
              role: DATASTORE_IDENTITY_ROLE,
            }),
            description: `Workspace ${args.baseName}: its identity reads datastore ${spec.name}`,
          },
          // docs/azure-rules/identity-and-access.md AZ-ACCESS-04: a fixed name must be freed before it is re-created.
          { ...childOptions(this, opts), deleteBeforeReplace: true },
        );
      }
    }
    this.registerOutputs({ datastoreIds: this.datastoreIds });
  }
}

const hnsOf = (spec: DatastoreSpec) => spec.create?.isHnsEnabled ?? spec.type === "adlsgen2";

/** Throws for data protection settings Azure would refuse; the owning component calls it before registering anything. */
export function validateDatastores(owner: string, datastores: DatastoreSpec[]): void {
  for (const spec of datastores) {
    const [problem] = blobProtectionProblems(spec.create?.dataProtection, hnsOf(spec));
    if (problem) throw new Error(`${owner}: datastore '${spec.name}' dataProtection: ${problem}`);
  }
}
