import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { PlannedGrant, accessPlan, isDataScientistRole } from "../../stacks/accessPlan";
import { StackConfig } from "../../stacks/config";
import { formatConfigIssue, locatedBindings, validateConfig } from "../../stacks/validate";

const BLOB = "Storage Blob Data Contributor";
const FILE = "Storage File Data Privileged Contributor";
const groups = { ds: { displayName: "ds" }, admins: { displayName: "admins" } };
const SHARED = { stack: "shared" };

const roles = (plan: PlannedGrant[], group = "ds") => plan.filter((g) => g.group === group).map((g) => `${g.role} @ ${g.target.kind}`);

describe("AZ-ACCESS-03: data-scientist groups get the data-plane roles studio needs with shared keys off", () => {
  it("on a workspace's own storage: blob and file on the account, beside the binding", () => {
    const plan = accessPlan({
      groups,
      workspaces: [{ name: "lab", access: [{ group: "ds", role: "azureml data scientist" }] }],
    } as StackConfig);
    expect(roles(plan)).toEqual(["azureml data scientist @ self", `${BLOB} @ storage`, `${FILE} @ storage`]);
  });

  it("only for data-scientist roles", () => {
    expect(isDataScientistRole("Azure AI Developer")).toBe(true);
    expect(isDataScientistRole("Reader")).toBe(false);
    const plan = accessPlan({ groups, workspaces: [{ name: "lab", access: [{ group: "ds", role: "Reader" }] }] } as StackConfig);
    expect(roles(plan)).toEqual(["Reader @ self"]);
  });

  it("and the suspend switch removes them with the bindings, so restoring brings back the same list", () => {
    const config = { groups, workspaces: [{ name: "lab", access: [{ group: "ds", role: "AzureML Data Scientist" }] }] } as StackConfig;
    const suspended = { ...config, workspaces: [{ ...config.workspaces![0], suspended: true }] } as StackConfig;
    expect(accessPlan(suspended)).toEqual([]);
    expect(accessPlan(config)).toEqual(accessPlan(structuredClone(config)));
  });
});

describe("AZ-ACCESS-07 and AZ-WS-05: on storage other workspaces share (a shared set, a hub's projects), blob access is limited to the workspace's own container", () => {
  it("for a workspace on a shared set and for a hub's projects", () => {
    const ws = accessPlan({
      groups,
      workspaces: [{ name: "lab", sharedResources: SHARED, access: [{ group: "ds", role: "AzureML Data Scientist" }] }],
    } as StackConfig);
    expect(roles(ws)).toEqual(["AzureML Data Scientist @ self", `${BLOB} @ blobstoreContainer`]);
    const hub = accessPlan({
      groups,
      hubs: [{ name: "r", projects: [{ name: "p", access: [{ group: "ds", role: "Azure AI Developer" }] }] }],
    } as StackConfig);
    expect(roles(hub)).toEqual(["Azure AI Developer @ self", "Reader @ self", `${BLOB} @ blobstoreContainer`]);
  });
});

describe("AZ-ACCESS-08: a data role on a whole shared account is an explicit opt-in", () => {
  it("grants the file role on the shared account only with accountWideFileAccess", () => {
    const ws = {
      name: "lab",
      sharedResources: SHARED,
      accountWideFileAccess: true,
      access: [{ group: "ds", role: "AzureML Data Scientist" }],
    };
    expect(roles(accessPlan({ groups, workspaces: [ws] } as StackConfig))).toContain(`${FILE} @ storage`);
  });

  it("refuses a data role on a shared resource without allWorkspaces, naming the key", () => {
    const shared = { name: "mlshared", access: [{ group: "ds", role: "Key Vault Secrets User", resource: "keyVault" }] };
    const { issues } = validateConfig({ groups, shared });
    expect(issues.map(formatConfigIssue)).toEqual([
      expect.stringMatching(/shared\.access\[0\]\.role = "Key Vault Secrets User": .*allWorkspaces: true/),
    ]);
    expect(validateConfig({ groups, shared: { ...shared, access: [{ ...shared.access[0], allWorkspaces: true }] } }).issues).toEqual([]);
  });
});

describe("AZ-ACCESS-05 and AZ-ACCESS-06: datastores and hubs", () => {
  it("gives data scientists blob access on each datastore's container and project members Reader on the hub, once", () => {
    const ds = [{ name: "raw", container: "raw", create: {} }];
    const ws = accessPlan({
      groups,
      workspaces: [{ name: "lab", datastores: ds, access: [{ group: "ds", role: "AzureML Data Scientist" }] }],
    } as StackConfig);
    expect(ws.filter((g) => g.target.kind === "datastoreContainer").map((g) => g.role)).toEqual([BLOB]);
    const two = [
      { name: "p1", access: [{ group: "ds", role: "Reader" }] },
      { name: "p2", access: [{ group: "ds", role: "Reader" }] },
    ];
    const hub = accessPlan({ groups, hubs: [{ name: "r", projects: two }] } as StackConfig);
    expect(hub.filter((g) => g.scopeKey === "hub/r").map((g) => [g.role, g.component])).toEqual([["Reader", "r-access"]]);
  });
});

describe("validation checks exactly what the program creates", () => {
  it("locatedBindings is the access plan, hub Reader and data-plane grants included", () => {
    const config = {
      groups,
      hubs: [{ name: "r", projects: [{ name: "p", access: [{ group: "ds", role: "Azure AI Developer" }] }] }],
    } as StackConfig;
    expect(locatedBindings(config).map((b) => [b.scopeKey, b.binding.role])).toEqual(accessPlan(config).map((g) => [g.scopeKey, g.role]));
  });
});

describe("every bundled stack", () => {
  const dir = path.resolve(__dirname, "../../stacks");
  const stacks = fs.readdirSync(dir).filter((f) => /^Pulumi\..+\.yaml$/.test(f));
  it.each(stacks)("%s: each data-scientist group can use studio with keys off (blob and file roles on its storage)", (file) => {
    const raw = parseYaml(fs.readFileSync(path.join(dir, file), "utf8")).config;
    const config = Object.fromEntries(
      Object.entries(raw)
        .filter(([k]) => k.startsWith("azure-ml-workspaces:"))
        .map(([k, v]) => [k.split(":")[1], v]),
    );
    const { config: parsed, issues } = validateConfig(config);
    expect(issues).toEqual([]);
    const plan = accessPlan(parsed!);
    for (const binding of plan.filter((g) => g.why === "bound in config" && isDataScientistRole(g.role))) {
      const data = plan.filter((g) => g.group === binding.group && g.path.join() === binding.path.join() && g.why !== "bound in config");
      expect(data.map((g) => g.role)).toEqual(expect.arrayContaining([BLOB]));
      const file = plan.some((g) => g.group === binding.group && g.role === FILE);
      expect([binding.scopeKey, binding.group, file]).toEqual([binding.scopeKey, binding.group, true]);
    }
  });
});
