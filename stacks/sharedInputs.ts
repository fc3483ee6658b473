import * as pulumi from "@pulumi/pulumi";
import { SharedResourceIds } from "../components";
import { verifyDefaultStorageAccount } from "../components/internal";
import { StackConfig } from "./config";

/** The stack outputs a `shared` stack exports and consumers read by StackReference (a contract between stacks). */
export const SHARED_OUTPUTS = {
  storageAccount: "storageAccountId",
  keyVault: "keyVaultId",
  applicationInsights: "applicationInsightsId",
  containerRegistry: "containerRegistryId",
  logAnalyticsWorkspace: "logAnalyticsWorkspaceId",
} as const;

type SharedIdsConfig = { -readonly [K in keyof typeof SHARED_OUTPUTS]?: string };

/** `<org>/<project>/<stack>` for a short stack name, as the Pulumi service and self-managed backends expect. */
export function qualifiedStackName(stack: string): string {
  const parts = stack.split("/");
  if (parts.length === 3) return stack;
  if (parts.length === 2) return `${pulumi.getOrganization()}/${stack}`;
  return `${pulumi.getOrganization()}/${pulumi.getProject()}/${stack}`;
}

/**
 * Resolves each distinct shared stack once, reads its ids, and verifies every existing default storage account,
 * all before any workspace is registered, so a refused account fails fast with the config key that chose it.
 */
export async function resolveSharedInputs(config: StackConfig): Promise<Map<string, SharedResourceIds>> {
  const byStack = new Map<string, Promise<SharedIdsConfig>>();
  const resolved = new Map<string, SharedResourceIds>();
  const checks: { path: string; id: string }[] = [];
  const entries = [
    ...(config.workspaces ?? []).map((ws, i) => ({ ws, path: `workspaces[${i}]` })),
    ...(config.hubs ?? []).map((ws, i) => ({ ws, path: `hubs[${i}]` })),
  ];
  for (const { ws, path } of entries) {
    const choice = ws.sharedResources;
    if (choice?.stack) {
      const name = qualifiedStackName(choice.stack);
      if (!byStack.has(name)) byStack.set(name, readSharedStack(name, `${path}.sharedResources.stack`));
      const ids = await byStack.get(name)!;
      resolved.set(ws.name, toShared(ids));
      checks.push({ path: `${path}.sharedResources.stack`, id: ids.storageAccount! });
    } else if (choice?.ids) {
      resolved.set(ws.name, toShared(choice.ids));
      checks.push({ path: `${path}.sharedResources.ids.storageAccount`, id: choice.ids.storageAccount });
    } else if (ws.storage && "existingId" in ws.storage) {
      checks.push({ path: `${path}.storage.existingId`, id: ws.storage.existingId });
    }
  }
  await Promise.all(
    checks.map(({ path, id }) =>
      verifyDefaultStorageAccount(id).catch((err: Error) => {
        throw new pulumi.RunError(`config azure-ml-workspaces:${path} = "${id}": ${err.message}`);
      }),
    ),
  );
  return resolved;
}

async function readSharedStack(name: string, path: string): Promise<SharedIdsConfig> {
  const ref = new pulumi.StackReference(name);
  const ids: SharedIdsConfig = {};
  for (const [key, output] of Object.entries(SHARED_OUTPUTS) as [keyof SharedIdsConfig, string][]) {
    const details = await ref.getOutputDetails(output);
    const value = details.value ?? details.secretValue;
    if (typeof value === "string" && value !== "") ids[key] = value;
    else if (key === "storageAccount" || key === "keyVault" || key === "applicationInsights") {
      throw new pulumi.RunError(
        `config azure-ml-workspaces:${path} = "${name}": the stack has no output '${output}'; deploy the shared stack first`,
      );
    }
  }
  return ids;
}

function toShared(ids: SharedIdsConfig): SharedResourceIds {
  return {
    storageAccountId: ids.storageAccount!,
    keyVaultId: ids.keyVault!,
    applicationInsightsId: ids.applicationInsights!,
    containerRegistryId: ids.containerRegistry,
    logAnalyticsWorkspaceId: ids.logAnalyticsWorkspace,
  };
}
