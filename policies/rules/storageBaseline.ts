import { remediateResourceOfType, ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { StorageAccount } from "../lib/resourceTypes";
import { prop, show, withInput } from "../lib/values";

/**
 * Storage security baseline (resource policies on inputs). Each fix is a pure input change that loses
 * no data, so each policy can remediate at the `remediate` level. A remediation reads the current value
 * first: if that value is unknown in preview it throws, and the server reports "can't run remediation"
 * instead of overwriting a computed value.
 */

/**
 * @why Plain HTTP exposes data and SAS tokens on the wire.
 */
export const storageHttpsOnly: ResourceValidationPolicy = {
    name: "aml-storage-https-only",
    description: "Storage accounts must accept HTTPS traffic only (enableHttpsTrafficOnly must not be false).",
    severity: "high",
    remediationSteps: "Remove enableHttpsTrafficOnly: false (the API default is true).",
    validateResource: validateResourceOfType(StorageAccount, (props, _args, report) => {
        if (prop(props, "enableHttpsTrafficOnly") === false) {
            report("enableHttpsTrafficOnly is false.");
        }
    }),
    remediateResource: remediateResourceOfType(StorageAccount, (props) => {
        if (prop(props, "enableHttpsTrafficOnly") === false) {
            return withInput(props, "enableHttpsTrafficOnly", true);
        }
        return undefined;
    }),
};

const acceptedTls = ["TLS1_2", "TLS1_3"];

function hasModernTls(props: Record<string, unknown>): boolean {
    const version = prop(props, "minimumTlsVersion");
    return typeof version === "string" && acceptedTls.includes(version.toUpperCase());
}

/**
 * @why Older accounts default to TLS 1.0, which has known weaknesses; Azure is retiring TLS 1.0 and 1.1 for storage.
 */
export const storageMinTls: ResourceValidationPolicy = {
    name: "aml-storage-min-tls",
    description: "Storage accounts must require TLS 1.2 or later (minimumTlsVersion TLS1_2).",
    severity: "medium",
    remediationSteps: 'Set minimumTlsVersion: "TLS1_2".',
    validateResource: validateResourceOfType(StorageAccount, (props, _args, report) => {
        if (!hasModernTls(props)) {
            const version = prop(props, "minimumTlsVersion");
            report(`minimumTlsVersion is ${version === undefined ? "not set (older accounts default to TLS1_0)" : show(version)}.`);
        }
    }),
    remediateResource: remediateResourceOfType(StorageAccount, (props) => {
        if (hasModernTls(props)) {
            return undefined;
        }
        return withInput(props, "minimumTlsVersion", "TLS1_2");
    }),
};

/**
 * @why Anonymous blob access lets anyone with a URL read training data and models.
 */
export const storageNoPublicBlob: ResourceValidationPolicy = {
    name: "aml-storage-no-public-blob",
    description: "Storage accounts must not allow anonymous public blob access (allowBlobPublicAccess must not be true).",
    severity: "high",
    remediationSteps: "Remove allowBlobPublicAccess: true or set it to false.",
    validateResource: validateResourceOfType(StorageAccount, (props, _args, report) => {
        if (prop(props, "allowBlobPublicAccess") === true) {
            report("allowBlobPublicAccess is true.");
        }
    }),
    remediateResource: remediateResourceOfType(StorageAccount, (props) => {
        if (prop(props, "allowBlobPublicAccess") === true) {
            return withInput(props, "allowBlobPublicAccess", false);
        }
        return undefined;
    }),
};

export const storageBaselinePolicies = [storageHttpsOnly, storageMinTls, storageNoPublicBlob];
