import {
  BUILT_IN_ROLES,
  BUILT_IN_ROLE_NAMES,
  findBuiltInRole,
  GUID_PATTERN,
  roleDefinitionId,
  subscriptionScope,
} from "../../../components/access/roleCatalog";

// Copied by hand from azure-ml-facts.md §7 (learn "Azure built-in roles"); the reference folder is not in the repo.
const FACTS_TABLE: Record<string, string> = {
  Owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  Contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  Reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  "AzureML Data Scientist": "f6c7c914-8db3-469d-8ca1-694a8f32e121",
  "AzureML Compute Operator": "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815",
  "Azure AI Developer": "64702f94-c441-49e6-a78b-ef80e0188fee",
  "Azure AI Administrator": "b78c5d69-af96-48a3-bf8d-a8b4d589de94",
  "Azure AI Inference Deployment Operator": "3afb7f49-54cb-416e-8c09-6dc049efa503",
  "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  "Storage Blob Data Reader": "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
  "Storage File Data Privileged Contributor": "69566ab7-960f-475b-8e7c-b3118f30c6bd",
  "Storage File Data Privileged Reader": "b8eda974-7b85-4f76-af95-65846b26df6d",
  "Key Vault Administrator": "00482a5a-887f-4fb3-b363-3b7fe8e74483",
  "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
  AcrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  AcrPush: "8311e382-0749-4cb8-b61a-304f252e45ec",
  "Monitoring Reader": "43d0d8ad-25c7-4714-9337-8ba259a9fe05",
  "Cost Management Reader": "72fafb9e-0641-4937-9268-a91bfd8191a3",
};

const SUB = "11111111-2222-3333-4444-555555555555";

describe("roleCatalog", () => {
  it("holds exactly the roles of the facts table, with the same GUIDs", () => {
    expect(BUILT_IN_ROLES).toEqual(FACTS_TABLE);
    expect(BUILT_IN_ROLE_NAMES).toHaveLength(18);
  });

  it.each(Object.entries(BUILT_IN_ROLES))("%s has a lowercase GUID", (_name, guid) => {
    expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("never maps two roles to one GUID", () => {
    expect(new Set(Object.values(BUILT_IN_ROLES)).size).toBe(BUILT_IN_ROLE_NAMES.length);
  });

  it("finds roles ignoring case and surrounding spaces, returning the canonical name", () => {
    expect(findBuiltInRole("azureml data scientist")).toEqual({
      name: "AzureML Data Scientist",
      guid: "f6c7c914-8db3-469d-8ca1-694a8f32e121",
    });
    expect(findBuiltInRole("  ACRPULL ")?.name).toBe("AcrPull");
    expect(findBuiltInRole("Storage Blob Data Owner")).toBeUndefined();
  });

  it("builds the full subscription-scoped role definition id", () => {
    expect(roleDefinitionId(SUB, BUILT_IN_ROLES.Reader)).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`,
    );
    expect(subscriptionScope(SUB)).toBe(`/subscriptions/${SUB}`);
  });

  it("rejects a subscription or role id that is not a GUID, in one line", () => {
    expect(() => roleDefinitionId("my-sub", BUILT_IN_ROLES.Reader)).toThrow(/^subscriptionId "my-sub" is not a GUID/);
    expect(() => roleDefinitionId(SUB, "Reader")).toThrow(/^role definition GUID "Reader" is not a GUID/);
    expect(GUID_PATTERN.test(SUB)).toBe(true);
  });
});
