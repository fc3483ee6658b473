import * as pulumi from "@pulumi/pulumi";
import { RoleBinding, RoleBindings } from "../components";
import { GrantTarget, Owner, PlannedGrant, keyOf, principalKeyOf } from "./accessPlan";

/** What the program hands over to create the access plan's role assignments. */
export interface AccessContext {
  project: string;
  stack: string;
  subscriptionId: string;
  principals: Record<string, pulumi.Output<string>>;
  /** Principal ids of workspace and hub identities by logical key (`keyOf`), for identity grants. */
  identities: Map<string, pulumi.Input<string>>;
  customRoleIds: Record<string, pulumi.Output<string>>;
  scopes: Map<string, Scopes>;
  sharedScopes: Record<string, pulumi.Input<string>>;
}

type RgIdOf = (ctx: { subscriptionId: string }, rgName: string) => pulumi.Input<string>;

/** What a grant's scope resolves against: each workspace, hub and project by its logical key. */
export interface Scopes {
  id: pulumi.Input<string>;
  guid: pulumi.Input<string>;
  storageId: pulumi.Input<string>;
  datastoreContainers?: Record<string, pulumi.Input<string>>;
}

function scopeOf(ctx: AccessContext, target: GrantTarget, rgIdOf: RgIdOf): pulumi.Input<string> {
  const of = (owner: Owner) => ctx.scopes.get(keyOf(owner))!;
  switch (target.kind) {
    case "self":
      return of(target.owner).id;
    case "resourceGroup":
      return rgIdOf(ctx, target.name);
    case "storage":
      return of(target.owner).storageId;
    case "blobstoreContainer":
      // docs/azure-rules/identity-and-access.md AZ-ACCESS-07: with data isolation the container is <workspace GUID>-azureml-blobstore.
      return pulumi.interpolate`${of(target.storageOf).storageId}/blobServices/default/containers/${of(target.owner).guid}-azureml-blobstore`;
    case "datastoreContainer":
      return of(target.owner).datastoreContainers![target.datastore];
    case "shared":
      return ctx.sharedScopes[target.resource];
    case "connectionTarget":
      return target.resourceId;
    case "datastoreAccount":
      return pulumi.output(of(target.owner).datastoreContainers![target.datastore]).apply((id) => id.split("/blobServices/")[0]);
  }
}

/** One RoleBindings per workspace, hub, project or shared set, in plan order. */
export function bindPlan(ctx: AccessContext, plan: PlannedGrant[], rgIdOf: RgIdOf): void {
  const byComponent = new Map<string, PlannedGrant[]>();
  for (const grant of plan) byComponent.set(grant.component, [...(byComponent.get(grant.component) ?? []), grant]);
  for (const [component, grants] of byComponent) {
    bind(
      ctx,
      component,
      grants.map((g) => ({
        scopeKey: g.scopeKey,
        scope: scopeOf(ctx, g.target, rgIdOf),
        group: g.group,
        role: g.role,
        ...(g.identityOf
          ? { principalId: ctx.identities.get(principalKeyOf(g))!, principalType: "ServicePrincipal" as const }
          : { principalId: ctx.principals[g.group] }),
      })),
    );
  }
}

function bind(ctx: AccessContext, name: string, bindings: RoleBinding[]): void {
  if (bindings.length === 0) return;
  new RoleBindings(name, {
    subscriptionId: ctx.subscriptionId,
    project: ctx.project,
    stack: ctx.stack,
    customRoleIds: ctx.customRoleIds,
    bindings,
  });
}
