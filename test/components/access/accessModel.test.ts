import {
  bindingSpecSchema,
  checkBindings,
  checkCustomRoleKeys,
  CustomRoleSpec,
  customRoleSpecSchema,
  GroupSpec,
  groupSpecSchema,
  LocatedBinding,
  resolveRole,
} from "../../../components/access/accessModel";
import { formatIssue, parseWithIssues } from "../../../components/configIssues";
import { BUILT_IN_ROLE_NAMES, BUILT_IN_ROLES } from "../../../components/access/roleCatalog";

const OID = "0b5c7d2e-1f3a-4b6c-8d9e-0a1b2c3d4e5f";

const groups: Record<string, GroupSpec> = {
  "data-scientists": { displayName: "AML Data Scientists" },
  "ml-admins": { objectId: OID },
};
const customRoles: Record<string, CustomRoleSpec> = {
  "ml-operator": { actions: ["Microsoft.MachineLearningServices/workspaces/read"] },
};
const at = (i: number, scopeKey: string, group: string, role: string): LocatedBinding => ({
  path: ["workspaces", "team-a", "bindings", i],
  scopeKey,
  binding: { group, role },
});

describe("groupSpecSchema", () => {
  it.each<[string, unknown]>([
    ["objectId", { objectId: OID }],
    ["displayName", { displayName: "AML Data Scientists" }],
    ["create", { create: { displayName: "AML Readers", description: "read only", owners: [OID], members: [] } }],
  ])("accepts %s", (_label, spec) => {
    expect(parseWithIssues(groupSpecSchema, spec).issues).toEqual([]);
  });

  it("reports a non-GUID object id at its exact path", () => {
    expect(parseWithIssues(groupSpecSchema, { objectId: "team-a" }, ["groups", "ds"]).issues).toEqual([
      { path: ["groups", "ds", "objectId"], value: "team-a", rule: expect.stringContaining("GUID") },
    ]);
    const members = parseWithIssues(groupSpecSchema, { create: { displayName: "x", members: [OID, "bob"] } }, ["g"]);
    expect(members.issues.map((i) => i.path)).toEqual([["g", "create", "members", 1]]);
  });

  it("requires exactly one of objectId, displayName or create", () => {
    const two = parseWithIssues(groupSpecSchema, { objectId: OID, displayName: "x" }, ["groups", "ds"]);
    expect(two.issues).toEqual([
      {
        path: ["groups", "ds"],
        value: { objectId: OID, displayName: "x" },
        rule: expect.stringMatching(/exactly one .*objectId and displayName/),
      },
    ]);
    expect(parseWithIssues(groupSpecSchema, {}).issues[0].rule).toMatch(/got none/);
  });

  it("rejects unknown keys, pointing at the key", () => {
    const issues = parseWithIssues(groupSpecSchema, { displayName: "x", mail: true }, ["groups", "ds"]).issues;
    expect(issues).toEqual([{ path: ["groups", "ds", "mail"], value: true, rule: 'unknown key "mail"' }]);
  });
});

describe("customRoleSpecSchema and bindingSpecSchema", () => {
  it("accepts a data-actions-only role and rejects a role that grants nothing", () => {
    const dataOnly = { actions: [], dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"] };
    expect(parseWithIssues(customRoleSpecSchema, dataOnly).issues).toEqual([]);
    expect(parseWithIssues(customRoleSpecSchema, { actions: [] }, ["customRoles", "x"]).issues).toEqual([
      { path: ["customRoles", "x", "actions"], value: [], rule: "must grant at least one action or dataAction" },
    ]);
  });

  it("rejects scopes that are not ARM ids and unknown keys", () => {
    const issues = parseWithIssues(customRoleSpecSchema, { actions: ["*/read"], assignableScopes: ["sub-1"], perms: 1 }).issues;
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining([["assignableScopes", 0], ["perms"]]));
  });

  it("binding is strictly { group, role }", () => {
    expect(parseWithIssues(bindingSpecSchema, { group: "g", role: "Reader" }).issues).toEqual([]);
    expect(parseWithIssues(bindingSpecSchema, { group: "g", role: "Reader", scope: "/x" }).issues[0].path).toEqual(["scope"]);
    expect(parseWithIssues(bindingSpecSchema, { group: "", role: "Reader" }).issues[0].path).toEqual(["group"]);
  });
});

