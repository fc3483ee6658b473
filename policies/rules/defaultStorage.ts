import type { StackValidationPolicy } from "@pulumi/policy";
import { defaultStorageRule, forEachDefaultStorage } from "../lib/defaultStorage";
import { storageKind, storageSku } from "../lib/storageAccount";
import { prop } from "../lib/values";

/**
 * Default-storage restrictions of Azure ML (learn "What is an Azure Machine Learning workspace?" ›
 * Associated resources). They hold only for the workspace's *default* account: premium, HNS and
 * BlobStorage accounts are fine as datastores. Stack policies, because the workspace → account link is
 * only visible through the dependency graph. They judge azure-native (v2, v3, versioned modules) and classic
 * `azure` accounts, workspaces and hubs alike (`../lib/storageAccount`).
 */

const learnUrl = "https://learn.microsoft.com/azure/machine-learning/concept-workspace#associated-resources";

/**
 * @why Azure ML does not accept a premium account as a workspace's default storage; ARM reports it only when the
 * workspace is created, after its associated resources exist.
 */
export const defaultStorageNotPremium: StackValidationPolicy = {
    name: "aml-default-storage-not-premium",
    description: "An Azure ML workspace's default storage account must not be premium (Premium_* or PremiumV2_* SKU).",
    enforcementLevel: "mandatory",
    severity: "high",
    url: learnUrl,
    remediationSteps: "Use a Standard_* account as the workspace's storageAccount; attach premium storage as a datastore.",
    validateStack: defaultStorageRule((account) => {
        const sku = storageSku(account);
        return typeof sku === "string" && /^premium/i.test(sku)
            ? `its SKU ${sku} is premium, which Azure ML does not accept for default storage.`
            : undefined;
    }),
};

/**
 * @why ARM refuses the workspace with "Cannot use storage with HNS enabled."; ADLS Gen2 accounts belong in datastores.
 */
export const defaultStorageNoHns: StackValidationPolicy = {
    name: "aml-default-storage-no-hns",
    description: "An Azure ML workspace's default storage account must not have hierarchical namespace (ADLS Gen2) enabled.",
    enforcementLevel: "mandatory",
    severity: "high",
    url: learnUrl,
    remediationSteps: "Use an account with isHnsEnabled unset or false as default storage; attach the ADLS Gen2 account as a datastore.",
    validateStack: defaultStorageRule((account) =>
        prop(account.props, "isHnsEnabled") === true
            ? `it has isHnsEnabled: true; Azure ML rejects it ("Cannot use storage with HNS enabled.").`
            : undefined,
    ),
};

const unsupportedKinds = ["BlobStorage", "BlockBlobStorage", "FileStorage"];

/**
 * @why Default storage needs both Blob and File. A BlobStorage account is accepted at creation and then breaks the
 * workspace, which must be recreated: the storage account of a workspace cannot be changed.
 */
export const defaultStorageSupportedKind: StackValidationPolicy = {
    name: "aml-default-storage-supported-kind",
    description: "An Azure ML workspace's default storage account must support both Blob and File (kind StorageV2 or Storage).",
    enforcementLevel: "mandatory",
    severity: "critical",
    url: learnUrl,
    remediationSteps: "Use kind StorageV2 for the default storage account; the workspace cannot switch accounts later.",
    validateStack: defaultStorageRule((account) => {
        const kind = storageKind(account);
        const unsupported = unsupportedKinds.find((k) => typeof kind === "string" && k.toLowerCase() === kind.toLowerCase());
        return unsupported
            ? `its kind ${unsupported} lacks Blob or File support; a BlobStorage default is accepted at creation but breaks the workspace later, which must then be recreated.`
            : undefined;
    }),
};

/**
 * @why An account id from config, a StackReference or a `.get()` lookup hides the account's properties, so the three
 * default-storage policies cannot check it. Advisory because referencing existing storage is legitimate; set it to
 * mandatory to fail closed.
 */
export const defaultStorageVerifiable: StackValidationPolicy = {
    name: "aml-default-storage-verifiable",
    description:
        "An Azure ML workspace's default storage account should be a resource of this stack so the default-storage policies can check it.",
    // Advisory: referencing existing storage is legitimate. Fail-closed orgs set it to mandatory.
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps:
        "Pass the account's `id` output from this stack, or verify the external account by hand (not premium, no HNS, kind StorageV2).",
    validateStack: (args, report) =>
        forEachDefaultStorage(args, (workspace, storage) => {
            if (storage.kind === "unverifiable") {
                report(`Workspace '${workspace.name}' cannot be checked: ${storage.reason}.`, workspace.urn);
            }
        }),
};

export const defaultStoragePolicies = [
    defaultStorageNotPremium,
    defaultStorageNoHns,
    defaultStorageSupportedKind,
    defaultStorageVerifiable,
];
