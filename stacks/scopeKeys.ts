import { naming } from "../components";
import { azureNameOf } from "./renames";

/** Logical scope keys name role assignments: they must never change while the scope exists. */
export const scopeKeys = {
  workspace: (name: string) => `workspace/${name}`,
  hub: (name: string) => `hub/${name}`,
  project: (hub: string, name: string) => `project/${hub}/${name}`,
  resourceGroup: (name: string) => `resourceGroup/${name}`,
  shared: (resource: string) => `shared/${resource}`,
};

/** The resource group a workspace or hub lives in: scope keys use it, so two workspaces in one group share it. */
export function resourceGroupNameOf(ws: { name: string; aliases?: string[]; resourceGroup?: { name: string } }): string {
  return ws.resourceGroup?.name ?? naming.resourceGroupName(azureNameOf(ws));
}
