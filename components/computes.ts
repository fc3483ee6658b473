import * as pulumi from "@pulumi/pulumi";
import * as ml from "@pulumi/azure-native/machinelearningservices";
import { CLUSTER_DEFAULTS, INSTANCE_DEFAULTS, idleShutdownProblem, isComputeName, COMPUTE_NAME_RULE } from "./computeRules";
import * as naming from "./naming";
import { childOptions } from "./resourceOptions";

/** Serverless compute networking of a workspace or hub. */
export interface ServerlessComputeArgs {
  /** Serverless compute in a custom subnet (ARM id). Defaults to Azure-managed networking. */
  readonly serverlessComputeSubnetId?: pulumi.Input<string>;
  /** Serverless compute without public IPs. Defaults to `false`. */
  readonly serverlessComputeNoPublicIp?: boolean;
}

/** The workspace's `serverlessComputeSettings`, or undefined when neither setting is given. */
export function serverlessComputeInputs(args: ServerlessComputeArgs) {
  if (args.serverlessComputeSubnetId === undefined && args.serverlessComputeNoPublicIp === undefined) return undefined;
  return {
    serverlessComputeCustomSubnet: args.serverlessComputeSubnetId,
    serverlessComputeNoPublicIP: args.serverlessComputeNoPublicIp ?? false,
  };
}

interface ComputeCommon {
  /** Compute name (3-24 letters, digits, hyphens). Required. */
  readonly name: string;
  /** VM size, e.g. `Standard_DS3_v2`. Required. */
  readonly vmSize: string;
  /** Subnet (ARM id); only without a managed network. Defaults to none. */
  readonly subnetId?: string;
  /** Public IPs on the nodes. Defaults to `false` with a subnet or managed network, else `true`. */
  readonly nodePublicIp?: boolean;
  /** Local (key) authentication. Defaults to `false`: Entra ID only. */
  readonly localAuth?: boolean;
}

export interface ClusterArgs extends ComputeCommon {
  /** Most nodes. Required. */
  readonly maxNodes: number;
  /** Nodes kept while idle. Defaults to 0; above 0 needs `allowIdleNodes`. */
  readonly minNodes?: number;
  /** Allows `minNodes` above 0. Defaults to `false`. */
  readonly allowIdleNodes?: boolean;
  /** ISO 8601 idle time before scale-down. Defaults to `PT120S`. */
  readonly idleTimeBeforeScaleDown?: string;
  /** Low-priority VMs. Defaults to `false`. */
  readonly lowPriority?: boolean;
  /** A user-assigned identity (ARM id) for the nodes. Defaults to a system-assigned identity. */
  readonly userAssignedIdentityId?: string;
}

export interface InstanceArgs extends ComputeCommon {
  /** Entra object id of the only person who can use it. Required. */
  readonly assignedTo: string;
  /** ISO 8601 idle time before shutdown (PT15M-P3D), or `false` for none. Defaults to `PT60M`. */
  readonly idleTimeBeforeShutdown?: string | false;
  /** Stop on a cron schedule (`timeZone` defaults to UTC). Defaults to none. */
  readonly stopSchedule?: { cron: string; timeZone?: string };
  /** Public SSH access. Defaults to `false`. */
  readonly ssh?: boolean;
}

export interface ComputesArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure name of the workspace (or hub) the computes belong to. */
  readonly workspaceName: pulumi.Input<string>;
  readonly location: pulumi.Input<string>;
  readonly tenantId: pulumi.Input<string>;
  /** Whether the workspace has a managed network (its computes sit in it). Required. */
  readonly managedNetwork: boolean;
  /** Compute clusters (not on a hub). Defaults to none. */
  readonly clusters?: ClusterArgs[];
  /** Compute instances. Defaults to none. */
  readonly instances?: InstanceArgs[];
  readonly tags?: Record<string, string>;
}

/**
 * Compute clusters and instances of one workspace or hub, with the cost-safe defaults: clusters scale to 0 nodes,
 * instances shut down when idle, no public IPs where the network allows, no SSH, no local auth.
 */
