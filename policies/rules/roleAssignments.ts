import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { MlWorkspace, RoleAssignment } from "../lib/resourceTypes";
import { isOfType, propertyDependencies } from "../lib/stack";
import { forEachItem, prop, show, tryRead } from "../lib/values";

const mlScope = /\/providers\/Microsoft\.MachineLearningServices\/workspaces\//i;
const defaultAllowed = ["Group"];

export interface RoleAssignmentGroupsConfig {
    /** principalType values allowed on ML scopes. Defaults to ["Group"]; add "ServicePrincipal" for managed identities. */
    allowedPrincipalTypes?: string[];
}

/**
 * Whether the assignment's scope is an ML workspace (or below one). In preview a new workspace's ID is
 * unknown, so the scope's property dependencies decide; a known scope string is checked as well.
 */
function targetsMlWorkspace(assignment: PolicyResource): boolean {
    if (propertyDependencies(assignment, "scope").some((d) => isOfType(d, MlWorkspace))) {
        return true;
    }
    const scope = tryRead(() => prop(assignment.props, "scope"));
    return scope.known && typeof scope.value === "string" && mlScope.test(`${scope.value}/`);
}

function allowedTypes(config: RoleAssignmentGroupsConfig): string[] {
    const configured = config.allowedPrincipalTypes;
    return Array.isArray(configured) ? configured.filter((t): t is string => typeof t === "string") : defaultAllowed;
}

/**
 * @why Granting people access through Entra groups, not one by one, keeps access reviewable and removable in one
 * place. The azure-native default principalType is User.
 * @configExample { "allowedPrincipalTypes": ["Group", "ServicePrincipal"] }
 */
export const roleAssignmentGroups: StackValidationPolicy = {
    name: "aml-role-assignment-groups",
    description: "Role assignments on Azure ML workspaces must target Entra groups (principalType: Group), not individual principals.",
    severity: "medium",
    remediationSteps: 'Assign the role to an Entra group and set principalType: "Group" (the azure-native default is User).',
    configSchema: {
        properties: {
            allowedPrincipalTypes: {
                type: "array",
                items: { type: "string", enum: ["Group", "ServicePrincipal", "ForeignGroup", "User", "Device"] },
                default: defaultAllowed,
                description: 'principalType values allowed on ML scopes, e.g. ["Group", "ServicePrincipal"] to allow managed identities.',
            },
        },
    },
    validateStack: (args, report) => {
        const allowed = allowedTypes(args.getConfig<RoleAssignmentGroupsConfig>());
        const assignments = args.resources.filter((r) => isOfType(r, RoleAssignment));
        if (assignments.length === 0) {
            args.notApplicable("No role assignments in this stack.");
        }
        forEachItem(assignments, (assignment) => {
            if (!targetsMlWorkspace(assignment)) {
                return;
            }
            const principalType = prop(assignment.props, "principalType") ?? "User";
            if (!allowed.some((t) => typeof principalType === "string" && t.toLowerCase() === principalType.toLowerCase())) {
                report(
                    `Role assignment '${assignment.name}' on an ML workspace targets principalType ${show(principalType)}; allowed: ${allowed.join(", ")}.`,
                    assignment.urn,
                );
            }
        });
    },
};
