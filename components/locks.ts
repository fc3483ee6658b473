import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as naming from "./naming";

/**
 * `CanNotDelete` management locks: an Azure-side guard that holds whoever deletes, the Pulumi CLI or the portal
 * (docs/azure-rules/data-protection.md AZ-DATA-07). Creating one needs `Microsoft.Authorization/locks/*`
 * (Owner or User Access Administrator), so they are opt-in where a team pipeline may lack it.
 */
export const LOCK_NAME = "do-not-delete";

/** One lock per scope, named `<owner>-<role>-lock`. */
export function lockResources(
  name: string,
  scopes: Record<string, pulumi.Input<string>>,
  notes: string,
  opts: pulumi.CustomResourceOptions,
): authorization.ManagementLockByScope[] {
  return Object.entries(scopes).map(
    ([role, scope]) =>
      new authorization.ManagementLockByScope(
        naming.childName(name, `${role}-lock`),
        { scope, lockName: LOCK_NAME, level: "CanNotDelete", notes },
        opts,
      ),
  );
}
