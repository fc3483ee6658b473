import * as pulumi from "@pulumi/pulumi";

/**
 * Pulumi mocks for the access components: records every registration and invoke, emulates the outputs the
 * components read (azuread Group objectId, ARM ids) and answers getGroup from a fixed directory.
 */
export interface AccessMocks {
  resources: pulumi.runtime.MockResourceArgs[];
  calls: pulumi.runtime.MockCallArgs[];
}

export const GET_GROUP = "azuread:index/getGroup:getGroup";

/** Deterministic fake object id for a display name, so tests can predict it. */
export function fakeObjectId(displayName: string): string {
  const hex = Buffer.from(displayName).toString("hex").padEnd(32, "0").slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** `directory` maps existing groups' display names to object ids; anything else is "not found". */
export async function installAccessMocks(directory: Record<string, string>): Promise<AccessMocks> {
  const recorded: AccessMocks = { resources: [], calls: [] };
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        recorded.resources.push(args);
        const state: Record<string, unknown> = { ...args.inputs };
        let id = `${args.name}-id`;
        if (args.type === "azuread:index/group:Group") {
          state.objectId = fakeObjectId(args.inputs.displayName);
          id = `/groups/${state.objectId}`;
        } else if (args.type === "azure-native:authorization:RoleDefinition") {
          id = `${args.inputs.scope}/providers/Microsoft.Authorization/roleDefinitions/${args.inputs.roleDefinitionId}`;
        } else if (args.type === "azure-native:authorization:RoleAssignment") {
          id = `${args.inputs.scope}/providers/Microsoft.Authorization/roleAssignments/${args.inputs.roleAssignmentName}`;
        }
        return { id, state };
      },
      call(args) {
        recorded.calls.push(args);
        if (args.token !== GET_GROUP) throw new Error(`unexpected invoke ${args.token}`);
        const { displayName, objectId } = args.inputs as { displayName?: string; objectId?: string };
        const byName = displayName !== undefined ? directory[displayName] : undefined;
        const byId = Object.entries(directory).find(([, id]) => id === objectId);
        if (byName) return { objectId: byName, displayName };
        if (byId) return { objectId: byId[1], displayName: byId[0] };
        // The SDK reports an invoke failure by the gRPC error's `details`, as the engine sends it.
        const message = `No group found matching specified filter (${displayName ?? objectId})`;
        throw Object.assign(new Error(message), { details: message });
      },
    },
    "proj",
    "dev",
    false,
  );
  return recorded;
}

export const promiseOf = <T>(output: pulumi.Output<T>): Promise<T> => new Promise<T>((resolve) => output.apply(resolve));
