/**
 * Built-in Azure roles this project binds, by the friendly name the Azure portal shows.
 * GUIDs come from Microsoft Learn "Azure built-in roles"; they are the same in every tenant,
 * so a role definition id is known before deployment and in preview.
 */
export const BUILT_IN_ROLES = {
  Owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  Contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  Reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  "AzureML Data Scientist": "f6c7c914-8db3-469d-8ca1-694a8f32e121",
  "AzureML Compute Operator": "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815",
  "Azure AI Developer": "64702f94-c441-49e6-a78b-ef80e0188fee",
  "Azure AI Administrator": "b78c5d69-af96-48a3-bf8d-a8b4d589de94",
  "Azure AI Inference Deployment Operator": "3afb7f49-54cb-416e-8c09-6dc049efa503",
  "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  "Storage Blob Data Reader": "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
  "Storage File Data Privileged Contributor": "69566ab7-960f-475b-8e7c-b3118f30c6bd",
  "Storage File Data Privileged Reader": "b8eda974-7b85-4f76-af95-65846b26df6d",
  "Key Vault Administrator": "00482a5a-887f-4fb3-b363-3b7fe8e74483",
  "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
  AcrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  AcrPush: "8311e382-0749-4cb8-b61a-304f252e45ec",
  "Monitoring Reader": "43d0d8ad-25c7-4714-9337-8ba259a9fe05",
  "Cost Management Reader": "72fafb9e-0641-4937-9268-a91bfd8191a3",
  "Cognitive Services OpenAI User": "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd",
  "Cognitive Services User": "a97b65f3-24c7-4388-baec-2e87135dc908",
  "Search Index Data Contributor": "8ebe5a00-799e-43f5-93ac-243d3dce84a7",
} as const;

export type BuiltInRoleName = keyof typeof BUILT_IN_ROLES;

export const BUILT_IN_ROLE_NAMES = Object.keys(BUILT_IN_ROLES) as BuiltInRoleName[];

/** 8-4-4-4-12 hex, any version: ARM role, subscription and Entra object ids all have this shape. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const byLowerCaseName = new Map<string, { name: BuiltInRoleName; guid: string }>(
  BUILT_IN_ROLE_NAMES.map((name) => [name.toLowerCase(), { name, guid: BUILT_IN_ROLES[name] }]),
);

/** The built-in role called `name`, ignoring case (config authors write "reader" as often as "Reader"). */
export function findBuiltInRole(name: string): { name: BuiltInRoleName; guid: string } | undefined {
  return byLowerCaseName.get(name.trim().toLowerCase());
}

/** `/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{guid}`: the form RoleAssignment expects. */
export function roleDefinitionId(subscriptionId: string, guid: string): string {
  requireGuid("subscriptionId", subscriptionId);
  requireGuid("role definition GUID", guid);
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

/** The subscription scope `/subscriptions/{sub}`, where custom roles are defined. */
export function subscriptionScope(subscriptionId: string): string {
  requireGuid("subscriptionId", subscriptionId);
  return `/subscriptions/${subscriptionId}`;
}

function requireGuid(label: string, value: string): void {
  if (!GUID_PATTERN.test(value)) throw new Error(`${label} "${value}" is not a GUID (expected 8-4-4-4-12 hex)`);
}
