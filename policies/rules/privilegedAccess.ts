import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { RoleAssignment, RoleDefinition, ResourceGroup } from "../lib/resourceTypes";
import { isOfType, propertyDependencies } from "../lib/stack";
import { forEachItem, isBag, prop, show, tryRead } from "../lib/values";

/**
 * Privileged access: roles that can grant access or remove guards, and custom roles broader than a team needs.
 * docs/azure-rules/privileged-access.md AZ-PRIV-01 to AZ-PRIV-05
 */

/** Built-in roles that can assign roles (Owner, User Access Administrator, Role Based Access Control Administrator). */
export const PRIVILEGED_ROLES: Readonly<Record<string, string>> = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
};

/** Operations a team role must not carry: they remove a lock or hand out access. */
export const GUARD_OPERATIONS = ["Microsoft.Authorization/locks/delete", "Microsoft.Authorization/roleAssignments/write"];

const known = (r: PolicyResource, key: string): unknown => {
    const read = tryRead(() => prop(r.props, key));
    return read.known ? read.value : undefined;
};
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
const trimmed = (scope: string) => scope.replace(/\/+$/, "") || "/";

/** `/`, a management group, a subscription or a resource group: scopes at or above a resource group. */
export function scopeLevel(scope: string): "root" | "managementGroup" | "subscription" | "resourceGroup" | "resource" {
    const s = trimmed(scope);
    if (s === "/") return "root";
    if (/^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(s)) return "managementGroup";
    if (/^\/subscriptions\/[^/]+$/i.test(s)) return "subscription";
    if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i.test(s)) return "resourceGroup";
    return "resource";
}

/** Whether an action pattern (`*` wildcards, case-insensitive) covers `operation`. */
export function covers(pattern: string, operation: string): boolean {
    const regex = new RegExp(
        `^${pattern
            .split("*")
            .map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, "\\$&"))
            .join(".*")}$`,
        "i",
    );
    return regex.test(operation);
}

