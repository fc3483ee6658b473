/**
 * The committed references are what `npm run docs` generates now (regenerated in memory), and the sources document
 * every config key and policy: a schema key without a description or example, or a policy without `@why`, fails here.
 */
import * as fs from "fs";
import * as path from "path";
import { generateReferences } from "../../tools/docs/cli";
import { configReferenceRows } from "../../tools/docs/configReference";
import { loadPolicyReference } from "../../tools/docs/policyReference";
import { allPolicies } from "../../policies/policies";

const REPO_ROOT = path.resolve(__dirname, "../..");
const generated = generateReferences();

describe("generated references", () => {
  it("have nothing undocumented in their sources", () => {
    expect(generated.problems).toEqual([]);
  });

  it.each(Object.keys(generated.files))("%s is up to date (run `npm run docs`)", (file) => {
    expect(fs.readFileSync(path.join(REPO_ROOT, file), "utf8")).toBe(generated.files[file]);
  });
});

describe("docs/config-reference.md", () => {
  const rows = configReferenceRows();
  const paths = rows.map((row) => row.path);

  it("has every top-level key and the nested keys reviewers ask about", () => {
    for (const key of ["workspaces", "hubs", "shared", "tags", "requiredTags", "nameSeed", "protect", "groups", "customRoles"]) {
      expect(paths).toContain(key);
    }
    expect(paths).toEqual(
      expect.arrayContaining([
        "workspaces[].storage.skuName",
        "workspaces[].managedNetwork.outboundRules.<name>.destination",
        "workspaces[].budget.startDate",
        "hubs[].projects[].access[].role",
        "groups.<name>.create.displayName",
        "shared.access[].resource",
      ]),
    );
  });

  it("takes defaults from the schema's metadata and allowed values from the schema", () => {
    const sku = rows.find((row) => row.path === "workspaces[].storage.skuName");
    expect(sku).toMatchObject({ default: "Standard_LRS", required: false });
    expect(sku?.allowed.join(" ")).toContain("`Premium_LRS`");
    expect(rows.find((row) => row.path === "workspaces[].name")).toMatchObject({ required: true });
    expect(rows.find((row) => row.path === "protect")).toMatchObject({ default: true });
  });

  it("lists a project's refused keys instead of documenting them", () => {
    expect(paths).not.toContain("hubs[].projects[].storage");
    expect(rows.find((row) => row.path === "hubs[].projects")?.allowed.join(" ")).toContain("`storage`");
  });
});

describe("docs/policy-reference.md", () => {
  const { entries } = loadPolicyReference();
  const text = generated.files["docs/policy-reference.md"];

  it("documents every policy of allPolicies, in order, with its level and severity", () => {
    expect(entries.map((entry) => entry.name)).toEqual(allPolicies.map((policy) => policy.name));
    for (const policy of allPolicies) {
      expect(text).toContain(`### ${policy.name}\n`);
    }
    const premium = entries.find((entry) => entry.name === "aml-default-storage-not-premium");
    expect(premium).toMatchObject({ level: "mandatory", levelFromPack: false, severity: "high", kind: "stack" });
    expect(entries.find((entry) => entry.name === "aml-storage-min-tls")).toMatchObject({
      level: "advisory",
      levelFromPack: true,
      remediable: true,
    });
  });

  it("shows the settings of configurable policies with a policy-config example", () => {
    const tags = entries.find((entry) => entry.name === "aml-required-tags");
    expect(tags?.config.map((property) => property.key)).toEqual(["requiredTags"]);
    expect(text).toContain('"aml-required-tags": {\n    "enforcementLevel": "advisory",\n    "requiredTags": [');
  });
});
