import * as fs from "fs";
import * as path from "path";
import { PreviewResult, RecordedResource, StackResult } from "../../tools/preview/shared/types";
import { isTaggable } from "../../policies/rules/requiredTags";
import { SHARED_OUTPUTS } from "../../stacks/sharedInputs";
import { CliRun, previewJson, REPO_ROOT } from "../previewCli";
import { previewJsonInProcess, renderSarif } from "../tools/preview/inProcess";
import { BUNDLED, ofType, roleAssignments, STATEFUL, usageWorkbooks } from "./bundledFacts";

/**
 * Every bundled stack through the real offline preview (the CLI in its own process) with the real policy pack, once;
 * a second run of the two stacks with the most generated names (role assignments, workbooks) without it, through the
 * CLI's `main` in this process, to prove the inputs do not change between runs. The SARIF of the first run is
 * rendered from its JSON, as `--format sarif` renders it. The program's output is compared with each stack's config.
 */
let run: CliRun;
let result: PreviewResult;
let again: PreviewResult;
const stack = (name: string): StackResult => result.stacks.find((s) => s.stack === name)!;

beforeAll(async () => {
  [{ run, result }, { result: again }] = await Promise.all([
    previewJson(["--all"]),
    previewJsonInProcess(["--stack", "team-a", "--stack", "research-hub", "--no-policy"]),
  ]);
});

it("no output mentions internal markers", () => {
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/§|fact file|\[unverified/);
});

type SarifResult = {
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
};

it("SARIF: every result at a workspace or hub entry (line > 1) of its stack file", () => {
  const { results } = JSON.parse(renderSarif(result, REPO_ROOT)).runs[0] as { results: SarifResult[] };
  expect(results.length).toBeGreaterThan(0);
  for (const r of results) {
    const { artifactLocation, region } = r.locations[0].physicalLocation;
    expect(artifactLocation.uri).toMatch(/^stacks\/Pulumi\.[\w-]+\.yaml$/);
    expect(region.startLine).toBeGreaterThan(1);
    const lines = fs.readFileSync(path.join(REPO_ROOT, artifactLocation.uri), "utf8").split("\n");
    expect(lines[region.startLine - 1]).toMatch(/^\s*(- )?\w+:/);
  }
});

it("previews every bundled stack and passes the policy pack with no mandatory violation", () => {
  expect(run.stderr).not.toMatch(/^error/m);
  expect(run.code).toBe(0);
  expect(result.stacks.map((s) => s.stack).sort()).toEqual(BUNDLED);
  expect(BUNDLED).toEqual(["research-hub", "shared", "team-a", "team-b"]);
  for (const s of result.stacks) {
    expect(s.error).toBeUndefined();
    expect(s.resources.some((r) => /:(machinelearningservices:Workspace|SharedResources)$/.test(r.type))).toBe(true);
    expect(s.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  }
});

it("follows the JSON contract", () => {
  for (const s of result.stacks) {
    expect(s.project).toBe("azure-ml-workspaces");
    for (const r of s.resources) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(["urn", "type", "name", "parent", "protect", "dependencies", "propertyDependencies", "inputs"]),
      );
      expect(r.parent === null || s.resources.some((p) => p.urn === r.parent)).toBe(true);
    }
  }
});

it("shows deleteBeforeReplace in the JSON options of every role assignment with a fixed name", () => {
  for (const s of result.stacks) {
    const fixed = s.resources.filter(
      (r) => r.type === "azure-native:authorization:RoleAssignment" && r.inputs.roleAssignmentName !== undefined,
    );
    expect(fixed.length).toBeGreaterThan(0);
    expect(fixed.filter((r) => r.options?.deleteBeforeReplace !== true).map((r) => r.urn)).toEqual([]);
  }
});

it("protects the stateful resources of every stack", () => {
  for (const s of result.stacks) {
    const stateful = s.resources.filter((r) => STATEFUL.includes(r.type));
    expect(stateful.length).toBeGreaterThan(0);
    expect(stateful.filter((r) => !r.protect).map((r) => r.urn)).toEqual([]);
  }
});

it("gives identical inputs for every resource across two runs", () => {
  expect(again.stacks.map((s) => s.stack).sort()).toEqual(["research-hub", "team-a"]);
  for (const other of again.stacks) {
    expect(other.resources.map((r) => [r.urn, r.inputs])).toEqual(stack(other.stack).resources.map((r) => [r.urn, r.inputs]));
  }
});

