import { z } from "zod";
import { type ConfigIssue } from "../components/internal";
import type { PlannedGrant } from "./accessPlan";
import type { StackConfig } from "./config";
import { azureNameOf } from "./renames";
import { scopeKeys } from "./scopeKeys";

/**
 * A workspace entry with `featureStore` is a managed feature store (kind FeatureStore): its schema key, the check that
 * its offline store is one of its ADLS Gen2 datastores, and the grants of its materialization identity. Pure.
 * docs/azure-rules/workspaces.md AZ-WS-07, docs/azure-rules/identity-and-access.md AZ-ACCESS-09
 */

export const featureStoreKey = z
  .strictObject({
    offlineStoreDatastore: z.string().meta({
      description: "Name of one of this workspace's `adlsgen2` datastores: its container is the offline (materialization) store.",
      examples: ["features"],
    }),
    sparkRuntimeVersion: z
      .string()
      .regex(/^\d+\.\d+(\.\d+)?$/, "a Spark version such as 3.4")
      .optional()
      .meta({ description: "Spark runtime of the materialization jobs. Defaults to Azure's.", examples: ["3.4"] }),
  })
  .optional()
  .meta({
    description:
      "Make the workspace a managed feature store (kind FeatureStore) with a user-assigned materialization identity; the default storage stays a non-HNS account. Defaults to none (kind Default).",
    examples: [{ offlineStoreDatastore: "features" }],
  });

export type FeatureStoreConfig = NonNullable<z.infer<typeof featureStoreKey>>;

/** The offline store must be an ADLS Gen2 datastore of the same workspace: an HNS account is fine there, never as default storage. */
export function featureStoreIssues(config: StackConfig): ConfigIssue[] {
  return (config.workspaces ?? []).flatMap((ws, i): ConfigIssue[] => {
    const name = ws.featureStore?.offlineStoreDatastore;
    if (name === undefined) return [];
    const ds = (ws.datastores ?? []).find((d) => d.name === name);
    if (ds && (ds.type ?? "blob") === "adlsgen2") return [];
    const rule = ds
      ? "the offline store is an ADLS Gen2 container: the datastore needs type: adlsgen2"
      : "must name one of this workspace's datastores (type: adlsgen2), whose container becomes the offline store";
    return [{ path: ["workspaces", i, "featureStore", "offlineStoreDatastore"], value: name, rule }];
  });
}

/** The `group` of materialization identity grants: part of the assignment's name, never a key of `groups`. */
export const MATERIALIZATION_PRINCIPAL = "@materialization-identity";

/**
 * docs/azure-rules/identity-and-access.md AZ-ACCESS-09: the materialization identity gets AzureML Data Scientist on
 * the feature store and Storage Blob Data Contributor on the offline store's account. Kept while suspended: they
 * grant no person anything.
 */
export function featureStoreGrants(config: StackConfig): PlannedGrant[] {
  return (config.workspaces ?? []).flatMap((ws, i): PlannedGrant[] => {
    if (!ws.featureStore) return [];
    const owner = { kind: "workspace" as const, name: azureNameOf(ws) };
    const key = scopeKeys.workspace(owner.name);
    const datastore = ws.featureStore.offlineStoreDatastore;
    const common = {
      path: ["workspaces", i, "featureStore"],
      group: MATERIALIZATION_PRINCIPAL,
      component: `${owner.name}-access`,
      identityOf: owner,
      identity: "materialization" as const,
    };
    return [
      {
        ...common,
        scopeKey: key,
        target: { kind: "self", owner },
        role: "AzureML Data Scientist",
        why: "feature store materialization (AZ-ACCESS-09)",
      },
      {
        ...common,
        scopeKey: `datastore-account/${key}/${datastore.toLowerCase()}`,
        target: { kind: "datastoreAccount", owner, datastore },
        role: "Storage Blob Data Contributor",
        why: `offline store of the feature store, datastore ${datastore} (AZ-ACCESS-09)`,
      },
    ];
  });
}
