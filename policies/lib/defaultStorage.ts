import type { PolicyResource, ReportViolation, StackValidation, StackValidationArgs } from "@pulumi/policy";
import { StorageAccount } from "./resourceTypes";
import { descendants, indexChildren, isOfType, names, ownsDefaultStorage, propertyDependencies, uniqueByUrn, workspacesIn } from "./stack";
import { describeValue, forEachItem, isSet } from "./values";

/**
 * Which storage account a workspace uses as its default storage.
 *
 * Found through `propertyDependencies.storageAccount` (never by matching ID strings): in preview a new
 * account's ID is unknown, but the engine still knows which resource the input came from. Accounts that
 * are only datastores or `workspaceHubConfig.additionalWorkspaceStorageAccounts` never appear here.
 */
export type DefaultStorage = { kind: "in-stack"; account: PolicyResource } | { kind: "unverifiable"; reason: string };

export function resolveDefaultStorage(workspace: PolicyResource, children: Map<string, PolicyResource[]>): DefaultStorage | undefined {
    if (!isSet(workspace.props, "storageAccount")) {
        return undefined;
    }
    const deps = propertyDependencies(workspace, "storageAccount");
    let accounts = uniqueByUrn(deps.filter((d) => isOfType(d, StorageAccount)));
    if (accounts.length === 0) {
        // The ID may be a component's output: look for the account inside that component.
        const inside = deps.flatMap((d) => descendants(d, children));
        accounts = uniqueByUrn(inside.filter((d) => isOfType(d, StorageAccount)));
    }
    if (accounts.length === 1) {
        return { kind: "in-stack", account: accounts[0] };
    }
    if (accounts.length > 1) {
        return {
            kind: "unverifiable",
            reason: `its storageAccount is computed from several storage accounts (${names(accounts)}), so the pack cannot tell which one is the default`,
        };
    }
    if (deps.length > 0) {
        return {
            kind: "unverifiable",
            reason: `its storageAccount comes from ${names(deps)}, not from a storage account of this stack`,
        };
    }
    return {
        kind: "unverifiable",
        reason: `its storageAccount ${describeValue(workspace.props, "storageAccount")} is not a resource of this stack (an ID from config, a StackReference or a .get() lookup), so the pack cannot inspect it`,
    };
}

/** Calls `visit` for each Default/Hub workspace with its resolved default storage; unknowns are deferred. */
export function forEachDefaultStorage(
    args: StackValidationArgs,
    visit: (workspace: PolicyResource, storage: DefaultStorage) => void,
): void {
    const children = indexChildren(args.resources);
    let owners = 0;
    forEachItem(workspacesIn(args.resources), (workspace) => {
        if (!ownsDefaultStorage(workspace)) {
            return;
        }
        owners++;
        const storage = resolveDefaultStorage(workspace, children);
        if (storage) {
            visit(workspace, storage);
        }
    });
    if (owners === 0) {
        args.notApplicable("No Default or Hub workspace in this stack (projects use their hub's storage).");
    }
}

/**
 * A stack validation that checks each workspace's in-stack default storage account. `problem` returns
 * why the account cannot be default storage, or undefined. Each violation is reported once, on the
 * workspace, naming both resources.
 */
export function defaultStorageRule(problem: (account: PolicyResource) => string | undefined): StackValidation {
    return (args: StackValidationArgs, report: ReportViolation) =>
        forEachDefaultStorage(args, (workspace, storage) => {
            if (storage.kind !== "in-stack") {
                return;
            }
            const why = problem(storage.account);
            if (why) {
                report(
                    `Workspace '${workspace.name}' uses storage account '${storage.account.name}' as its default storage, but ${why}`,
                    workspace.urn,
                );
            }
        });
}