it("exports every id a consuming stack reads from the shared stack, as a non-empty string", () => {
  for (const key of Object.values(SHARED_OUTPUTS))
    expect(stack("shared").outputs[key]).toEqual(expect.stringMatching(/^\/subscriptions\//));
});

it("creates exactly the role assignments of the access plan that validation checks, no more and no fewer", () => {
  const all = result.stacks.map(roleAssignments);
  for (const { stack: name, created, planned } of all) expect({ name, created }).toEqual({ name, created: planned });
  expect(all.flatMap((a) => a.planned).length).toBeGreaterThan(0);
});

it("adds a usage workbook exactly where a diagnostic setting sends the workspace's logs to Log Analytics", () => {
  const entries = result.stacks.flatMap(usageWorkbooks);
  expect(entries.filter((e) => e.hasWorkbook !== e.expected)).toEqual([]);
  expect(entries.some((e) => e.hasWorkbook)).toBe(true);
});

it("lets team-a use the shared set without owning any of it", () => {
  const sharedIds = new Set(Object.values(stack("shared").outputs));
  const teamA = stack("team-a");
  expect(teamA.resources.filter((r) => r.id !== undefined && sharedIds.has(r.id))).toEqual([]);
  const workspaces = ofType(teamA, "azure-native:machinelearningservices:Workspace");
  expect(workspaces.map((w) => w.inputs.kind)).toEqual(["Default", "FeatureStore"]);
  for (const ws of workspaces) {
    expect(ws.inputs.storageAccount).toBe(stack("shared").outputs.storageAccountId);
    expect(ws.inputs.keyVault).toBe(stack("shared").outputs.keyVaultId);
  }
  // The ADLS Gen2 accounts (one premium) are datastores and the feature store's offline store, never default storage.
  expect(ofType(teamA, "azure-native:storage:StorageAccount").map((a) => a.inputs.isHnsEnabled)).toEqual([true, true]);
});

it("shows one Hub with projects that carry hubResourceId and nothing they inherit", () => {
  const workspaces = ofType(stack("research-hub"), "azure-native:machinelearningservices:Workspace");
  const hubs = workspaces.filter((w) => w.inputs.kind === "Hub");
  const projects = workspaces.filter((w) => w.inputs.kind === "Project");
  expect(hubs.length).toBeGreaterThanOrEqual(1);
  expect(projects.length).toBeGreaterThanOrEqual(2);
  for (const p of projects) {
    expect(typeof p.inputs.hubResourceId).toBe("string");
    for (const key of ["storageAccount", "keyVault", "applicationInsights", "containerRegistry", "managedNetwork"])
      expect(p.inputs).not.toHaveProperty(key);
  }
});

it("binds groups with principalType Group, full role definition ids and deterministic names", () => {
  const assignments = result.stacks.flatMap((s) =>
    ofType(s, "azure-native:authorization:RoleAssignment").filter((a) => a.inputs.principalType !== "ServicePrincipal"),
  );
  expect(assignments.length).toBeGreaterThan(5);
  for (const a of assignments) {
    expect(a.inputs.principalType).toBe("Group");
    expect(a.inputs.roleDefinitionId).toMatch(
      /^\/subscriptions\/[0-9a-f-]{36}\/providers\/Microsoft.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/,
    );
  }
  const teamA = ofType(stack("team-a"), "azure-native:authorization:RoleAssignment").map((a) => a.inputs.roleDefinitionId as string);
  expect(teamA.some((id) => id.endsWith("f6c7c914-8db3-469d-8ca1-694a8f32e121"))).toBe(true); // AzureML Data Scientist
  const names = (stacks: StackResult[]) =>
    stacks.flatMap((s) => ofType(s, "azure-native:authorization:RoleAssignment").map((a) => a.inputs.roleAssignmentName)).sort();
  expect(names(again.stacks)).toEqual(names(again.stacks.map((s) => stack(s.stack))));
  expect(new Set(names(result.stacks)).size).toBe(names(result.stacks).length);
});

it("gives each configured workspace a budget on its resource group and each workspace a usage workbook", () => {
  for (const name of ["team-a", "team-b"]) {
    const s = stack(name);
    const [rg] = ofType(s, "azure-native:resources:ResourceGroup");
    const [budget] = ofType(s, "azure-native:consumption:Budget");
    expect(budget.inputs.scope).toBe(`/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${rg.inputs.resourceGroupName}`);
    expect(budget.inputs).toMatchObject({ category: "Cost", timeGrain: "Monthly" });
    const workspaces = ofType(s, "azure-native:machinelearningservices:Workspace");
    expect(ofType(s, "azure-native:applicationinsights:Workbook")).toHaveLength(workspaces.length);
  }
  const hubs = ofType(stack("research-hub"), "azure-native:machinelearningservices:Workspace").filter((w) => w.inputs.kind === "Hub");
  expect(ofType(stack("research-hub"), "azure-native:applicationinsights:Workbook")).toHaveLength(hubs.length);
});

it("carries the required cost tags on every taggable resource", () => {
  for (const s of result.stacks) {
    const taggable = s.resources.filter((r) => r.custom && isTaggable(r.type, r.inputs));
    expect(taggable.length).toBeGreaterThan(0);
    const untagged = taggable.filter(
      (r) => !(r.inputs.tags as Record<string, string> | undefined)?.costCenter || !(r.inputs.tags as Record<string, string>).owner,
    );
    expect(untagged.map((r) => r.urn)).toEqual([]);
  }
});

it("team-b is private and reachable: an inbound endpoint with its DNS zone group, rules and a registry its mode accepts", () => {
  const teamB = stack("team-b");
  const [workspace] = ofType(teamB, "azure-native:machinelearningservices:Workspace");
  expect(workspace.inputs.publicNetworkAccess).toBe("Disabled");
  const endpoints = ofType(teamB, "azure-native:network:PrivateEndpoint");
  const groupOf = (pe: (typeof endpoints)[number]) => (pe.inputs.privateLinkServiceConnections as { groupIds: string[] }[])[0].groupIds;
  const endpoint = endpoints.find((pe) => groupOf(pe).includes("amlworkspace"))!;
  expect(endpoint.propertyDependencies.privateLinkServiceConnections).toContain(workspace.urn);
  const groups = ofType(teamB, "azure-native:network:PrivateDnsZoneGroup");
  expect(groups.map((g) => g.inputs.privateEndpointName)).toContain(endpoint.inputs.privateEndpointName);
  // AZ-PE-09: its storage, key vault and registry have public access off and are reached by their own endpoints.
  expect(endpoints.map(groupOf).flat().sort()).toEqual(["amlworkspace", "blob", "file", "registry", "vault"]);
  for (const type of ["storage:StorageAccount", "containerregistry:Registry"])
    expect(ofType(teamB, `azure-native:${type}`).map((r) => r.inputs.publicNetworkAccess)).toEqual(["Disabled"]);
  expect(
    ofType(teamB, "azure-native:keyvault:Vault").map((r) => (r.inputs.properties as { publicNetworkAccess?: string }).publicNetworkAccess),
  ).toEqual(["Disabled"]);
  const mode = (workspace.inputs.managedNetwork as { isolationMode: string }).isolationMode;
  const rules = Object.values((workspace.inputs.managedNetwork as { outboundRules: Record<string, { type: string }> }).outboundRules);
  if (mode !== "AllowOnlyApprovedOutbound") expect(rules.filter((r) => r.type !== "PrivateEndpoint")).toEqual([]);
  expect(ofType(teamB, "azure-native:containerregistry:Registry").map((r) => (r.inputs.sku as { name: string }).name)).toEqual(["Premium"]);
  const names = teamB.violations.map((v) => v.policy);
  expect(names).not.toContain("aml-workspace-private-reachable");
  expect(names).not.toContain("aml-registry-premium-approved-outbound");
});

it("AZ-DATA-01: turns on blob and container soft delete, and versioning where supported, for every storage account", () => {
  for (const s of result.stacks) {
    const services = new Map(ofType(s, "azure-native:storage:BlobServiceProperties").map((b) => [b.inputs.accountName, b.inputs]));
    for (const account of ofType(s, "azure-native:storage:StorageAccount")) {
      expect(services.get(account.inputs.accountName)).toMatchObject({
        deleteRetentionPolicy: { enabled: true },
        containerDeleteRetentionPolicy: { enabled: true },
        isVersioningEnabled: account.inputs.isHnsEnabled !== true,
      });
    }
  }
});

it("AZ-PRIV-01: reports no privileged access and no unprotected stateful resource in the bundled stacks", () => {
  const watched = /^aml-(privileged-|custom-role-|stateful-protected)/;
  expect(result.stacks.flatMap((s) => s.violations.filter((v) => watched.test(v.policy)))).toEqual([]);
});

describe("AZ-COMPUTE-02 AZ-COMPUTE-03 AZ-CONN-02 compute and connections of the bundled stacks", () => {
  const COMPUTE = "azure-native:machinelearningservices:Compute";
  const CONNECTION = "azure-native:machinelearningservices:WorkspaceConnection";
  const props = (r: RecordedResource) =>
    r.inputs.properties as { computeType: string; disableLocalAuth: boolean; properties: Record<string, unknown> };

  it("team-a has a CPU cluster that scales to 0 nodes after an idle time, without public IPs or local auth", () => {
    const [cluster] = ofType(stack("team-a"), COMPUTE).filter((r) => props(r).computeType === "AmlCompute");
    expect(props(cluster).properties.scaleSettings).toMatchObject({ minNodeCount: 0, nodeIdleTimeBeforeScaleDown: "PT10M" });
    expect(props(cluster).properties.enableNodePublicIp).toBe(false);
    expect(props(cluster).disableLocalAuth).toBe(true);
  });

  it("the research hub has a personal compute instance with idle shutdown and SSH off", () => {
    const [instance] = ofType(stack("research-hub"), COMPUTE).filter((r) => props(r).computeType === "ComputeInstance");
    expect(props(instance).properties).toMatchObject({ idleTimeBeforeShutdown: "PT30M", sshSettings: { sshPublicAccess: "Disabled" } });
    expect(instance.urn).toContain("::research-compute");
  });

  it("the hub's connection uses identity auth and the hub identity gets the target's role; projects create neither", () => {
    const s = stack("research-hub");
    const connections = ofType(s, CONNECTION);
    expect(connections).toHaveLength(1);
    const properties = connections[0].inputs.properties as Record<string, unknown>;
    expect(properties).toMatchObject({ authType: "AAD", category: "AzureOpenAI", isSharedToAll: true });
    expect(properties.credentials).toBeUndefined();
    const target = (properties.metadata as Record<string, string>).ResourceId;
    const grants = ofType(s, "azure-native:authorization:RoleAssignment").filter((r) => r.inputs.scope === target);
    expect(grants).toHaveLength(1);
    expect(grants[0].inputs).toMatchObject({ principalType: "ServicePrincipal" });
    expect(String(grants[0].inputs.roleDefinitionId)).toMatch(/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd$/);
    // Projects use the hub's connections and compute: nothing of either is a child of a project.
    const ofProjects = [...ofType(s, COMPUTE), ...connections].filter((r) => /prj|Project/.test(r.urn));
    expect(ofProjects).toEqual([]);
    expect(ofType(s, COMPUTE).every((r) => r.inputs.workspaceName === connections[0].inputs.workspaceName)).toBe(true);
  });
});

describe("AZ-WS-07 AZ-ACCESS-09 AZ-COMPUTE-09 the feature store and quota of team-a", () => {
  it("team-a-fs is a FeatureStore whose offline store connection reaches its ADLS Gen2 container as the materialization identity", () => {
    const s = stack("team-a");
    const [fs] = ofType(s, "azure-native:machinelearningservices:Workspace").filter((w) => w.inputs.kind === "FeatureStore");
    const [mi] = ofType(s, "azure-native:managedidentity:UserAssignedIdentity");
    expect(fs.inputs.featureStoreSettings).toMatchObject({ offlineStoreConnectionName: "OfflineStoreConnectionName" });
    expect(fs.inputs.identity).toMatchObject({ type: "SystemAssigned,UserAssigned", userAssignedIdentities: [mi.id] });
    const [connection] = ofType(s, "azure-native:machinelearningservices:WorkspaceConnection");
    const [container] = ofType(s, "azure-native:storage:BlobContainer").filter((c) => c.inputs.containerName === "offline-store");
    expect(connection.inputs).toMatchObject({
      workspaceName: fs.inputs.workspaceName,
      connectionName: "OfflineStoreConnectionName",
      properties: { authType: "ManagedIdentity", category: "ADLSGen2", target: container.id, credentials: { resourceId: mi.id } },
    });
    const account = String(container.id).split("/blobServices/")[0];
    const grants = ofType(s, "azure-native:authorization:RoleAssignment").filter(
      (r) => r.inputs.principalType === "ServicePrincipal" && [fs.id, account].includes(String(r.inputs.scope)),
    );
    expect(grants.map((g) => [String(g.inputs.roleDefinitionId).slice(-36), g.inputs.scope]).sort()).toEqual(
      [
        ["f6c7c914-8db3-469d-8ca1-694a8f32e121", fs.id], // AzureML Data Scientist on the feature store
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe", account], // Storage Blob Data Contributor on the offline store's account
      ].sort(),
    );
    expect(new Set(grants.map((g) => g.inputs.principalId)).size).toBe(1);
  });

  it("team-a shows its compute quota as a stack output", () => {
    expect(stack("team-a").outputs.computeQuota).toMatchObject({
      entries: { "team-a": { computes: 1, clusters: [{ name: "cpu-cluster", maxNodes: 4, minNodes: 0 }] } },
      total: { computes: 1, maxNodes: { dedicated: 4, lowPriority: 0 } },
    });
  });
});
