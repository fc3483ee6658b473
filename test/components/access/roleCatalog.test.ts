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
import roleData from "../../../components/access/builtInRoles.json";
import { DATASTORE_IDENTITY_ROLE, USER_ASSIGNED_IDENTITY_GRANTS } from "../../../components/access/identityRoles";
import { CONNECTION_TARGET_ROLES } from "../../../components/computeRules";
import { CMK_KEY_ROLE } from "../../../components/encryption";
import { DATA_SCIENTIST_ROLES, SHARED_DATA_ROLES } from "../../../stacks/accessPlan";
import { PRIVILEGED_ROLES } from "../../../policies/rules/privilegedAccess";

/**
 * Role definition GUIDs Microsoft publishes apart from the built-in roles table: the `builtInRoleNames` maps of the
 * Azure Verified Modules (Azure/bicep-registry-modules, avm/res/<provider>/<resource>/main.bicep), extracted by script into
 * fixtures/publishedRoleIds.json. A check of the table's transcription that does not read the table.
 */
const ELSEWHERE: { source: string; roles: Record<string, string> } = JSON.parse(
  fs.readFileSync(path.join(__dirname, "fixtures/publishedRoleIds.json"), "utf8"),
);

const SUB = "11111111-2222-3333-4444-555555555555";
const REPO_ROOT = path.resolve(__dirname, "../../..");

/** Every double-quoted string in the TypeScript sources of the library, the program and the policy pack. */
function sourceStrings(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") walk(full);
      else if (entry.name.endsWith(".ts"))
        for (const [, text] of fs.readFileSync(full, "utf8").matchAll(/"([^"\\\n]{2,80})"/g))
          out.push({ file: path.relative(REPO_ROOT, full), text });
    }
  };
  for (const dir of ["components", "stacks", "policies"]) walk(path.join(REPO_ROOT, dir));
  return out;
}

describe("AZ-ROLE-01: every built-in role by name, with Microsoft's GUID", () => {
  it("holds the whole published table, from Microsoft's page, with its date", () => {
    expect(BUILT_IN_ROLES_SOURCE.url).toMatch(/^https:\/\/learn\.microsoft\.com\/azure\/role-based-access-control\/built-in-roles$/);
    expect(BUILT_IN_ROLES_SOURCE.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The page's source is pinned to one commit, taken no earlier than it was published.
    expect(roleData.sourceFile).toMatch(
      /^https:\/\/github\.com\/MicrosoftDocs\/azure-docs\/blob\/[0-9a-f]{40}\/articles\/role-based-access-control\/built-in-roles\.md$/,
    );
    expect(Date.parse(roleData.retrieved)).toBeGreaterThanOrEqual(Date.parse(roleData.published));
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

describe("the built-in roles the package itself grants or looks for", () => {
  const named: Record<string, string> = {
    DATASTORE_IDENTITY_ROLE,
    CMK_KEY_ROLE,
    ...Object.fromEntries(USER_ASSIGNED_IDENTITY_GRANTS.map((g) => [`USER_ASSIGNED_IDENTITY_GRANTS.${g.target}:${g.role}`, g.role])),
    ...Object.fromEntries(Object.entries(CONNECTION_TARGET_ROLES).map(([k, role]) => [`CONNECTION_TARGET_ROLES.${k}`, role])),
    ...Object.fromEntries(DATA_SCIENTIST_ROLES.map((role) => [`DATA_SCIENTIST_ROLES:${role}`, role])),
    ...Object.fromEntries(SHARED_DATA_ROLES.map((role) => [`SHARED_DATA_ROLES:${role}`, role])),
  };

  it.each(Object.entries(named))("%s is a built-in role spelt exactly as published", (_where, role) => {
    // BUILT_IN_ROLES[role] is what builds the role definition id: a near miss would be undefined there.
    expect(BUILT_IN_ROLES[role]).toMatch(GUID_PATTERN);
  });

  it("the policy pack's privileged roles carry the published GUID of the role they name", () => {
    for (const [guid, name] of Object.entries(PRIVILEGED_ROLES)) expect({ name, guid: BUILT_IN_ROLES[name] }).toEqual({ name, guid });
  });

  it("no string in the sources names a built-in role in another spelling, or one letter off", () => {
    const suspects = sourceStrings().flatMap(({ file, text }) => {
      const found = findBuiltInRole(text);
      // All-lowercase words ("owner" as a tag name) are not role names.
      if (found) return found.name === text || !/[A-Z]/.test(text) ? [] : [`${file}: "${text}" is spelt "${found.name}" in the table`];
      // A misspelt role: close to a role name and worded like one (several capitalised words).
      const near = /^[A-Z][\w]*( [A-Z][\w]*)+$/.test(text) ? suggestBuiltInRole(text) : undefined;
      return near ? [`${file}: "${text}" is not a built-in role; did you mean "${near}"?`] : [];
    });
    expect(suspects).toEqual([]);
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
