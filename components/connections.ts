import * as pulumi from "@pulumi/pulumi";
import * as ml from "@pulumi/azure-native/machinelearningservices";
import { CONNECTION_NAME, CONNECTION_NAME_RULE, ConnectionCategory, connectionAuthType } from "./computeRules";
import * as naming from "./naming";
import { childOptions } from "./resourceOptions";

export interface ConnectionArgs {
  /** Connection name in the workspace. Required. */
  readonly name: string;
  /** What it connects to. Required. */
  readonly category: ConnectionCategory;
  /** The target's endpoint URL. Required. */
  readonly target: string;
  /** ARM id of the target resource (sent as `ResourceId` metadata). Required. */
  readonly resourceId: string;
  /** `identity` (Microsoft Entra ID through the workspace identity) or `key`. Defaults to `identity`. */
  readonly auth?: "identity" | "key";
  /** The key for `auth: key`, kept secret in state. Required with `auth: key`, refused otherwise. */
  readonly key?: pulumi.Input<string>;
  /** Visible to every user of the workspace and, on a hub, of its projects. Defaults to `true`. */
  readonly sharedToAll?: boolean;
}

export interface ConnectionsArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure name of the workspace or hub that owns the connections. */
  readonly workspaceName: pulumi.Input<string>;
  readonly connections: ConnectionArgs[];
}

/**
 * Workspace (hub) connections. On a hub every project uses them. Identity (Entra ID) auth by default: the role the
 * workspace identity needs on the target is granted by the access plan, not here.
 */
export class Connections extends pulumi.ComponentResource {
  public readonly connectionIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: ConnectionsArgs, opts?: pulumi.ComponentResourceOptions) {
    for (const c of args.connections) {
      // docs/azure-rules/connections.md AZ-CONN-04
      if (!CONNECTION_NAME.test(c.name)) throw new Error(`Connections "${name}": connection name "${c.name}": ${CONNECTION_NAME_RULE}`);
      const auth = c.auth ?? "identity";
      if ((auth === "key") !== (c.key !== undefined))
        throw new Error(`Connections "${name}": connection ${c.name}: a key is given exactly when auth is "key"`);
    }
    super("azure-ml-workspaces:ml:Connections", name, {}, opts);
    for (const c of args.connections) {
      const authType = connectionAuthType(c.auth ?? "identity", c.category);
      const common = {
        category: c.category,
        target: c.target,
        isSharedToAll: c.sharedToAll ?? true,
        metadata: { ApiType: "Azure", ResourceId: c.resourceId },
      };
      // docs/azure-rules/connections.md AZ-CONN-03: the key stays a secret in state and never reaches an output.
      const key = c.key === undefined ? undefined : pulumi.secret(c.key);
      const properties: ml.WorkspaceConnectionArgs["properties"] =
        authType === "AAD"
          ? { ...common, authType }
          : authType === "AccountKey"
            ? { ...common, authType, credentials: { key } }
            : { ...common, authType, credentials: { key } };
      const connection = new ml.WorkspaceConnection(
        naming.childName(name, c.name.toLowerCase()),
        { resourceGroupName: args.resourceGroupName, workspaceName: args.workspaceName, connectionName: c.name, properties },
        { ...childOptions(this, opts), additionalSecretOutputs: ["properties"] },
      );
      this.connectionIds[c.name] = connection.id;
    }
    this.registerOutputs({ connectionIds: this.connectionIds });
  }
}