/** `*` or a whole provider (`Microsoft.Storage/*`). */
export const isBroadWildcard = (action: string) => action === "*" || /^[^/*]+\/\*$/.test(action);

function permissions(definition: PolicyResource): { actions: string[]; notActions: string[]; dataActions: string[] }[] {
    const value = known(definition, "permissions");
    return (Array.isArray(value) ? value : []).filter(isBag).map((p) => ({
        actions: strings(prop(p, "actions")),
        notActions: strings(prop(p, "notActions")),
        dataActions: strings(prop(p, "dataActions")),
    }));
}

const customRoles = (resources: readonly PolicyResource[]) => resources.filter((r) => isOfType(r, RoleDefinition));

/**
 * @why Owner, User Access Administrator and Role Based Access Control Administrator can grant any role, including
 * Owner, to anyone; bound at a resource group or wider they put the whole scope in the holder's hands.
 */
export const privilegedRoleBroadScope: StackValidationPolicy = {
    name: "aml-privileged-role-broad-scope",
    description:
        "Owner, User Access Administrator and Role Based Access Control Administrator must not be assigned without a condition at a resource group or wider.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Assign a narrower role (Contributor, AzureML Data Scientist), scope it to the workspace, or add a condition that constrains which roles may be assigned.",
    validateStack: (args, report) => {
        forEachItem(
            args.resources.filter((r) => isOfType(r, RoleAssignment)),
            (assignment) => {
                const definitionId = known(assignment, "roleDefinitionId");
                const guid = typeof definitionId === "string" ? definitionId.split("/").pop()!.toLowerCase() : undefined;
                const role = guid && PRIVILEGED_ROLES[guid];
                if (!role || known(assignment, "condition")) return;
                const scope = known(assignment, "scope");
                const broad =
                    typeof scope === "string"
                        ? scopeLevel(scope) !== "resource"
                        : propertyDependencies(assignment, "scope").some((d) => isOfType(d, ResourceGroup));
                if (broad) {
                    report(
                        `Role assignment '${assignment.name}' grants ${role} on ${show(scope ?? "a resource group")} without a condition.`,
                        assignment.urn,
                    );
                }
            },
        );
    },
};

/**
 * @why A custom role with `*` (or a whole provider's `*`) grants every operation that exists or will exist, data
 * included: nobody reviewing it can tell what it allows.
 */
export const customRoleWildcard: StackValidationPolicy = {
    name: "aml-custom-role-wildcard",
    description: "Custom roles must not grant wildcard actions or data actions (`*` or a whole provider, e.g. `Microsoft.Storage/*`).",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "List the operations the role needs, e.g. Microsoft.MachineLearningServices/workspaces/computes/start/action.",
    validateStack: (args, report) => {
        forEachItem(customRoles(args.resources), (definition) => {
            const broad = permissions(definition).flatMap((p) => [...p.actions, ...p.dataActions].filter(isBroadWildcard));
            if (broad.length) report(`Custom role '${definition.name}' grants ${broad.map(show).join(", ")}.`, definition.urn);
        });
    },
};

/**
 * @why A role that can delete locks or write role assignments can remove the guards on the data, or grant itself
 * more; Azure reserves both to Owner and User Access Administrator among the built-in roles.
 */
export const customRoleGuardOperations: StackValidationPolicy = {
    name: "aml-custom-role-guard-operations",
    description: "Custom roles must not be able to delete management locks or write role assignments.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Remove the Microsoft.Authorization actions (or exclude them with notActions).",
    validateStack: (args, report) => {
        forEachItem(customRoles(args.resources), (definition) => {
            const granted = GUARD_OPERATIONS.filter((op) =>
                permissions(definition).some((p) => p.actions.some((a) => covers(a, op)) && !p.notActions.some((n) => covers(n, op))),
            );
            if (granted.length) report(`Custom role '${definition.name}' can ${granted.join(" and ")}.`, definition.urn);
        });
    },
};

/**
 * @why A custom role assignable at `/` or at a management group can be assigned in every subscription below it, far
 * beyond the stack that defines it.
 */
export const customRoleScopeRoot: StackValidationPolicy = {
    name: "aml-custom-role-scope-root",
    description: "Custom roles must not be assignable at the root scope `/` or at a management group.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Set assignableScopes to the resource groups (or the subscription) where the role is used.",
    validateStack: (args, report) => {
        forEachItem(customRoles(args.resources), (definition) => {
            const wide = strings(known(definition, "assignableScopes")).filter((s) => ["root", "managementGroup"].includes(scopeLevel(s)));
            if (wide.length) report(`Custom role '${definition.name}' is assignable at ${wide.map(show).join(", ")}.`, definition.urn);
        });
    },
};

/** Assignments of `definition` in the stack: by dependency (preview) or by its GUID in a known roleDefinitionId. */
function assignmentsOf(definition: PolicyResource, resources: readonly PolicyResource[]): PolicyResource[] {
    const guid = known(definition, "roleDefinitionId");
    return resources.filter((r) => {
        if (!isOfType(r, RoleAssignment)) return false;
        if (propertyDependencies(r, "roleDefinitionId").some((d) => d.urn === definition.urn)) return true;
        const id = known(r, "roleDefinitionId");
        return typeof id === "string" && typeof guid === "string" && id.toLowerCase().endsWith(`/${guid.toLowerCase()}`);
    });
}

/**
 * @why Assignable scopes decide where a custom role can be used and who must hold roleDefinitions/write to define it;
 * a subscription scope no assignment needs makes a team pipeline need subscription-wide rights.
 */
export const customRoleScopeNarrow: StackValidationPolicy = {
    name: "aml-custom-role-scope-narrow",
    description:
        "Custom roles should be assignable only where the stack assigns them: a subscription scope only when an assignment needs it.",
    severity: "medium",
    remediationSteps: "Set assignableScopes to the resource groups the stack assigns the role in (the package's default).",
    validateStack: (args, report) => {
        forEachItem(customRoles(args.resources), (definition) => {
            const subscriptions = strings(known(definition, "assignableScopes")).filter((s) => scopeLevel(s) === "subscription");
            if (!subscriptions.length) return;
            const needed = assignmentsOf(definition, args.resources).some((a) => {
                const scope = known(a, "scope");
                return typeof scope === "string" && scopeLevel(scope) === "subscription";
            });
            if (!needed)
                report(
                    `Custom role '${definition.name}' is assignable at ${subscriptions.map(show).join(", ")}, but no assignment in this stack needs it.`,
                    definition.urn,
                );
        });
    },
};

export const privilegedAccessPolicies = [
    privilegedRoleBroadScope,
    customRoleWildcard,
    customRoleGuardOperations,
    customRoleScopeRoot,
    customRoleScopeNarrow,
];
