import fc from "fast-check";
import { CLIENT_ID, CLIENT_OBJECT_ID, SUBSCRIPTION_ID, TENANT_ID } from "../../../tools/preview/shared/armIds";
import { fakeInvoke, fakeResource, lookupResult, lookupTarget } from "../../../tools/preview/worker/fakes";
import { SECRET_SIG, SIG_KEY } from "../../../tools/preview/worker/wire";

const SUB = `/subscriptions/${SUBSCRIPTION_ID}`;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const urnOf = (type: string, name: string) => `urn:pulumi:dev::proj::pulumi:pulumi:Stack$${type}::${name}`;

function create(type: string, name: string, inputs: Record<string, unknown>) {
  return fakeResource({ type, name, urn: urnOf(type, name), inputs, custom: true });
}

describe("fakeResource", () => {
  it("keeps the inputs and adds ARM-like ids, names and computed outputs for known azure-native tokens", () => {
    const rg = create("azure-native:resources:ResourceGroup", "rg", { resourceGroupName: "rg-data" });
    expect(rg.id).toBe(`${SUB}/resourceGroups/rg-data`);
    expect(rg.state).toMatchObject({ resourceGroupName: "rg-data", name: "rg-data", location: "westeurope" });

    const sa = create("azure-native:storage:StorageAccount", "sa", {
      resourceGroupName: "rg-data",
      accountName: "stdata",
      kind: "StorageV2",
      sku: { name: "Premium_LRS" },
      location: "northeurope",
    });
    expect(sa.id).toBe(`${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata`);
    expect(sa.state).toMatchObject({
      kind: "StorageV2",
      location: "northeurope",
      sku: { name: "Premium_LRS", tier: "Premium" },
      primaryEndpoints: { blob: "https://stdata.blob.core.windows.net/", dfs: "https://stdata.dfs.core.windows.net/" },
      type: "Microsoft.Storage/storageAccounts",
    });
  });

  it.each([
    ["azure-native:keyvault:Vault", { vaultName: "kv-a" }, "Microsoft.KeyVault/vaults/kv-a"],
    ["azure-native:containerregistry:Registry", { registryName: "acra" }, "Microsoft.ContainerRegistry/registries/acra"],
    ["azure-native:operationalinsights:Workspace", { workspaceName: "log-a" }, "Microsoft.OperationalInsights/workspaces/log-a"],
    ["azure-native:applicationinsights:Component", { resourceName: "appi-a" }, "Microsoft.Insights/components/appi-a"],
    ["azure-native:machinelearningservices:Workspace", { workspaceName: "mlw-a" }, "Microsoft.MachineLearningServices/workspaces/mlw-a"],
    [
      "azure-native:managedidentity:UserAssignedIdentity",
      { resourceName: "id-a" },
      "Microsoft.ManagedIdentity/userAssignedIdentities/id-a",
    ],
    [
      "azure-native:storage:BlobContainer",
      { accountName: "sta", containerName: "raw" },
      "Microsoft.Storage/storageAccounts/sta/blobServices/default/containers/raw",
    ],
    [
      "azure-native:machinelearningservices:Datastore",
      { workspaceName: "mlw-a", name: "extra" },
      "Microsoft.MachineLearningServices/workspaces/mlw-a/datastores/extra",
    ],
  ])("%s gets an id under its resource group", (type, inputs, tail) => {
    const r = create(type, "r", { resourceGroupName: "rg", ...inputs });
    expect(r.id).toBe(`${SUB}/resourceGroups/rg/providers/${tail}`);
    expect(r.state.name).toBe(tail.split("/").pop());
  });

  it("builds scope-based ids for role assignments, definitions, diagnostic settings, budgets and locks", () => {
    const scope = `${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w`;
    const named = create("azure-native:authorization:RoleAssignment", "ra", {
      scope,
      roleAssignmentName: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    });
    expect(named.id).toBe(`${scope}/providers/Microsoft.Authorization/roleAssignments/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`);
    const autonamed = create("azure-native:authorization:RoleAssignment", "ra", { scope });
    expect(String(autonamed.state.name)).toMatch(GUID);
    expect(create("azure-native:authorization:RoleDefinition", "rd", { scope: SUB, roleDefinitionId: "abc" }).id).toBe(
      `${SUB}/providers/Microsoft.Authorization/roleDefinitions/abc`,
    );
    expect(create("azure-native:monitor:DiagnosticSetting", "d", { resourceUri: scope, name: "diag" }).id).toBe(
      `${scope}/providers/Microsoft.Insights/diagnosticSettings/diag`,
    );
    expect(create("azure-native:consumption:Budget", "b", { scope: SUB, budgetName: "monthly" }).id).toBe(
      `${SUB}/providers/Microsoft.Consumption/budgets/monthly`,
    );
    expect(
      create("azure-native:authorization:ManagementLockAtResourceLevel", "l", {
        resourceGroupName: "rg",
        resourceProviderNamespace: "Microsoft.Storage",
        parentResourcePath: "",
        resourceType: "storageAccounts",
        resourceName: "sta",
        lockName: "nodelete",
      }).id,
    ).toBe(`${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sta/providers/Microsoft.Authorization/locks/nodelete`);
  });

  it("falls back to an id derived from the token for unknown azure-native types", () => {
    const r = create("azure-native:network:PrivateEndpoint", "pe", { resourceGroupName: "rg", privateEndpointName: "pe-a" });
    expect(r.id).toBe(`${SUB}/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-a`);
    const other = create("azure-native:web:WebApp", "app", { resourceGroupName: "rg" });
    expect(other.id).toMatch(new RegExp(`^${SUB}/resourceGroups/rg/providers/Microsoft.Web/webApps/app-[0-9a-f]{7}$`));
  });

  it("autonames as <logical name>-<7 hex of the URN hash>, deterministic per URN", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), (a, b) => {
        const first = create("azure-native:storage:StorageAccount", a, { resourceGroupName: "rg" });
        const again = create("azure-native:storage:StorageAccount", a, { resourceGroupName: "rg" });
        expect(first).toEqual(again);
        expect(String(first.state.name)).toMatch(new RegExp(`^${a}-[0-9a-f]{7}$`));
        if (a !== b) expect(create("azure-native:storage:StorageAccount", b, { resourceGroupName: "rg" }).id).not.toBe(first.id);
      }),
    );
  });

  it("gives requested identities principals (uuid v5 of the URN), and none otherwise", () => {
    const ws = create("azure-native:machinelearningservices:Workspace", "ws", {
      resourceGroupName: "rg",
      identity: {
        type: "SystemAssigned,UserAssigned",
        userAssignedIdentities: [`${SUB}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-a`],
      },
    });
    const identity = ws.state.identity as Record<string, unknown>;
    expect(identity.principalId).toMatch(GUID);
    expect(identity.tenantId).toBe(TENANT_ID);
    expect(Object.values(identity.userAssignedIdentities as object)[0]).toMatchObject({ principalId: expect.stringMatching(GUID) });
    expect(ws.state.workspaceId).toMatch(GUID);
    const none = create("azure-native:machinelearningservices:Workspace", "plain", { resourceGroupName: "rg", identity: { type: "None" } });
    expect((none.state.identity as Record<string, unknown>).principalId).toBeUndefined();
  });

  it("gives azuread groups a deterministic objectId, components no id, providers a uuid", () => {
    const group = create("azuread:index/group:Group", "admins", { displayName: "ML admins" });
    expect(group.state.objectId).toMatch(GUID);
    expect(group.id).toBe(`/groups/${group.state.objectId}`);
    expect(fakeResource({ type: "acme:ml:Hub", name: "hub", urn: "u", inputs: { a: 1 }, custom: false })).toEqual({
      id: undefined,
      state: { a: 1 },
    });
    expect(fakeResource({ type: "pulumi:providers:azure-native", name: "p", urn: "u", inputs: {}, custom: true }).id).toMatch(GUID);
  });
});

