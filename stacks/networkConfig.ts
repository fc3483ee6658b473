import { z } from "zod";
import * as pulumi from "@pulumi/pulumi";
import { type IsolationMode } from "../components";
import {
  MAX_IP_RULES,
  PRIVATE_LINK,
  RequiredOutboundRule,
  ipAllowlistCommands,
  ipRuleProblem,
  requiredOutboundRules,
} from "../components/internal";
import { SUBNET_ID, SUBNET_ID_RULE, armIdProblem } from "./idRules";

/**
 * Config keys of a workspace's or hub's inbound network and encryption (spread into the workspace and hub schemas in
 * `config/workspace.ts`, `config/hub.ts`; a project refuses them: it is reached and encrypted through its hub). Cross-key checks live in
 * `networkIssues.ts`.
 */

const doc = (description: string, more: { default?: unknown; examples?: unknown[] } = {}) => ({ description, ...more });
const SUBNET_EXAMPLE =
  "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/endpoints";
const ZONE_ID_EXAMPLE =
  "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms";
const KEY_VAULT_EXAMPLE =
  "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-ml-keys";

const PRIVATE_DNS_ZONE_ID =
  /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.Network\/privateDnsZones\/([^/]+)$/i;
/** Every zone an inbound endpoint of this package writes to: the workspace's and its associated resources'. */
const ZONES = [...new Set(Object.values(PRIVATE_LINK).flatMap((link) => link.zones))] as [string, ...string[]];

const privateEndpointSchema = z
  .strictObject({
    subnetId: z
      .string()
      .regex(SUBNET_ID, SUBNET_ID_RULE)
      .meta(doc("Subnet (ARM id) the endpoint takes its private address from, in the workspace's region.", { examples: [SUBNET_EXAMPLE] })),
    dnsZoneIds: z
      .partialRecord(
        z.enum(ZONES),
        z.string().regex(PRIVATE_DNS_ZONE_ID, "must be a private DNS zone id: …/providers/Microsoft.Network/privateDnsZones/<zone>"),
      )
      .optional()
      .meta(
        doc(
          "Private DNS zones brought by id, by zone name (`privatelink.api.azureml.ms`, `privatelink.notebooks.azure.net`, and for associated resources with public access off `privatelink.blob.core.windows.net`, `privatelink.file.core.windows.net`, `privatelink.vaultcore.azure.net`, `privatelink.azurecr.io`), e.g. a hub network's central zones. Zones needed and not given are created in the workspace's resource group and linked to the subnet's virtual network.",
          { examples: [{ "privatelink.api.azureml.ms": ZONE_ID_EXAMPLE }] },
        ),
      ),
  })
  .superRefine((endpoint, ctx) => {
    for (const [zone, id] of Object.entries(endpoint.dnsZoneIds ?? {})) {
      const named = PRIVATE_DNS_ZONE_ID.exec(id ?? "")?.[1];
      if (named && named.toLowerCase() !== zone.toLowerCase())
        ctx.addIssue({ code: "custom", path: ["dnsZoneIds", zone], message: `names zone '${named}', not '${zone}'` });
    }
  });

