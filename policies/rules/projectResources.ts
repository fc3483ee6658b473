import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { MlWorkspace } from "../lib/resourceTypes";
import { isSet, prop, sameText } from "../lib/values";

/** Inputs that belong to the hub; ARM rejects them on a project, but only late, at deployment. */
export const hubOwnedInputs = ["storageAccount", "keyVault", "applicationInsights", "containerRegistry", "managedNetwork"];

/**
 * @why A project inherits storage, key vault, registry, Application Insights and managed network from its hub. ARM
 * rejects these inputs, but only at deployment, minutes into `pulumi up`.
 */
export const projectNoAssociatedResources: ResourceValidationPolicy = {
    name: "aml-project-no-associated-resources",
    description:
        "An Azure ML Project workspace must not set storageAccount, keyVault, applicationInsights, containerRegistry or managedNetwork; it inherits them from its hub.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Remove these inputs from the project and set them on the hub (hubResourceId) instead.",
    validateResource: validateResourceOfType(MlWorkspace, (props, args, report) => {
        if (!sameText(prop(props, "kind"), "Project")) {
            args.notApplicable("Only applies to workspaces of kind Project.");
        }
        // isSet: an input wired to another resource's output is unknown in preview, but it is still set.
        const offending = hubOwnedInputs.filter((key) => isSet(props, key));
        if (offending.length > 0) {
            report(`Project sets ${offending.join(", ")}.`);
        }
    }),
};
