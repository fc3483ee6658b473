import { remediateResourceOfType, ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { ContainerRegistry } from "../lib/resourceTypes";
import { prop, withInput } from "../lib/values";

/**
 * @why The admin user is one shared password with push and pull rights. Azure ML reaches the registry with managed
 * identities; only ACI deployments need the admin user.
 */
export const registryAdminDisabled: ResourceValidationPolicy = {
    name: "aml-registry-admin-disabled",
    description: "Container registries must disable the admin user (adminUserEnabled must not be true); Azure ML uses managed identities.",
    severity: "medium",
    remediationSteps: "Remove adminUserEnabled: true (SDK default false). Only ACI deployments still need admin credentials.",
    validateResource: validateResourceOfType(ContainerRegistry, (props, _args, report) => {
        if (prop(props, "adminUserEnabled") === true) {
            report("adminUserEnabled is true.");
        }
    }),
    // A pure input change: the registry and its images are untouched; only the shared admin password goes away.
    remediateResource: remediateResourceOfType(ContainerRegistry, (props) => {
        if (prop(props, "adminUserEnabled") === true) {
            return withInput(props, "adminUserEnabled", false);
        }
        return undefined;
    }),
};