const keyVaultId = z.string().superRefine((id, ctx) => {
  const problem = armIdProblem(id, "keyVault");
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
const KEY_URI =
  /^https:\/\/[a-z0-9-]{3,24}\.vault(?:\.azure\.net|\.usgovcloudapi\.net|\.azure\.cn)\/keys\/[A-Za-z0-9-]{1,127}(?:\/[0-9a-fA-F]{32})?\/?$/;

const encryptionSchema = z.strictObject({
  keyVaultId: keyVaultId.meta(doc("ARM id of the key vault holding the key.", { examples: [KEY_VAULT_EXAMPLE] })),
  keyUri: z
    .string()
    .regex(KEY_URI, "must be a key URI: https://<vault>.vault.azure.net/keys/<name>[/<version>]")
    .meta(doc("The key's URI, with or without a version.", { examples: ["https://kv-ml-keys.vault.azure.net/keys/ml-cmk"] })),
  keyVaultPurgeProtection: z
    .boolean()
    .meta(
      doc(
        "Confirms that the key's vault has purge protection (and soft delete), which Azure requires for a customer-managed key; `false` is refused. The vault is not looked up.",
        { examples: [true] },
      ),
    ),
  serviceSide: z
    .boolean()
    .optional()
    .meta(
      doc(
        "`enableServiceSideCMKEncryption` (preview): metadata encrypted on Microsoft-managed resources instead of a Cosmos DB, search and storage in your subscription. Its vault must allow public network access.",
        { default: false, examples: [true] },
      ),
    ),
});

/** The keys, spread into the workspace and hub schemas. */
export const networkKeys = {
  privateEndpoint: privateEndpointSchema
    .optional()
    .meta(
      doc(
        "An inbound private endpoint (group `amlworkspace`) in a subnet you own, with a DNS zone group on `privatelink.api.azureml.ms` and `privatelink.notebooks.azure.net`. With it, `publicNetworkAccess` defaults to `Disabled`. The created storage, key vault and registry whose `publicNetworkAccess` is `Disabled` get their endpoints in the same subnet (`blob` and `file`, `vault`, `registry`). Defaults to none.",
        { examples: [{ subnetId: SUBNET_EXAMPLE }] },
      ),
    ),
  privateAccessElsewhere: z
    .boolean()
    .optional()
    .meta(
      doc(
        "Private endpoints to this workspace and its associated resources are made outside this stack (e.g. by a network team): lets `publicNetworkAccess: Disabled` (of the workspace, its storage, key vault or registry) stand without `privateEndpoint`.",
        { default: false, examples: [true] },
      ),
    ),
  ipAllowlist: z
    .array(
      z.string().superRefine((value, ctx) => {
        const problem = ipRuleProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    )
    .max(MAX_IP_RULES, `a workspace takes at most ${MAX_IP_RULES} IP rules`)
    .optional()
    .meta(
      doc(
        "Public internet IPv4 addresses or CIDR ranges allowed in while `publicNetworkAccess` is `Enabled` (at most 200; private and reserved ranges refused). Not sent: azure-native 3.28's workspace has no such input and Azure takes the rules only after creation, so the stack output `ipAllowlistCommands` lists the `az ml workspace network-rule add` commands to run once the workspace exists. Defaults to none (every network).",
        { examples: [["16.17.18.0/24", "20.30.40.50"]] },
      ),
    ),
  provisionNetworkNow: z
    .boolean()
    .optional()
    .meta(
      doc(
        "Provision the managed network when the workspace is created instead of with its first compute (needed before serverless Spark or online deployments). Private endpoints start billing then.",
        { default: false, examples: [true] },
      ),
    ),
  encryption: encryptionSchema.optional().meta(
    doc(
      "Customer-managed key encryption, read by the primary user-assigned identity (which gets Key Vault Crypto Service Encryption User on the vault). Set at creation: an encrypted workspace is always protected, so changing the vault or `serviceSide` later (a replacement) is refused by `pulumi up`; a new key in the same vault is an update. Defaults to Microsoft-managed keys.",
      {
        examples: [
          { keyVaultId: KEY_VAULT_EXAMPLE, keyUri: "https://kv-ml-keys.vault.azure.net/keys/ml-cmk", keyVaultPurgeProtection: true },
        ],
      },
    ),
  ),
};

/** Why a project refuses each of these keys. */
export const NETWORK_KEYS_FROM_HUB = Object.fromEntries(
  Object.keys(networkKeys).map((key) => [
    key,
    "a project is reached through its hub's private endpoint and uses its network and encryption; set it on the hub",
  ]),
);

/**
 * The outbound rules Azure ML adds by itself to this workspace's managed network, as a stack output reviewers see
 * in preview (nothing is sent for them). docs/azure-rules/private-networking.md AZ-PE-05
 */
export function requiredRulesOf(ws: {
  managedNetwork?: { isolationMode?: IsolationMode };
  publicNetworkAccess?: "Enabled" | "Disabled";
  privateEndpoint?: unknown;
  storage?: object;
  keyVault?: object;
  containerRegistry?: object | false;
}): RequiredOutboundRule[] {
  const isPrivate = (ws.publicNetworkAccess ?? (ws.privateEndpoint ? "Disabled" : "Enabled")) === "Disabled";
  const privateAssociated = (["storage", "keyVault", "containerRegistry"] as const).filter(
    (key) => privateAccessOf(ws[key]) === "Disabled",
  );
  return requiredOutboundRules(ws.managedNetwork?.isolationMode ?? "AllowInternetOutbound", [
    ...(isPrivate ? ["workspace"] : []),
    ...privateAssociated,
  ]);
}

/** `publicNetworkAccess` of an associated resource's settings (undefined for one brought by id, none or default). */
export function privateAccessOf(settings: object | false | undefined): "Enabled" | "Disabled" | undefined {
  return settings && "publicNetworkAccess" in settings ? (settings.publicNetworkAccess as "Enabled" | "Disabled" | undefined) : undefined;
}

/**
 * The network stack outputs of a workspace or hub: `requiredOutboundRules`, and with `ipAllowlist` the
 * `ipAllowlistCommands` to run once it exists (docs/azure-rules/private-networking.md AZ-PE-11).
 */
export function networkOutputsOf(
  ws: Parameters<typeof requiredRulesOf>[0] & { ipAllowlist?: string[] },
  workspaceName: pulumi.Input<string>,
  resourceGroupName: pulumi.Input<string>,
): { requiredOutboundRules: RequiredOutboundRule[]; ipAllowlistCommands?: pulumi.Output<string[]> } {
  const outputs: { requiredOutboundRules: RequiredOutboundRule[]; ipAllowlistCommands?: pulumi.Output<string[]> } = {
    requiredOutboundRules: requiredRulesOf(ws),
  };
  if (ws.ipAllowlist?.length) outputs.ipAllowlistCommands = ipAllowlistCommands(ws.ipAllowlist, workspaceName, resourceGroupName);
  return outputs;
}