describe("checkBindings", () => {
  it("accepts built-in names in any case and custom role keys", () => {
    const bindings = [
      at(0, "workspace/team-a", "data-scientists", "azureml data scientist"),
      at(1, "workspace/team-a", "ml-admins", "ML-Operator"),
      at(2, "shared/storage", "data-scientists", "Storage Blob Data Contributor"),
    ];
    expect(checkBindings(bindings, groups, customRoles)).toEqual([]);
  });

  it("reports an unknown role at its path, as written, with how to fix it", () => {
    const [issue, ...rest] = checkBindings([at(0, "workspace/team-a", "data-scientists", "Data Scientist")], groups, customRoles);
    expect(rest).toEqual([]);
    expect(issue.path).toEqual(["workspaces", "team-a", "bindings", 0, "role"]);
    expect(issue.value).toBe("Data Scientist");
    expect(issue.rule).toMatch(/^unknown role "Data Scientist": use a built-in role name \(as listed at https:\/\/learn\.microsoft\.com\//);
    expect(issue.rule).toContain("or a key of customRoles (ml-operator)");
    expect(issue.rule).not.toMatch(/[\r\n]/);
  });

  it("suggests the closest built-in role for a misspelt one, in the same line", () => {
    const [issue] = checkBindings([at(0, "workspace/team-a", "data-scientists", "Storage Blob Data Ownr")], groups, customRoles);
    expect(issue.rule).toMatch(/^unknown role "Storage Blob Data Ownr": did you mean "Storage Blob Data Owner"\? use a built-in role name/);
  });

  it("accepts any built-in role by name, ignoring case", () => {
    const bindings = [
      at(0, "workspace/team-a", "data-scientists", "storage blob data owner"),
      at(1, "workspace/team-a", "ml-admins", "Key Vault Secrets Officer"),
    ];
    expect(checkBindings(bindings, groups, customRoles)).toEqual([]);
  });

  it("accepts every built-in role of the published table by name, resolved to its GUID", () => {
    const bindings = BUILT_IN_ROLE_NAMES.map((role, i) => at(i, "workspace/team-a", "data-scientists", role));
    expect(bindings.length).toBeGreaterThan(400);
    expect(checkBindings(bindings, groups, customRoles)).toEqual([]);
    for (const role of BUILT_IN_ROLE_NAMES)
      expect(resolveRole(role, ["ml-operator"])).toEqual({ kind: "builtIn", name: role, guid: BUILT_IN_ROLES[role] });
  });

  it("reports a group missing from groups", () => {
    expect(checkBindings([at(3, "workspace/team-a", "interns", "Reader")], groups, customRoles)).toEqual([
      {
        path: ["workspaces", "team-a", "bindings", 3, "group"],
        value: "interns",
        rule: expect.stringContaining("defined: data-scientists, ml-admins"),
      },
    ]);
  });

  it("reports the second occurrence of a duplicate, matching roles ignoring case", () => {
    const issues = checkBindings(
      [
        at(0, "workspace/team-a", "data-scientists", "Reader"),
        at(1, "workspace/team-b", "data-scientists", "Reader"),
        at(2, "workspace/team-a", "data-scientists", "READER"),
      ],
      groups,
      customRoles,
    );
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual(["workspaces", "team-a", "bindings", 2]);
    expect(issues[0].rule).toBe(
      'duplicate binding: group "data-scientists" already has role "READER" on "workspace/team-a" at workspaces.team-a.bindings[0]; remove one',
    );
  });

  it("reports a role that is both a built-in name and a custom key", () => {
    const issues = checkBindings([at(0, "w", "data-scientists", "reader")], groups, { Reader: customRoles["ml-operator"] });
    expect(issues[0].rule).toMatch(/matches built-in role "Reader" and custom role "Reader"/);
  });
});

describe("resolveRole, checkCustomRoleKeys, formatIssue", () => {
  it("resolves built-in, custom and unknown roles", () => {
    expect(resolveRole("acrpush", [])).toMatchObject({ kind: "builtIn", name: "AcrPush" });
    expect(resolveRole("ML-OPERATOR", ["ml-operator"])).toEqual({ kind: "custom", key: "ml-operator" });
    expect(resolveRole("nope", ["ml-operator"])).toEqual({ kind: "unknown" });
  });

  it("rejects custom keys that shadow built-ins or differ only in case", () => {
    expect(checkCustomRoleKeys(["contributor", "ml-op", "ML-OP"]).map((i) => i.path)).toEqual([
      ["customRoles", "contributor"],
      ["customRoles", "ML-OP"],
    ]);
  });

  it("formats an issue as one line with path and value", () => {
    const line = formatIssue({ path: ["access", "bindings", 2, "role"], value: "Foo", rule: "unknown role" });
    expect(line).toBe('access.bindings[2].role = "Foo": unknown role');
    expect(formatIssue({ path: [], value: "x".repeat(200), rule: "r" })).not.toContain("\n");
  });
});