describe("fakeInvoke", () => {
  it("answers getClientConfig with the fixed identity", () => {
    expect(fakeInvoke("azure-native:authorization:getClientConfig", {})).toEqual({
      clientId: CLIENT_ID,
      objectId: CLIENT_OBJECT_ID,
      subscriptionId: SUBSCRIPTION_ID,
      tenantId: TENANT_ID,
    });
  });

  it("derives a group's objectId from its display name, or keeps the one asked for", () => {
    const a = fakeInvoke("azuread:index/getGroup:getGroup", { displayName: "Data scientists" })!;
    expect(a.objectId).toMatch(GUID);
    expect(fakeInvoke("azuread:index/getGroup:getGroup", { displayName: "Data scientists" })!.objectId).toBe(a.objectId);
    expect(fakeInvoke("azuread:index/getGroup:getGroup", { displayName: "Other" })!.objectId).not.toBe(a.objectId);
    const id = "4a4b1c4e-9f4a-4b5e-8f3e-2b7f0a1c2d3e";
    expect(fakeInvoke("azuread:index/getGroup:getGroup", { objectId: id })).toMatchObject({ objectId: id, id });
  });

  it("invents a plausible StorageV2 / Standard_LRS account without HNS, and a resource group", () => {
    expect(fakeInvoke("azure-native:storage:getStorageAccount", { accountName: "stx", resourceGroupName: "rg" })).toMatchObject({
      id: `${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stx`,
      kind: "StorageV2",
      sku: { name: "Standard_LRS" },
      isHnsEnabled: false,
    });
    expect(fakeInvoke("azure-native:resources:getResourceGroup", { resourceGroupName: "rg" })).toMatchObject({
      id: `${SUB}/resourceGroups/rg`,
      name: "rg",
    });
  });

  it("returns account keys as a secret", () => {
    const result = fakeInvoke("azure-native:storage:listStorageAccountKeys", { accountName: "stx", resourceGroupName: "rg" })!;
    const keys = result.keys as Record<string, unknown>;
    expect(keys[SIG_KEY]).toBe(SECRET_SIG);
    const values = keys.value as Array<{ keyName: string; value: string }>;
    expect(values.map((k) => k.keyName)).toEqual(["key1", "key2"]);
    expect(values[0].value).toMatch(/^[A-Za-z0-9+/]{86}==$/);
  });

  it("answers versioned-module tokens like their plain form, and classic getClientConfig like azure-native's", () => {
    const args = { accountName: "stx", resourceGroupName: "rg" };
    expect(fakeInvoke("azure-native:storage/v20230101:listStorageAccountKeys", args)).toEqual(
      fakeInvoke("azure-native:storage:listStorageAccountKeys", args),
    );
    expect(fakeInvoke("azure:core/getClientConfig:getClientConfig", {})).toMatchObject(
      fakeInvoke("azure-native:authorization:getClientConfig", {})!,
    );
  });

  it.each([
    ["azure-native:operationalinsights:getSharedKeys", ["primarySharedKey", "secondarySharedKey"]],
    ["azure-native:containerregistry:listRegistryCredentials", ["passwords"]],
  ])("returns %s keys as secrets", (token, secretKeys) => {
    const result = fakeInvoke(token, { resourceGroupName: "rg", workspaceName: "log", registryName: "acr" })!;
    for (const key of secretKeys) expect((result[key] as Record<string, unknown>)[SIG_KEY]).toBe(SECRET_SIG);
  });

  it("has no answer (undefined: unknown in preview) for invokes it has no fake for", () => {
    expect(fakeInvoke("azure-native:web:listWebAppSecrets", {})).toBeUndefined();
  });
});

