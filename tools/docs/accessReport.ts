import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { DATASTORE_IDENTITY_ROLE, primaryIdentityGrants } from "../../components/access/identityRoles";
import { GrantTarget, Owner, PlannedGrant, accessPlan } from "../../stacks/accessPlan";
import { NAMESPACE, StackConfig } from "../../stacks/config";
import { formatConfigIssue, validateConfig } from "../../stacks/validate";
import { GENERATED_NOTE, prose, table } from "./markdown";

/**
 * The generated part of docs/access.md: for each bundled stack, every role assignment the program creates, from the
 * same access plan the program and the validation use. Pure apart from reading the stack files; `cli.ts` writes it.
 */

export const ACCESS_REPORT_PATH = "docs/access.md";
export const ACCESS_REPORT_MARKER = "<!-- access report: generated below this line -->";

/** What each role lets its holder do, in the words the report uses. */
const ROLE_USE: Record<string, string> = {
  Owner: "everything, including assigning roles",
  Contributor: "create, change and delete resources; no role assignments",
  Reader: "read the resource",
  "AzureML Data Scientist": "run jobs, manage assets and endpoints in the workspace",
  "AzureML Compute Operator": "create and manage compute",
  "Azure AI Developer": "work in the hub or project (create projects on a hub)",
  "Azure AI Administrator": "administer the hub and its projects",
  "Azure AI Inference Deployment Operator": "create model deployments",
  "Storage Blob Data Contributor": "read and write blobs (datasets, data browsing, datastores)",
  "Storage Blob Data Reader": "read blobs",
  "Storage File Data Privileged Contributor": "read and write files (notebooks, compute instances)",
  "Storage File Data Privileged Reader": "read files",
  "Key Vault Administrator": "manage every secret, key and certificate",
  "Key Vault Secrets User": "read secrets",
  AcrPush: "push and pull images",
  AcrPull: "pull images",
  "Cognitive Services OpenAI User": "call Azure OpenAI models (inference)",
  "Cognitive Services User": "call Azure AI Services APIs",
  "Search Index Data Contributor": "read and write search index content",
};

const describeOwner = (o: Owner) => (o.kind === "project" ? `project ${o.hub}/${o.name}` : `${o.kind} ${o.name}`);

function describeTarget(t: GrantTarget, config: StackConfig): string {
  switch (t.kind) {
    case "self":
      return describeOwner(t.owner);
    case "resourceGroup":
      return `resource group ${t.name}`;
    case "storage":
      return `default storage of ${describeOwner(t.owner)}${isShared(t.owner, config) ? " (the shared set's account)" : ""}`;
    case "blobstoreContainer":
      return `container \`<GUID>-azureml-blobstore\` of ${describeOwner(t.owner)} on the storage of ${describeOwner(t.storageOf)}`;
    case "datastoreContainer":
      return `container of datastore ${t.datastore} (${describeOwner(t.owner)})`;
    case "shared":
      return `shared ${t.resource}`;
    case "connectionTarget":
      return `target of connection ${t.connection} (${t.resourceId.split("/").slice(-2).join(" ")})`;
    case "datastoreAccount":
      return `storage account of datastore ${t.datastore} (${describeOwner(t.owner)})`;
  }
}

function isShared(owner: Owner, config: StackConfig): boolean {
  const list = owner.kind === "hub" ? config.hubs : config.workspaces;
  return !!list?.find((w) => w.name === owner.name)?.sharedResources;
}

function identityRows(config: StackConfig): string[][] {
  return (config.workspaces ?? []).flatMap((ws) => {
    const rows = primaryIdentityGrants(ws.identity, ws.containerRegistry !== false).map((g) => [
      `identity of workspace ${ws.name} (user-assigned)`,
      g.role,
      `its ${g.target}`,
      "documented for a user-assigned workspace identity (AZ-ACCESS-02)",
    ]);
    for (const ds of ws.datastores ?? []) {
      rows.push([
        `identity of workspace ${ws.name}`,
        DATASTORE_IDENTITY_ROLE,
        `container of datastore ${ds.name}`,
        "datastore access (AZ-ACCESS-05)",
      ]);
    }
    return rows;
  });
}

function grantRow(g: PlannedGrant, config: StackConfig): string[] {
  const identity = g.identity === "materialization" ? "materialization identity" : "identity";
  const who = g.identityOf ? `${identity} of ${describeOwner(g.identityOf)}` : `group ${g.group}`;
  return [who, g.role, describeTarget(g.target, config), `${ROLE_USE[g.role] ?? "custom role (see customRoles)"}; ${g.why}`];
}

/** Stack name → config (namespace keys only), read from `stacks/Pulumi.<stack>.yaml`. */
export function bundledStacks(repoRoot: string): [string, Record<string, unknown>][] {
  const dir = path.join(repoRoot, "stacks");
  return fs
    .readdirSync(dir)
    .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
    .sort()
    .map((f) => {
      const all: Record<string, unknown> = parseYaml(fs.readFileSync(path.join(dir, f), "utf8"))?.config ?? {};
      const own = Object.entries(all).filter(([k]) => k.startsWith(`${NAMESPACE}:`));
      return [f.slice("Pulumi.".length, -".yaml".length), Object.fromEntries(own.map(([k, v]) => [k.slice(NAMESPACE.length + 1), v]))];
    });
}

export function renderAccessReport(stacks: [string, Record<string, unknown>][]): { text: string; problems: string[] } {
  const problems: string[] = [];
  const out = [
    "## Who can do what, per bundled stack",
    "",
    GENERATED_NOTE("`stacks/accessPlan.ts` over `stacks/Pulumi.*.yaml`"),
    "",
    "Every role assignment each bundled stack creates, as `npm run preview` registers it. Workspace system-assigned",
    "identities do not appear: Azure ML grants them their roles itself (AZ-ACCESS-01). Rule ids refer to",
    "[docs/azure-rules/](azure-rules/README.md).",
  ];
  for (const [stack, raw] of stacks) {
    const { config, issues } = validateConfig(raw);
    if (!config) {
      problems.push(...issues.map((i) => `stacks/Pulumi.${stack}.yaml: ${formatConfigIssue(i)}`));
      continue;
    }
    const rows = [...accessPlan(config).map((g) => grantRow(g, config)), ...identityRows(config)];
    out.push("", `### \`${stack}\``, "");
    out.push(
      rows.length
        ? table(
            ["Who", "Role", "On", "What it allows; why"],
            rows.map((r) => r.map(prose)),
          )
        : "No role assignments.",
    );
  }
  return { text: `${out.join("\n")}\n`, problems };
}

/** The whole file: the hand-written part up to the marker, then the generated report. */
export function renderAccessDoc(current: string, report: string): string {
  const at = current.indexOf(ACCESS_REPORT_MARKER);
  const head = at < 0 ? `${current.trimEnd()}\n\n` : current.slice(0, at);
  return `${head}${ACCESS_REPORT_MARKER}\n\n${report}`;
}
