import { isClassicHubType, isMlWorkspaceType, isStorageAccountType, tokenParts } from "../../../policies/lib/resourceTypes";

describe("resource type tokens", () => {
    it("drop a versioned module or a classic file suffix, and a local package's version", () => {
        expect(tokenParts("azure-native:storage/v20230101:StorageAccount")).toEqual({
            pkg: "azure-native",
            module: "storage",
            name: "StorageAccount",
        });
        expect(tokenParts("azure:storage/account:Account")).toEqual({ pkg: "azure", module: "storage", name: "Account" });
        expect(tokenParts("azure-native_storage_v20230101:storage:StorageAccount")?.pkg).toBe("azure-native");
        expect(tokenParts("not-a-token")).toBeUndefined();
    });

    it.each([
        "azure-native:storage:StorageAccount",
        "azure-native:storage/v20230101:StorageAccount",
        "azure-native:storage/v20220901:StorageAccount",
        "azure:storage/account:Account",
        "azure:storage:Account",
    ])("recognise %s as a storage account", (token) => {
        expect(isStorageAccountType(token)).toBe(true);
        expect(isMlWorkspaceType(token)).toBe(false);
    });

    it.each([
        "azure-native:machinelearningservices:Workspace",
        "azure-native:machinelearningservices/v20241001:Workspace",
        "azure:machinelearning/workspace:Workspace",
        "azure:aifoundry/hub:Hub",
    ])("recognise %s as an Azure ML workspace", (token) => {
        expect(isMlWorkspaceType(token)).toBe(true);
        expect(isStorageAccountType(token)).toBe(false);
    });

    it("tell other resources apart: ML Studio classic workspaces, blob containers, AI Foundry projects", () => {
        for (const token of [
            "azure-native:machinelearning:Workspace",
            "azure-native:storage:BlobContainer",
            "azure:storage/container:Container",
            "azure:aifoundry/project:Project",
            "azure-native:storage:StorageAccountX",
        ]) {
            expect([isStorageAccountType(token), isMlWorkspaceType(token)]).toEqual([false, false]);
        }
        expect(isClassicHubType("azure:aifoundry/hub:Hub")).toBe(true);
        expect(isClassicHubType("azure-native:machinelearningservices:Workspace")).toBe(false);
    });
});
