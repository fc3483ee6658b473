import { StackConfig } from "../../stacks/config";
import { azureLimitIssues, hostNameProblem, portRangesProblem } from "../../stacks/azureLimits";

const ID = "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301";
type Rules = NonNullable<NonNullable<NonNullable<StackConfig["workspaces"]>[number]["managedNetwork"]>["outboundRules"]>;
const withRules = (outboundRules: Rules): StackConfig => ({
  workspaces: [{ name: "team-a", managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules } }],
});
const serviceTag = (protocol: string, portRanges: string): Rules => ({
  tags: { type: "ServiceTag", serviceTag: "DataFactory", protocol, portRanges },
});

describe("AZ-NET-01 ServiceTag protocol and ports", () => {
  it("accepts TCP, UDP, ICMP and *, and refuses other protocols, suggesting the spelling for a case twin", () => {
    for (const protocol of ["TCP", "UDP", "ICMP", "*"]) expect(azureLimitIssues(withRules(serviceTag(protocol, "443")))).toEqual([]);
    expect(azureLimitIssues(withRules(serviceTag("HTTP", "443")))[0].rule).toBe("must be one of TCP, UDP, ICMP or *");
    expect(azureLimitIssues(withRules(serviceTag("tcp", "443")))[0].rule).toContain('did you mean "TCP"?');
  });

  it("accepts ports, lists and ranges in 0-65535, and * alone", () => {
    for (const ok of ["443", "80,443", "80, 8080", "8000-8999", "0-65535", "*"]) expect(portRangesProblem(ok)).toBeUndefined();
    for (const bad of ["65536", "8999-8000", "80-", "http", "", "80;443", "*,443", "1-2-3"]) expect(portRangesProblem(bad)).toBeDefined();
  });
});

describe("AZ-NET-02 outbound rule names", () => {
  it("are 3-33 letters, digits, _ or -, starting with a letter or digit", () => {
    const rule = { type: "FQDN", destination: "pypi.org" } as const;
    expect(azureLimitIssues(withRules({ pypi: rule, ["a".repeat(33)]: rule }))).toEqual([]);
    for (const name of ["pe", "_pypi", "a".repeat(34)])
      expect(azureLimitIssues(withRules({ [name]: rule }))[0]).toMatchObject({ value: name, rule: expect.stringContaining("3-33") });
  });
});

describe("AZ-NET-03 FQDN and private endpoint host names", () => {
  it("allows a leading wildcard label only where FQDN rules allow it", () => {
    expect(hostNameProblem("*.anaconda.com", true)).toBeUndefined();
    expect(hostNameProblem("*.blob.core.windows.net", false)).toContain("no wildcard");
    expect(hostNameProblem("a.*.example.com", true)).toBeDefined();
  });

  it("keeps labels at 1-63 characters and the name at 253", () => {
    expect(hostNameProblem(`${"a".repeat(63)}.example.com`, false)).toBeUndefined();
    expect(hostNameProblem(`${"a".repeat(64)}.example.com`, false)).toBeDefined();
    expect(hostNameProblem(`${"abcdefghi.".repeat(26)}com`, false)).toBeDefined();
    expect(hostNameProblem("localhost", false)).toBeDefined();
    expect(hostNameProblem("-bad.example.com", false)).toBeDefined();
  });

  it("checks each host name a private endpoint rule maps", () => {
    const pe = {
      type: "PrivateEndpoint",
      serviceResourceId: `${ID}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1`,
      subresourceTarget: "blob",
    } as const;
    expect(azureLimitIssues(withRules({ data: { ...pe, fqdns: ["st1.blob.core.windows.net"] } }))).toEqual([]);
    const [issue] = azureLimitIssues(withRules({ data: { ...pe, fqdns: ["st1.blob.core.windows.net", "https://x"] } }));
    expect(issue.path).toEqual(["workspaces", 0, "managedNetwork", "outboundRules", "data", "fqdns", 1]);
  });
});

describe("AZ-LIMIT-01 custom role name and description lengths", () => {
  const role = { actions: ["Microsoft.MachineLearningServices/workspaces/read"] };
  it("accepts 512 and 2048 characters and refuses one more", () => {
    expect(azureLimitIssues({ customRoles: { ["r".repeat(512)]: { ...role, description: "d".repeat(2048) } } })).toEqual([]);
    expect(azureLimitIssues({ customRoles: { ["r".repeat(513)]: role } })[0].rule).toContain("at most 512 characters (got 513)");
    const [issue] = azureLimitIssues({ customRoles: { reader: { ...role, description: "d".repeat(2049) } } });
    expect(issue).toMatchObject({ path: ["customRoles", "reader", "description"], rule: expect.stringContaining("(got 2049)") });
  });
});

describe("AZ-LIMIT-02 custom role assignable scopes", () => {
  const role = (assignableScopes: string[]) => ({
    customRoles: { reader: { actions: ["Microsoft.MachineLearningServices/workspaces/read"], assignableScopes } },
  });
  const MG = "/providers/Microsoft.Management/managementGroups/research";
  it("accepts subscriptions, resource groups and one management group", () => {
    expect(azureLimitIssues(role([ID, `${ID}/resourceGroups/rg-team-a`, MG]))).toEqual([]);
  });

  it("refuses /, wildcards, malformed ids, resources and a second management group", () => {
    for (const scope of [
      "/",
      "/subscriptions/*",
      "/subscriptions/not-a-guid",
      `${ID}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1`,
      `${ID}/`,
    ]) {
      expect(azureLimitIssues(role([scope]))[0]).toMatchObject({ path: ["customRoles", "reader", "assignableScopes", 0], value: scope });
    }
    expect(azureLimitIssues(role([MG, `${MG}-2`]))[0].rule).toBe("a custom role may name only one management group");
  });
});

describe("AZ-LIMIT-03 and AZ-LIMIT-04 group display names", () => {
  it("are at most 256 characters, to create or to look up", () => {
    expect(azureLimitIssues({ groups: { a: { create: { displayName: "g".repeat(256) } }, b: { displayName: "h".repeat(256) } } })).toEqual(
      [],
    );
    expect(azureLimitIssues({ groups: { a: { create: { displayName: "g".repeat(257) } } } })[0].path).toEqual([
      "groups",
      "a",
      "create",
      "displayName",
    ]);
    expect(azureLimitIssues({ groups: { b: { displayName: "h".repeat(257) } } })[0].path).toEqual(["groups", "b", "displayName"]);
  });

  it("are not created twice (ignoring case), while looking up an existing group by a created group's name is left alone", () => {
    const issues = azureLimitIssues({
      groups: { a: { create: { displayName: "ML Readers" } }, b: { create: { displayName: "ml readers" } } },
    });
    expect(issues).toEqual([
      {
        path: ["groups", "b", "create", "displayName"],
        value: "ml readers",
        rule: "groups.a creates a group with this display name already; two groups of one name cannot be told apart by name",
      },
    ]);
  });
});
