import * as fs from "fs";
import * as path from "path";
import {
  BUILT_IN_ROLES,
  BUILT_IN_ROLE_NAMES,
  BUILT_IN_ROLES_SOURCE,
  findBuiltInRole,
  GUID_PATTERN,
  roleDefinitionId,
  subscriptionScope,
  suggestBuiltInRole,
} from "../../../components/access/roleCatalog";

/**
 * Role definition GUIDs Microsoft publishes apart from the built-in roles table: the `builtInRoleNames` maps of the
 * Azure Verified Modules (Azure/bicep-registry-modules, avm/res/<provider>/<resource>/main.bicep), extracted by script into
 * fixtures/publishedRoleIds.json. A check of the table's transcription that does not read the table.
 */
const ELSEWHERE: { source: string; roles: Record<string, string> } = JSON.parse(
  fs.readFileSync(path.join(__dirname, "fixtures/publishedRoleIds.json"), "utf8"),
);

const SUB = "11111111-2222-3333-4444-555555555555";

describe("AZ-ROLE-01: every built-in role by name, with Microsoft's GUID", () => {
  it("holds the whole published table, from Microsoft's page, with its date", () => {
    expect(BUILT_IN_ROLES_SOURCE.url).toMatch(/^https:\/\/learn\.microsoft\.com\/azure\/role-based-access-control\/built-in-roles$/);
    expect(BUILT_IN_ROLES_SOURCE.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The published table of 2026-04-09 has 498 rows; a lost or doubled row changes the count.
    expect(BUILT_IN_ROLE_NAMES).toHaveLength(498);
  });

  it("agrees with the GUIDs Microsoft publishes elsewhere for the same role names", () => {
    // The modules also use a few older names (renamed roles): only names the table has are compared.
    const checked = Object.entries(ELSEWHERE.roles).filter(([name]) => findBuiltInRole(name));
    expect(checked.length).toBeGreaterThanOrEqual(200);
    for (const [name, guid] of checked) expect({ name, guid: findBuiltInRole(name)?.guid }).toEqual({ name, guid });
  });

  it.each(Object.entries(BUILT_IN_ROLES))("%s has a lowercase GUID", (_name, guid) => {
    expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("never maps two roles to one GUID, nor has two names differing only in case", () => {
    expect(new Set(Object.values(BUILT_IN_ROLES)).size).toBe(BUILT_IN_ROLE_NAMES.length);
    expect(new Set(BUILT_IN_ROLE_NAMES.map((n) => n.toLowerCase())).size).toBe(BUILT_IN_ROLE_NAMES.length);
  });
});

describe("AZ-ROLE-03: no two role names differ only in case, so names match ignoring case", () => {
  it("finds roles ignoring case and surrounding spaces, returning the canonical name", () => {
    expect(findBuiltInRole("azureml data scientist")).toEqual({
      name: "AzureML Data Scientist",
      guid: BUILT_IN_ROLES["AzureML Data Scientist"],
    });
    expect(findBuiltInRole("  ACRPULL ")?.name).toBe("AcrPull");
    expect(findBuiltInRole("Storage Blob Data Owner")?.guid).toBe(ELSEWHERE.roles["Storage Blob Data Owner"]);
    expect(findBuiltInRole("Storage Blob Data")).toBeUndefined();
  });

  it("finds every built-in role by its name in any case", () => {
    for (const name of BUILT_IN_ROLE_NAMES) {
      expect(findBuiltInRole(name.toUpperCase())?.name).toBe(name);
      expect(findBuiltInRole(name.toLowerCase())?.name).toBe(name);
    }
  });
});

describe("suggestBuiltInRole", () => {
  it("suggests the closest name for a typo, a missing letter or a swapped pair", () => {
    expect(suggestBuiltInRole("Storage Blob Data Ownr")).toBe("Storage Blob Data Owner");
    expect(suggestBuiltInRole("key vault secret user")).toBe("Key Vault Secrets User");
    expect(suggestBuiltInRole("Contirbutor")).toBe("Contributor");
    expect(suggestBuiltInRole("AzureML Data Scientst")).toBe("AzureML Data Scientist");
  });

  it("suggests nothing for a name that is not close to any role", () => {
    expect(suggestBuiltInRole("Data Wrangler of the Lake")).toBeUndefined();
    expect(suggestBuiltInRole("")).toBeUndefined();
    expect(suggestBuiltInRole("xy")).toBeUndefined();
  });
});

describe("AZ-ROLE-02: role definition ids are built from the GUID, the same in every subscription", () => {
  it("builds the full subscription-scoped role definition id", () => {
    expect(roleDefinitionId(SUB, BUILT_IN_ROLES.Reader)).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES.Reader}`,
    );
    expect(subscriptionScope(SUB)).toBe(`/subscriptions/${SUB}`);
  });

  it("refuses a subscription or role id that is not a GUID", () => {
    expect(() => roleDefinitionId("my-sub", BUILT_IN_ROLES.Reader)).toThrow(/^subscriptionId "my-sub" is not a GUID/);
    expect(GUID_PATTERN.test(BUILT_IN_ROLES.Owner)).toBe(true);
  });
});
