/**
 * Microsoft's rule for a workspace's DEFAULT storage account (learn "What is an Azure Machine Learning
 * workspace?" › Associated resources): no premium SKU, no hierarchical namespace, no BlobStorage kind
 * (BlockBlobStorage and FileStorage are premium-only). Such accounts remain fine as extra datastores.
 */

export interface StorageShape {
  skuName?: string;
  kind?: string;
  isHnsEnabled?: boolean;
}

export interface DefaultStorageProblem {
  /** Which property breaks the rule. */
  property: "sku" | "kind" | "isHnsEnabled";
  value: string | boolean;
  rule: string;
}

export const UNSUPPORTED_DEFAULT_STORAGE_KINDS = ["BlobStorage", "BlockBlobStorage", "FileStorage"] as const;

export function defaultStorageProblems(account: StorageShape): DefaultStorageProblem[] {
  const problems: DefaultStorageProblem[] = [];
  if (account.skuName !== undefined && /^premium/i.test(account.skuName)) {
    problems.push({
      property: "sku",
      value: account.skuName,
      rule: "a workspace's default storage must not be premium (SKU starting with 'Premium')",
    });
  }
  if (account.isHnsEnabled === true) {
    problems.push({
      property: "isHnsEnabled",
      value: true,
      rule: "a workspace's default storage must not have hierarchical namespace (ADLS Gen2); use it as a datastore instead",
    });
  }
  if (account.kind !== undefined && (UNSUPPORTED_DEFAULT_STORAGE_KINDS as readonly string[]).includes(account.kind)) {
    problems.push({
      property: "kind",
      value: account.kind,
      rule: `a workspace's default storage must not be of kind ${UNSUPPORTED_DEFAULT_STORAGE_KINDS.join(", ")}`,
    });
  }
  return problems;
}

/** One line for an existing account that breaks the rule. */
export function describeRefusedAccount(accountId: string, problem: DefaultStorageProblem): string {
  return `storage account '${accountId}' cannot be a workspace's default storage: ${problem.property} is '${problem.value}', and ${problem.rule}`;
}
