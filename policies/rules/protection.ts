import type { ResourceValidationPolicy } from "@pulumi/policy";
import { statefulTypes } from "../lib/resourceTypes";

/**
 * @why `protect` makes Pulumi refuse to delete or replace a resource; without it a config change or a removed entry
 * deletes the data with the resource. The package protects these by default; an entry's `protect: false` is an
 * explicit opt-in for sandboxes, reported here so every preview shows it. docs/azure-rules/data-protection.md AZ-DATA-04
 */
export const statefulProtected: ResourceValidationPolicy = {
    name: "aml-stateful-protected",
    description:
        "Resources that hold data (resource groups, storage accounts and containers, key vaults, Log Analytics workspaces, registries, Azure ML workspaces) should be protected.",
    severity: "medium",
    remediationSteps: "Leave protect on (the default); unprotect only a sandbox entry, with its own protect: false.",
    validateResource: (args, report) => {
        if (statefulTypes.has(args.type) && args.opts.protect !== true) {
            report(`'${args.name}' is not protected: Pulumi may delete or replace it, and its data with it.`);
        }
    },
};
