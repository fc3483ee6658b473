import type { PolicyResource } from "@pulumi/policy";
import { isClassicHubType, isMlWorkspaceType, ResourceType } from "./resourceTypes";
import { prop } from "./values";

/** Helpers for stack policies, which see every resource's outputs and its dependency graph. */

export function isOfType(resource: PolicyResource, type: ResourceType): boolean {
    return resource.type === type.__pulumiType;
}

/** A workspace's kind, lower-cased; absent, null or "" means "default". Throws UnknownValueError when unknown. */
export function workspaceKind(workspace: PolicyResource): string {
    if (isClassicHubType(workspace.type)) {
        return "hub";
    }
    const kind = prop(workspace.props, "kind");
    if (kind === undefined || kind === null || kind === "") {
        return "default";
    }
    return typeof kind === "string" ? kind.toLowerCase() : "(invalid)";
}

/** Workspace kinds with a default storage of their own; a project uses its hub's. */
const OWN_STORAGE_KINDS = ["default", "hub", "featurestore"];

/**
 * Default (or kind-less) workspaces, hubs and feature stores have a default storage of their own (a feature store is
 * a workspace kind with the same associated resources; docs/azure-rules/workspaces.md AZ-WS-08).
 */
export function ownsDefaultStorage(workspace: PolicyResource): boolean {
    return OWN_STORAGE_KINDS.includes(workspaceKind(workspace));
}

export function workspacesIn(resources: readonly PolicyResource[]): PolicyResource[] {
    return resources.filter((r) => isMlWorkspaceType(r.type));
}

/** The resources a property was computed from (engine-resolved; out-of-stack URNs are already dropped). */
export function propertyDependencies(resource: PolicyResource, key: string): PolicyResource[] {
    const deps = prop(resource.propertyDependencies, key);
    return Array.isArray(deps) ? deps.filter((d): d is PolicyResource => typeof d?.urn === "string") : [];
}

/** Index of children by parent URN, to look inside components. */
export function indexChildren(resources: readonly PolicyResource[]): Map<string, PolicyResource[]> {
    const children = new Map<string, PolicyResource[]>();
    for (const r of resources) {
        const parentUrn = r.parent?.urn;
        if (typeof parentUrn === "string") {
            const siblings = children.get(parentUrn);
            if (siblings) {
                siblings.push(r);
            } else {
                children.set(parentUrn, [r]);
            }
        }
    }
    return children;
}

/** All resources below `root` in the parent tree (cycle-safe). */
export function descendants(root: PolicyResource, children: Map<string, PolicyResource[]>): PolicyResource[] {
    const seen = new Set<string>([root.urn]);
    const found: PolicyResource[] = [];
    const queue = [...(children.get(root.urn) ?? [])];
    for (let next = queue.shift(); next; next = queue.shift()) {
        if (!seen.has(next.urn)) {
            seen.add(next.urn);
            found.push(next);
            queue.push(...(children.get(next.urn) ?? []));
        }
    }
    return found;
}

export function uniqueByUrn(resources: readonly PolicyResource[]): PolicyResource[] {
    return [...new Map(resources.map((r) => [r.urn, r])).values()];
}

export function names(resources: readonly PolicyResource[]): string {
    return resources.map((r) => `'${r.name}' (${r.type})`).join(", ");
}
