import { z } from "zod";
import { GUID_PATTERN, parseArmId } from "../components";
import {
  CLUSTER_DEFAULTS,
  COMPUTE_NAME_RULE,
  CONNECTION_CATEGORIES,
  CONNECTION_NAME,
  CONNECTION_NAME_RULE,
  CONNECTION_TARGET_TYPES,
  DURATION_RULE,
  INSTANCE_DEFAULTS,
  MEMBER_INSTANCE_PREFIX,
  MEMBER_INSTANCE_PREFIX_RULE,
  durationSeconds,
  idleShutdownProblem,
  isComputeName,
} from "../components/internal";
import { SUBNET_ID, SUBNET_ID_RULE } from "./idRules";
import { REFUSED_KEY } from "./configMessages";

/**
 * The compute and connections part of the stack config: clusters, instances, serverless compute and connections of
 * a workspace or hub. Shapes and per-entry rules here; what depends on the network is checked in `computeChecks.ts`.
 */

type Doc = { default?: unknown; examples?: unknown[] };
const opt = <T extends z.ZodType>(schema: T, description: string, more: Doc = {}) => schema.optional().meta({ description, ...more });
const req = <T extends z.ZodType>(schema: T, description: string, more: Doc = {}) => schema.meta({ description, ...more });

const SUBNET_EXAMPLE =
  "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/training";

const objectId = z.string().regex(GUID_PATTERN, "must be an Entra object id (a GUID)");
const MEMBER_EXAMPLE = "0b6e4a2c-1d3f-4a5b-8c7d-9e0f1a2b3c4d";

const computeName = z.string().refine(isComputeName, COMPUTE_NAME_RULE);
const subnetId = z.string().regex(SUBNET_ID, SUBNET_ID_RULE);
const duration = z.string().refine((v) => durationSeconds(v) !== undefined, `must be ${DURATION_RULE}`);

/** Settings every compute takes. */
const computeBase = {
  name: req(computeName, `Compute name: ${COMPUTE_NAME_RULE}.`, { examples: ["cpu-cluster"] }),
  vmSize: req(z.string().min(1), "VM size (not checked offline: availability depends on region and quota).", {
    examples: ["Standard_DS3_v2"],
  }),
  subnetId: opt(subnetId, "Subnet (ARM id) for the nodes; only without a managed network. Defaults to none.", {
    examples: [SUBNET_EXAMPLE],
  }),
  nodePublicIp: opt(z.boolean(), "Public IP addresses on the nodes.", {
    default: "false where the network allows (managed network or subnet), else true",
    examples: [false],
  }),
  localAuth: opt(z.boolean(), "Local (key) authentication on the compute; off means Entra ID only.", { default: false }),
};

export const clusterSchema = z
  .strictObject({
    ...computeBase,
    maxNodes: req(z.number().int().min(1), "Most nodes the cluster scales up to (counts against the VM family's core quota).", {
      examples: [4],
    }),
    minNodes: opt(z.number().int().min(0), "Nodes kept while idle; above 0 needs `allowIdleNodes`.", {
      default: CLUSTER_DEFAULTS.minNodes,
      examples: [1],
    }),
    allowIdleNodes: opt(z.boolean(), "Allow a minimum above 0: those nodes bill while the cluster is idle.", { default: false }),
    idleTimeBeforeScaleDown: opt(duration, `Idle time before nodes are released: ${DURATION_RULE}.`, {
      default: CLUSTER_DEFAULTS.idleTimeBeforeScaleDown,
      examples: ["PT10M"],
    }),
    lowPriority: opt(z.boolean(), "Low-priority (preemptible, cheaper) VMs.", { default: false }),
    userAssignedIdentityId: opt(z.string(), "A user-assigned identity (ARM id) for the nodes. Defaults to a system-assigned one.", {
      examples: [
        "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-ml/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-train",
      ],
    }),
  })
  .superRefine((c, ctx) => {
    // docs/azure-rules/compute.md AZ-COMPUTE-02
    const min = c.minNodes ?? CLUSTER_DEFAULTS.minNodes;
    if (min > c.maxNodes)
      ctx.addIssue({ code: "custom", path: ["minNodes"], message: `must not exceed maxNodes (${c.maxNodes})`, input: min });
    else if (min > 0 && c.allowIdleNodes !== true)
      ctx.addIssue({
        code: "custom",
        path: ["minNodes"],
        message: "nodes above 0 bill while the cluster is idle; set allowIdleNodes: true to keep them",
        input: min,
      });
  });

