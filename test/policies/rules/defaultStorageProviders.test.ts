/**
 * The default-storage policies judge every provider style a program may use: azure-native v3 (and v2, which
 * shares its tokens), azure-native versioned modules, and classic `@pulumi/azure` with its own input names.
 */
import {
    defaultStorageNoHns,
    defaultStorageNotPremium,
    defaultStorageSupportedKind,
    defaultStorageVerifiable,
} from "../../../policies/policies";
import { resource, ResourceFixture, runStackPolicy } from "../harness";
import { armId, storageAccount, unknown, workspace } from "../fixtures";

type Style = {
    name: string;
    account(name: string, problem?: "premium" | "hns" | "blob"): ResourceFixture;
    workspace(name: string, account: ResourceFixture, props?: Record<string, unknown>): ResourceFixture;
};

const nativeProblems = { premium: { sku: { name: "Premium_LRS" } }, hns: { isHnsEnabled: true }, blob: { kind: "BlobStorage" } };

/** azure-native under another token (versioned module), same inputs. */
function nativeStyle(name: string, storageType: string, workspaceType: string): Style {
    return {
        name,
        account: (n, problem) => ({ ...storageAccount(n, problem ? nativeProblems[problem] : {}), type: storageType }),
        workspace: (n, account, props) => ({ ...workspace(n, props, account), type: workspaceType }),
    };
}

const classicProblems = { premium: { accountTier: "Premium" }, hns: { isHnsEnabled: true }, blob: { accountKind: "BlobStorage" } };

/** Classic `azure`: `accountTier` + `accountReplicationType`, `accountKind` (StorageV2 when absent), `storageAccountId`. */
function classicStyle(name: string, workspaceType: string): Style {
    return {
        name,
        account: (n, problem) =>
            resource("azure:storage/account:Account", n, {
                name: n,
                resourceGroupName: "rg-ml",
                accountTier: "Standard",
                accountReplicationType: "LRS",
                ...(problem ? classicProblems[problem] : {}),
            }),
        workspace: (n, account, props = {}) =>
            resource(
                workspaceType,
                n,
                { name: n, resourceGroupName: "rg-ml", storageAccountId: unknown, ...props },
                { propertyDependencies: { storageAccountId: [account] } },
            ),
    };
}

const styles: Style[] = [
    nativeStyle("azure-native", "azure-native:storage:StorageAccount", "azure-native:machinelearningservices:Workspace"),
    nativeStyle(
        "azure-native versioned modules",
        "azure-native:storage/v20230101:StorageAccount",
        "azure-native:machinelearningservices/v20241001:Workspace",
    ),
    classicStyle("classic azure workspace", "azure:machinelearning/workspace:Workspace"),
    classicStyle("classic azure AI Foundry hub", "azure:aifoundry/hub:Hub"),
];

const checks = [
    ["premium", defaultStorageNotPremium, /Premium_LRS is premium/],
    ["hns", defaultStorageNoHns, /isHnsEnabled: true/],
    ["blob", defaultStorageSupportedKind, /kind BlobStorage/],
] as const;

describe.each(styles)("default storage policies, $name", (style) => {
    it.each(checks)("flag %s default storage on the workspace, and pass it as a datastore", async (problem, policy, message) => {
        const bad = style.account("stbad", problem);
        const ws = style.workspace("ws", bad);
        const outcome = await runStackPolicy(policy, [bad, ws]);
        expect(outcome.violations).toEqual([expect.objectContaining({ urn: ws.urn, enforcementLevel: "mandatory" })]);
        expect(outcome.violations[0].message).toMatch(message);

        const standard = style.account("stdefault");
        expect((await runStackPolicy(policy, [standard, bad, style.workspace("ws", standard)])).status).toBe("passed");
    });

    it("resolve a hard-coded ARM id of an account of this stack by its name", async () => {
        const bad = style.account("stbyname", "premium");
        const id = armId("Microsoft.Storage/storageAccounts", "StByName");
        const ws = { ...style.workspace("ws", bad), propertyDependencies: {} };
        ws.props = { ...ws.props, [ws.type.startsWith("azure:") ? "storageAccountId" : "storageAccount"]: id };
        expect((await runStackPolicy(defaultStorageNotPremium, [bad, ws])).violations).toHaveLength(1);
        expect((await runStackPolicy(defaultStorageVerifiable, [bad, ws])).status).toBe("passed");
        // An id naming no account of this stack stays unverifiable.
        const other = style.account("stother", "premium");
        expect((await runStackPolicy(defaultStorageVerifiable, [other, ws])).violations).toHaveLength(1);
        expect((await runStackPolicy(defaultStorageNotPremium, [other, ws])).status).toBe("passed");
    });
});
