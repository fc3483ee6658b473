import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { KeyVault } from "../lib/resourceTypes";
import { path } from "../lib/values";

/**
 * Key vault baseline. Neither policy remediates:
 * - RBAC: switching an existing vault to RBAC makes its access policies stop working at once.
 * - Purge protection: enabling it is irreversible. The vault name stays reserved for the whole
 *   soft-delete retention (up to 90 days) and the vault can never be purged early, so `destroy` then
 *   `up` with the same name fails. That changes lifecycle behaviour, so it is not a safe silent fix.
 */

/**
 * @why Protects keys and secrets from permanent deletion during the soft-delete period; customer-managed keys
 * require it. Not remediated: it is irreversible and keeps the vault name reserved after deletion.
 */
export const keyVaultPurgeProtection: ResourceValidationPolicy = {
    name: "aml-keyvault-purge-protection",
    description: "Key vaults must enable purge protection (properties.enablePurgeProtection: true); customer-managed keys require it.",
    severity: "medium",
    remediationSteps:
        "Set properties.enablePurgeProtection: true (irreversible; use unique vault names since deleted names stay reserved).",
    validateResource: validateResourceOfType(KeyVault, (props, _args, report) => {
        if (path(props, "properties", "enablePurgeProtection") !== true) {
            report("properties.enablePurgeProtection is not true (the service default is off).");
        }
    }),
};

/**
 * @why Access through Azure RBAC and Entra groups is audited and managed like every other role, instead of per-vault
 * access policies. Not remediated: a vault's existing access policies stop working when it switches.
 */
export const keyVaultRbac: ResourceValidationPolicy = {
    name: "aml-keyvault-rbac",
    description: "Key vaults must use Azure RBAC for data-plane access (properties.enableRbacAuthorization: true).",
    severity: "medium",
    remediationSteps:
        "Set properties.enableRbacAuthorization: true and grant Key Vault roles (e.g. Key Vault Secrets User) instead of access policies.",
    validateResource: validateResourceOfType(KeyVault, (props, _args, report) => {
        if (path(props, "properties", "enableRbacAuthorization") !== true) {
            report("properties.enableRbacAuthorization is not true (the azure-native SDK default is false: access policies).");
        }
    }),
};

export const keyVaultPolicies = [keyVaultPurgeProtection, keyVaultRbac];
