import * as pulumi from "@pulumi/pulumi";
import * as ml from "@pulumi/azure-native/machinelearningservices";
import * as storage from "@pulumi/azure-native/storage";
import { parseArmId } from "./armId";
import * as naming from "./naming";
import { BlobProtectionSettings, blobProtectionProblems, protectBlobs } from "./blobProtection";
import { childOptions } from "./resourceOptions";
import { lockResources } from "./locks";

export interface DatastoreSpec {
  /** Datastore name in the workspace: letters, digits and underscores. */
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
}

/** Identity-based datastores of a workspace, on existing or dedicated (possibly premium or HNS) accounts. */
export class Datastores extends pulumi.ComponentResource {
  public readonly datastoreIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: DatastoresArgs, opts?: pulumi.ComponentResourceOptions) {
    validateDatastores(name, args.datastores);
    super("azure-ml-workspaces:ml:Datastores", name, {}, opts);
    const suffix = args.nameSuffix ?? naming.stackSuffix(`${pulumi.getProject()}/${pulumi.getStack()}`);
    for (const spec of args.datastores) {
      if (!!spec.create === (spec.storageAccountId !== undefined)) {
        throw new Error(`${name}: datastore '${spec.name}' needs exactly one of 'storageAccountId' or 'create'`);
      }
      const childBase = naming.childName(name, spec.name.toLowerCase().replace(/_/g, "-"));
      let accountName: pulumi.Input<string>;
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
            kind: spec.create.kind ?? "StorageV2",
            sku: { name: spec.create.skuName ?? "Standard_LRS" },
            isHnsEnabled: hns,
            enableHttpsTrafficOnly: true,
            minimumTlsVersion: "TLS1_2",
            allowBlobPublicAccess: false,
            allowSharedKeyAccess: false,
            allowCrossTenantReplication: false,
            defaultToOAuthAuthentication: true,
          },
          childOptions(this, opts, "storageAccount", args.protect),
        );
        accountName = account.name;
        protectBlobs(`${childBase}-st-blob`, account, args.resourceGroupName, spec.create.dataProtection, hns, childOptions(this, opts));
        if (args.locks) lockResources(childBase, { st: account.id }, "Datastore account: deleting it deletes the data.", childOptions(this, opts));
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