const scheduleSchema = z.strictObject({
  cron: req(z.string().regex(/^\S+ \S+ \S+ \S+ \S+$/, "a five-field cron expression"), "When to stop the instance (cron).", {
    examples: ["0 19 * * 1-5"],
  }),
  timeZone: opt(z.string().min(1), "Time zone of the cron expression (Windows time zone name).", {
    default: "UTC",
    examples: ["W. Europe Standard Time"],
  }),
});

export const instanceSchema = z.strictObject({
  ...computeBase,
  name: req(computeName, `Instance name: ${COMPUTE_NAME_RULE}.`, { examples: ["ci-alice"] }),
  assignedTo: req(objectId, "Object id of the person the instance is created for (only they can use it).", { examples: [MEMBER_EXAMPLE] }),
  idleTimeBeforeShutdown: opt(
    z.union([
      z.literal(false),
      z.string().superRefine((v, ctx) => {
        const problem = idleShutdownProblem(v);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    ]),
    "Stop the instance after this idle time (PT15M to P3D), or `false` to keep it running.",
    { default: INSTANCE_DEFAULTS.idleTimeBeforeShutdown, examples: ["PT30M"] },
  ),
  stopSchedule: opt(scheduleSchema, "Also stop it on a schedule. Defaults to none.", { examples: [{ cron: "0 19 * * 1-5" }] }),
  ssh: opt(z.boolean(), "Public SSH access (cannot be changed after creation).", { default: false }),
});

export const serverlessComputeSchema = z.strictObject({
  subnetId: opt(subnetId, "Subnet (ARM id) for serverless compute. Defaults to Azure-managed networking.", {
    examples: [SUBNET_EXAMPLE],
  }),
  noPublicIp: opt(z.boolean(), "Serverless compute without public IP addresses.", { default: false }),
});

/** docs/azure-rules/connections.md AZ-CONN-03: a key in plain config sits in clear text in the stack file. */
export const PLAIN_KEY_RULE =
  "a key in plain config is stored in clear text; set it with `pulumi config set --secret --path '<this key>' <key>` or use auth: identity";

export const connectionSchema = z
  .strictObject({
    // docs/azure-rules/connections.md AZ-CONN-04
    name: req(z.string().regex(CONNECTION_NAME, CONNECTION_NAME_RULE), `Connection name in the workspace: ${CONNECTION_NAME_RULE}.`, {
      examples: ["openai"],
    }),
    category: req(z.enum(CONNECTION_CATEGORIES), "What it connects to.", { examples: ["AzureOpenAI"] }),
    target: req(z.url(), "The target's endpoint URL.", { examples: ["https://oai-research.openai.azure.com/"] }),
    resourceId: req(z.string(), "ARM id of the target resource; the workspace identity gets its role there.", {
      examples: [
        "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/oai-research",
      ],
    }),
    auth: opt(z.enum(["identity", "key"]), "Microsoft Entra ID through the workspace identity, or a key from secret config.", {
      default: "identity",
    }),
    key: opt(z.string().min(1), "The key for `auth: key`; only from secret config (`pulumi config set --secret --path`).", {
      examples: ["<set with pulumi config set --secret --path>"],
    }),
    sharedToAll: opt(z.boolean(), "Visible to every user of the workspace (and, on a hub, its projects).", { default: true }),
  })
  .superRefine((c, ctx) => {
    const parsed = parseArmId(c.resourceId);
    const expected = CONNECTION_TARGET_TYPES[c.category];
    if (!parsed || `${parsed.provider}/${parsed.resourceType}`.toLowerCase() !== expected.toLowerCase())
      ctx.addIssue({ code: "custom", path: ["resourceId"], message: `a ${c.category} connection targets a ${expected} (ARM id)` });
    if ((c.auth ?? "identity") === "key" && c.key === undefined)
      ctx.addIssue({ code: "custom", path: ["key"], message: "auth: key needs a key (from secret config)" });
  });

/** docs/azure-rules/compute.md AZ-COMPUTE-08: one instance per listed member of a group bound on the workspace. */
export const memberInstancesSchema = instanceSchema.omit({ name: true, assignedTo: true }).extend({
  namePrefix: req(
    z.string().regex(MEMBER_INSTANCE_PREFIX, MEMBER_INSTANCE_PREFIX_RULE),
    `Prefix of the instance names: ${MEMBER_INSTANCE_PREFIX_RULE}.`,
    {
      examples: ["ci-ds"],
    },
  ),
  group: req(z.string(), "Key of a group in `groups` bound on this workspace (or hub, or one of its projects): whose members these are.", {
    examples: ["data-scientists"],
  }),
  members: req(
    z
      .array(objectId)
      .min(1)
      .superRefine((ids, ctx) => {
        ids.forEach((id, k) => {
          if (ids.findIndex((other) => other.toLowerCase() === id.toLowerCase()) < k)
            ctx.addIssue({ code: "custom", path: [k], message: "listed twice: each member gets one instance" });
        });
      }),
    "Object ids of the group's members who get an instance (membership is not read: it changes outside Pulumi).",
    { examples: [[MEMBER_EXAMPLE]] },
  ),
});

export const computesSchema = z.strictObject({
  clusters: opt(z.array(clusterSchema), "Compute clusters (AmlCompute); scale to 0 nodes when idle by default. Defaults to none.", {
    examples: [[{ name: "cpu-cluster", vmSize: "Standard_DS3_v2", maxNodes: 4 }]],
  }),
  instances: opt(z.array(instanceSchema), "Compute instances, each for one person, with idle shutdown on. Defaults to none.", {
    examples: [[{ name: "ci-alice", vmSize: "Standard_DS3_v2", assignedTo: MEMBER_EXAMPLE }]],
  }),
  memberInstances: opt(
    z.array(memberInstancesSchema),
    "Instances for listed members of a bound group, one each, assigned to the member, named `<namePrefix>-u<first 8 hex digits of the member>`. Defaults to none.",
    { examples: [[{ namePrefix: "ci-ds", group: "data-scientists", vmSize: "Standard_DS3_v2", members: [MEMBER_EXAMPLE] }]] },
  ),
});

/** docs/azure-rules/compute.md AZ-COMPUTE-05: hubs have no compute clusters; their projects use serverless compute. */
export const HUB_CLUSTER_RULE = "hubs do not support compute clusters: use serverless compute (serverlessCompute) or a Default workspace";
export const hubComputesSchema = computesSchema.extend({ clusters: z.unknown().optional().describe(REFUSED_KEY) }).superRefine((c, ctx) => {
  if (c.clusters !== undefined) ctx.addIssue({ code: "custom", path: ["clusters"], message: HUB_CLUSTER_RULE });
});

/** The keys a workspace and a hub add to their schema. */
export const computeKeys = {
  computes: opt(computesSchema, "Compute clusters and instances in the workspace. Defaults to none.", {
    examples: [{ clusters: [{ name: "cpu-cluster", vmSize: "Standard_DS3_v2", maxNodes: 4 }] }],
  }),
  serverlessCompute: opt(serverlessComputeSchema, "Serverless compute networking. Defaults to Azure-managed networking with public IPs.", {
    examples: [{ noPublicIp: true }],
  }),
  connections: opt(z.array(connectionSchema), "Connections to other services, by Entra ID unless `auth: key`. Defaults to none.", {
    examples: [
      [
        {
          name: "search",
          category: "CognitiveSearch",
          target: "https://srch-research.search.windows.net",
          resourceId:
            "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-ai/providers/Microsoft.Search/searchServices/srch-research",
        },
      ],
    ],
  }),
};

export const hubComputeKeys = {
  ...computeKeys,
  computes: opt(hubComputesSchema, "Compute instances on the hub, usable from every project of the hub. Defaults to none.", {
    examples: [{ instances: [{ name: "ci-alice", vmSize: "Standard_DS3_v2", assignedTo: MEMBER_EXAMPLE }] }],
  }),
  connections: opt(
    z.array(connectionSchema),
    "Connections shared with every project of the hub, by Entra ID unless `auth: key`. Defaults to none.",
    {
      examples: [
        [
          {
            name: "openai",
            category: "AzureOpenAI",
            target: "https://oai-research.openai.azure.com/",
            resourceId:
              "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/oai-research",
          },
        ],
      ],
    },
  ),
};

/** docs/azure-rules/compute.md AZ-COMPUTE-06: what a project takes from its hub instead of setting itself. */
export const PROJECT_KEYS_OF_HUB_COMPUTE: Record<string, string> = {
  computes: "a project uses its hub's compute instances and serverless compute; set them on the hub",
  connections: "a project uses the connections shared on its hub; set them on the hub",
  serverlessCompute: "a project uses its hub's serverless compute settings; set them on the hub",
};

export type ClusterConfig = z.infer<typeof clusterSchema>;
export type InstanceConfig = z.infer<typeof instanceSchema>;
export type MemberInstancesConfig = z.infer<typeof memberInstancesSchema>;
export type ConnectionConfig = z.infer<typeof connectionSchema>;
export type ServerlessComputeConfig = z.infer<typeof serverlessComputeSchema>;
