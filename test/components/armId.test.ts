import { ARM_TYPES, ArmTypeKey, armIdRule, isArmIdOf, parseArmId } from "../../components/armId";

const SUB = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const id = (providerType: string, name: string, group = "rg-ml") =>
  `/subscriptions/${SUB}/resourceGroups/${group}/providers/${providerType}/${name}`;

describe("parseArmId", () => {
  it("splits a top-level resource id into its parts", () => {
    expect(parseArmId(id("Microsoft.Storage/storageAccounts", "stml01"))).toEqual({
      subscriptionId: SUB,
      resourceGroupName: "rg-ml",
      provider: "Microsoft.Storage",
      resourceType: "storageAccounts",
      name: "stml01",
    });
  });

  it("accepts any case in the fixed segments, as ARM does", () => {
    const parsed = parseArmId(`/SUBSCRIPTIONS/${SUB.toUpperCase()}/resourcegroups/RG-ml/providers/microsoft.keyvault/VAULTS/kv-ml`);
    expect(parsed).toMatchObject({ resourceGroupName: "RG-ml", provider: "microsoft.keyvault", resourceType: "VAULTS", name: "kv-ml" });
  });

  it("accepts resource group names with dots and parentheses", () => {
    expect(parseArmId(id("Microsoft.Storage/storageAccounts", "stml01", "rg.ml(prod)"))?.resourceGroupName).toBe("rg.ml(prod)");
  });

  it.each([
    ["a bare name", "stml01"],
    ["a missing subscription", "/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stml01"],
    [
      "a subscription that is not a GUID",
      "/subscriptions/production/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stml01",
    ],
    ["a missing resource group", `/subscriptions/${SUB}/providers/Microsoft.Storage/storageAccounts/stml01`],
    ["a child resource", `${id("Microsoft.Storage/storageAccounts", "stml01")}/blobServices/default`],
    ["a trailing slash", `${id("Microsoft.Storage/storageAccounts", "stml01")}/`],
    ["a resource group id", `/subscriptions/${SUB}/resourceGroups/rg-ml`],
    ["an empty string", ""],
  ])("rejects %s", (_, text) => {
    expect(parseArmId(text)).toBeUndefined();
  });
});

describe("isArmIdOf", () => {
  it.each(Object.entries(ARM_TYPES) as [ArmTypeKey, string][])("recognises %s ids (%s), ignoring case", (type, providerType) => {
    expect(isArmIdOf(id(providerType, "name01"), type)).toBe(true);
    expect(isArmIdOf(id(providerType.toLowerCase(), "name01"), type)).toBe(true);
  });

  it("refuses an id of another type", () => {
    expect(isArmIdOf(id(ARM_TYPES.keyVault, "kv-ml"), "storageAccount")).toBe(false);
    expect(isArmIdOf(id(ARM_TYPES.logAnalyticsWorkspace, "log-ml"), "applicationInsights")).toBe(false);
    // Same provider, different type.
    expect(isArmIdOf(id("Microsoft.Storage/storageAccountsX", "st"), "storageAccount")).toBe(false);
  });

  it("refuses malformed ids", () => {
    expect(isArmIdOf("stml01", "storageAccount")).toBe(false);
    expect(isArmIdOf(`/subscriptions/x/resourceGroups/rg/providers/${ARM_TYPES.storageAccount}/st`, "storageAccount")).toBe(false);
  });
});

describe("armIdRule", () => {
  it("shows the full form with the expected provider type", () => {
    expect(armIdRule("keyVault")).toBe(
      "must be an ARM id of the form /subscriptions/<guid>/resourceGroups/<name>/providers/Microsoft.KeyVault/vaults/<name>",
    );
  });
});