describe("lookups", () => {
  it("names the ARM id a lookup invoke refers to", () => {
    expect(lookupTarget("azure-native:storage:getStorageAccount", { accountName: "sta", resourceGroupName: "rg" })).toEqual({
      id: `${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sta`,
      globalName: "sta",
    });
    expect(lookupTarget("azure-native:authorization:getClientConfig", {})).toBeUndefined();
  });

  it("answers from a recorded resource (its inputs and computed state), lookup props over the defaults, or the fake", () => {
    const token = "azure-native:storage:getStorageAccount";
    const args = { accountName: "stx", resourceGroupName: "rg" };
    const resource = {
      type: "azure-native:storage:StorageAccount",
      name: "shared",
      urn: urnOf("azure-native:storage:StorageAccount", "shared"),
      id: "/the/recorded/id",
      inputs: { resourceGroupName: "rg", accountName: "stshared", kind: "BlobStorage", sku: { name: "Standard_GRS" } },
    };
    expect(lookupResult(token, args, { kind: "recorded", resource: resource as never })).toMatchObject({
      id: "/the/recorded/id",
      kind: "BlobStorage",
      sku: { name: "Standard_GRS", tier: "Standard" },
      name: "stshared",
    });
    const fromFile = lookupResult(token, args, { kind: "props", props: { isHnsEnabled: true } });
    expect(fromFile).toMatchObject({ isHnsEnabled: true, kind: "StorageV2", name: "stx" });
    expect(lookupResult(token, args, { kind: "none" })).toEqual(fakeInvoke(token, args));
    expect(() => lookupResult(token, args, { kind: "missing", reason: "no such account" })).toThrow("no such account");
  });
});
