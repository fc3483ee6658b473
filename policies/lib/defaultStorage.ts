import type { PolicyResource, ReportViolation, StackValidation, StackValidationArgs } from "@pulumi/policy";
import { isStorageAccountType } from "./resourceTypes";
import { descendants, indexChildren, names, ownsDefaultStorage, propertyDependencies, uniqueByUrn, workspacesIn } from "./stack";
import { defaultStorageInput, storageAccountName } from "./storageAccount";
import { describeValue, forEachItem, isSet, prop, tryRead } from "./values";

/**
 * Which storage account a workspace uses as its default storage.
 *
 * Found through `propertyDependencies.storageAccount` (classic `azure`: `storageAccountId`): in preview a new
 * account's ID is unknown, but the engine still knows which resource the input came from. A hard-coded ARM id
 * with no dependency resolves by the account name it ends in, when an account of this stack has that name
 * (storage account names are globally unique). Accounts that are only datastores or
 * `workspaceHubConfig.additionalWorkspaceStorageAccounts` never appear here.
 */
export type DefaultStorage = { kind: "in-stack"; account: PolicyResource } | { kind: "unverifiable"; reason: string };

export function resolveDefaultStorage(
    workspace: PolicyResource,
    children: Map<string, PolicyResource[]>,
    resources: readonly PolicyResource[] = [],
): DefaultStorage | undefined {
    const key = defaultStorageInput(workspace);
    if (!isSet(workspace.props, key)) {
        return undefined;
    }
    const deps = propertyDependencies(workspace, key);
    let accounts = uniqueByUrn(deps.filter((d) => isStorageAccountType(d.type)));
    if (accounts.length === 0) {
        // The ID may be a component's output: look for the account inside that component.
        const inside = deps.flatMap((d) => descendants(d, children));
        accounts = uniqueByUrn(inside.filter((d) => isStorageAccountType(d.type)));
    }
    if (accounts.length === 1) {
        return { kind: "in-stack", account: accounts[0] };
    }
    if (accounts.length > 1) {
        return {
            kind: "unverifiable",
            reason: `its ${key} is computed from several storage accounts (${names(accounts)}), so the pack cannot tell which one is the default`,
        };
    }
    if (deps.length > 0) {
        return {
            kind: "unverifiable",
            reason: `its ${key} comes from ${names(deps)}, not from a storage account of this stack`,
        };
    }
    const id = tryRead(() => prop(workspace.props, key));
    const named = id.known ? accountNamedBy(id.value, resources) : undefined;
    if (named) {
        return { kind: "in-stack", account: named };
    }
    return {
        kind: "unverifiable",
        reason: `its ${key} ${describeValue(workspace.props, key)} is not a resource of this stack (an ID from config, a StackReference or a .get() lookup), so the pack cannot inspect it`,
    };
}

const STORAGE_ACCOUNT_ID = /\/providers\/Microsoft\.Storage\/storageAccounts\/([^/]+)\/?$/i;

/** Storage accounts by lower-cased name, built once per stack (each workspace's lookup is then linear overall). */
const accountsByName = new WeakMap<readonly PolicyResource[], Map<string, PolicyResource[]>>();

/** The one storage account of this stack whose name a hard-coded ARM id ends in, if any. */
function accountNamedBy(id: unknown, resources: readonly PolicyResource[]): PolicyResource | undefined {
    const name = typeof id === "string" ? STORAGE_ACCOUNT_ID.exec(id)?.[1] : undefined;
    if (name === undefined) {
        return undefined;
    }
    let index = accountsByName.get(resources);
    if (!index) {
        index = new Map();
        for (const r of resources) {
            const read = isStorageAccountType(r.type) ? tryRead(() => storageAccountName(r)) : undefined;
            if (read?.known && typeof read.value === "string") {
                const key = read.value.toLowerCase();
                index.set(key, [...(index.get(key) ?? []), r]);
            }
        }
        accountsByName.set(resources, index);
    }
    const matches = index.get(name.toLowerCase()) ?? [];
    return matches.length === 1 ? matches[0] : undefined;
}

/** Calls `visit` for each Default, Hub or FeatureStore workspace with its resolved default storage; unknowns are deferred. */
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
        const storage = resolveDefaultStorage(workspace, children, args.resources);
        if (storage) {
            visit(workspace, storage);
        }
    });
    if (owners === 0) {
        args.notApplicable("No Default, Hub or FeatureStore workspace in this stack (projects use their hub's storage).");
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
