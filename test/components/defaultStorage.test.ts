import { UNSUPPORTED_DEFAULT_STORAGE_KINDS, defaultStorageProblems, describeRefusedAccount } from "../../components/defaultStorage";

describe("defaultStorageProblems", () => {
  it("accepts what the components create by default and what a user leaves out", () => {
    expect(defaultStorageProblems({})).toEqual([]);
    expect(defaultStorageProblems({ skuName: "Standard_LRS", kind: "StorageV2", isHnsEnabled: false })).toEqual([]);
    expect(defaultStorageProblems({ skuName: "Standard_RAGZRS", kind: "Storage" })).toEqual([]);
  });

  it.each(["Premium_LRS", "Premium_ZRS", "PremiumV2_LRS", "premium_lrs"])("refuses the premium SKU %s", (skuName) => {
    expect(defaultStorageProblems({ skuName })).toEqual([
      { property: "sku", value: skuName, rule: expect.stringContaining("must not be premium") },
    ]);
  });

  it.each([...UNSUPPORTED_DEFAULT_STORAGE_KINDS])("refuses the kind %s", (kind) => {
    expect(defaultStorageProblems({ kind })).toEqual([{ property: "kind", value: kind, rule: expect.stringContaining(kind) }]);
  });

  it("refuses hierarchical namespace only when it is on", () => {
    expect(defaultStorageProblems({ isHnsEnabled: true })).toEqual([
      { property: "isHnsEnabled", value: true, rule: expect.stringContaining("hierarchical namespace") },
    ]);
    expect(defaultStorageProblems({ isHnsEnabled: false })).toEqual([]);
  });

  it("reports every problem of an account, SKU first", () => {
    const problems = defaultStorageProblems({ skuName: "Premium_LRS", kind: "BlockBlobStorage", isHnsEnabled: true });
    expect(problems.map((p) => p.property)).toEqual(["sku", "isHnsEnabled", "kind"]);
  });

  it("does not mistake a standard SKU that mentions premium elsewhere", () => {
    expect(defaultStorageProblems({ skuName: "Standard_Premium" })).toEqual([]);
  });
});

describe("describeRefusedAccount", () => {
  it("names the account, the property, its value and the rule in one line", () => {
    const id = "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stlake";
    const [problem] = defaultStorageProblems({ isHnsEnabled: true });
    const line = describeRefusedAccount(id, problem);
    expect(line).toBe(`storage account '${id}' cannot be a workspace's default storage: isHnsEnabled is 'true', and ${problem.rule}`);
    expect(line).not.toContain("\n");
  });
});
