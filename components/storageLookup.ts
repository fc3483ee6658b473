import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";
import { armIdRule, parseArmId } from "./armId";
import { defaultStorageProblems, describeRefusedAccount } from "./defaultStorage";
import { accessKeyModeProblem } from "./authMode";
import { firstLine } from "./configIssues";

/**
 * Looks up an existing storage account by ARM id and refuses it as a workspace's default storage when it
 * breaks Microsoft's rule. The program calls it before registering anything; components call it through
 * `verifiedDefaultStorageId` so library users get the same guard.
 */
export async function verifyDefaultStorageAccount(
  id: string,
  systemDatastoresAuthMode?: string,
  opts?: pulumi.InvokeOptions,
): Promise<void> {
  const parsed = parseArmId(id);
  if (!parsed) throw new Error(`storage account id '${id}' ${armIdRule("storageAccount")}`);
  let account: storage.GetStorageAccountResult;
  try {
    account = await storage.getStorageAccount({ accountName: parsed.name, resourceGroupName: parsed.resourceGroupName }, opts);
  } catch (err) {
    const reason = firstLine(err instanceof Error ? err.message : String(err));
    throw new Error(`storage account '${id}' could not be read: ${reason}`, { cause: err });
  }
  const [problem] = defaultStorageProblems({
    skuName: account.sku?.name,
    kind: account.kind,
    isHnsEnabled: account.isHnsEnabled,
  });
  if (problem) throw new Error(describeRefusedAccount(id, problem));
  const authProblem = accessKeyModeProblem(systemDatastoresAuthMode, account.allowSharedKeyAccess);
  if (authProblem) throw new Error(`storage account '${id}': systemDatastoresAuthMode ${authProblem}`);
}

/** The id, once the account behind it has been verified; a refusal fails the owning resource's registration. */
export function verifiedDefaultStorageId(
  id: pulumi.Input<string>,
  owner: pulumi.Resource,
  systemDatastoresAuthMode?: string,
): pulumi.Output<string> {
  return pulumi.output(id).apply(async (value) => {
    try {
      // `parent`: the lookup goes through the owner's provider, like its children.
      await verifyDefaultStorageAccount(value, systemDatastoresAuthMode, { parent: owner });
    } catch (err) {
      throw new pulumi.ResourceError((err as Error).message, owner, /* hideStack */ true);
    }
    return value;
  });
}