export class Computes extends pulumi.ComponentResource {
  public readonly computeIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: ComputesArgs, opts?: pulumi.ComponentResourceOptions) {
    checkArgs(name, args);
    super("azure-ml-workspaces:ml:Computes", name, {}, opts);
    const base = (c: ComputeCommon) => ({
      computeLocation: args.location,
      disableLocalAuth: !(c.localAuth ?? false),
      // docs/azure-rules/compute.md AZ-COMPUTE-04
      enableNodePublicIp: c.nodePublicIp ?? !(args.managedNetwork || c.subnetId),
      subnet: c.subnetId ? { id: c.subnetId } : undefined,
    });
    const common = {
      resourceGroupName: args.resourceGroupName,
      workspaceName: args.workspaceName,
      location: args.location,
      tags: args.tags,
    };
    for (const c of args.clusters ?? []) {
      const { computeLocation, disableLocalAuth, ...props } = base(c);
      const compute = new ml.Compute(
        naming.childName(name, c.name.toLowerCase()),
        {
          ...common,
          computeName: c.name,
          identity: c.userAssignedIdentityId
            ? { type: "UserAssigned", userAssignedIdentities: [c.userAssignedIdentityId] }
            : { type: "SystemAssigned" },
          properties: {
            computeType: "AmlCompute",
            computeLocation,
            disableLocalAuth,
            properties: {
              ...props,
              vmSize: c.vmSize,
              vmPriority: c.lowPriority ? "LowPriority" : "Dedicated",
              remoteLoginPortPublicAccess: "Disabled",
              // docs/azure-rules/compute.md AZ-COMPUTE-02
              scaleSettings: {
                minNodeCount: c.minNodes ?? CLUSTER_DEFAULTS.minNodes,
                maxNodeCount: c.maxNodes,
                nodeIdleTimeBeforeScaleDown: c.idleTimeBeforeScaleDown ?? CLUSTER_DEFAULTS.idleTimeBeforeScaleDown,
              },
            },
          },
        },
        childOptions(this, opts),
      );
      this.computeIds[c.name] = compute.id;
    }
    for (const c of args.instances ?? []) {
      const { computeLocation, disableLocalAuth, ...props } = base(c);
      const idle = c.idleTimeBeforeShutdown === undefined ? INSTANCE_DEFAULTS.idleTimeBeforeShutdown : c.idleTimeBeforeShutdown;
      const compute = new ml.Compute(
        naming.childName(name, c.name.toLowerCase()),
        {
          ...common,
          computeName: c.name,
          properties: {
            computeType: "ComputeInstance",
            computeLocation,
            disableLocalAuth,
            properties: {
              ...props,
              vmSize: c.vmSize,
              // docs/azure-rules/compute.md AZ-COMPUTE-03
              idleTimeBeforeShutdown: idle === false ? undefined : idle,
              computeInstanceAuthorizationType: "personal",
              personalComputeInstanceSettings: { assignedUser: { objectId: c.assignedTo, tenantId: args.tenantId } },
              sshSettings: { sshPublicAccess: c.ssh ? "Enabled" : "Disabled" },
              schedules: c.stopSchedule
                ? {
                    computeStartStop: [
                      {
                        action: "Stop",
                        triggerType: "Cron",
                        cron: { expression: c.stopSchedule.cron, timeZone: c.stopSchedule.timeZone ?? "UTC" },
                      },
                    ],
                  }
                : undefined,
            },
          },
        },
        childOptions(this, opts),
      );
      this.computeIds[c.name] = compute.id;
    }
    this.registerOutputs({ computeIds: this.computeIds });
  }
}

/** Programs that skip the config validation get the same rules, before anything is registered. */
function checkArgs(name: string, args: ComputesArgs): void {
  const fail = (what: string, rule: string) => {
    throw new Error(`Computes "${name}": ${what}: ${rule}`);
  };
  for (const c of [...(args.clusters ?? []), ...(args.instances ?? [])])
    if (!isComputeName(c.name)) fail(`name "${c.name}"`, COMPUTE_NAME_RULE);
  for (const c of args.clusters ?? []) {
    const min = c.minNodes ?? CLUSTER_DEFAULTS.minNodes;
    if (min > c.maxNodes) fail(`cluster ${c.name} minNodes ${min}`, `must not exceed maxNodes (${c.maxNodes})`);
    if (min > 0 && !c.allowIdleNodes) fail(`cluster ${c.name} minNodes ${min}`, "nodes above 0 bill while idle; set allowIdleNodes");
  }
  for (const c of args.instances ?? []) {
    const problem = typeof c.idleTimeBeforeShutdown === "string" ? idleShutdownProblem(c.idleTimeBeforeShutdown) : undefined;
    if (problem) fail(`instance ${c.name} idleTimeBeforeShutdown "${c.idleTimeBeforeShutdown}"`, problem);
  }
}
