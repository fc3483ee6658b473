import type { PolicyResource } from "@pulumi/policy";
import { isClassicAzureType } from "./resourceTypes";
import { prop } from "./values";

/**
 * What the default-storage rules read from a storage account or a workspace, whichever provider registered it:
 * azure-native sends ARM's shape (`sku.name`, `kind`), classic `azure` Terraform's (`accountTier` +
 * `accountReplicationType`, `accountKind`). Each read may throw UnknownValueError, as `prop` does.
 */

/** The SKU name, e.g. `Premium_LRS`; classic accounts spell it as tier and replication. */
export function storageSku(account: PolicyResource): unknown {
    if (!isClassicAzureType(account.type)) {
        return prop(prop(account.props, "sku"), "name");
    }
    const tier = prop(account.props, "accountTier");
    return typeof tier === "string" ? `${tier}_${String(prop(account.props, "accountReplicationType") ?? "")}` : tier;
}

/** The account kind; classic `azure` defaults an absent `accountKind` to StorageV2. */
export function storageKind(account: PolicyResource): unknown {
    if (!isClassicAzureType(account.type)) {
        return prop(account.props, "kind");
    }
    return prop(account.props, "accountKind") ?? "StorageV2";
}

/** The workspace input that names its default storage account. */
export function defaultStorageInput(workspace: PolicyResource): string {
    return isClassicAzureType(workspace.type) ? "storageAccountId" : "storageAccount";
}

/** The account's own name as the program set it (`accountName`, classic `name`); undefined when generated. */
export function storageAccountName(account: PolicyResource): unknown {
    return prop(account.props, isClassicAzureType(account.type) ? "name" : "accountName");
}
