/**
 * A custom Pulumi program built from the components in code, for platform teams whose program is not the bundled
 * config-driven one. In your own program, import from the package instead of the relative path:
 *
 *   import { EntraGroups, Hub, Project, RoleBindings, SharedResources, Workspace } from "azure-ml-workspaces";
 *
 * Preview it offline, with the policy pack: `npm run preview -- --cwd examples/custom-program --stack dev`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import { EntraGroups, Hub, Project, RoleBindings, SharedResources, Workspace } from "../../components";

const location = new pulumi.Config("azure-native").require("location");
const protect = new pulumi.Config().requireBoolean("protect");
const tags = { costCenter: "4711", owner: "ml-platform@contoso.com" };

// What an IT admin precreates once: storage, key vault, monitoring and registry, secured and locked.
const sharedGroup = new resources.ResourceGroup("shared-rg", { resourceGroupName: "rg-ml-shared", location, tags }, { protect });
const shared = new SharedResources("ml-shared", { resourceGroupName: sharedGroup.name, location, tags, protect, locks: protect });

// A team's workspace on the shared set: it owns none of the shared resources.
const teamGroup = new resources.ResourceGroup("team-x-rg", { resourceGroupName: "rg-team-x", location, tags }, { protect });
const workspace = new Workspace("team-x", {
  resourceGroupName: teamGroup.name,
  location,
  tags,
  protect,
  friendlyName: "Team X",
  shared: {
    storageAccountId: shared.storageAccountId,
    keyVaultId: shared.keyVaultId,
    applicationInsightsId: shared.applicationInsightsId,
    containerRegistryId: shared.containerRegistryId,
    logAnalyticsWorkspaceId: shared.logAnalyticsWorkspaceId,
  },
});

// A hub with dedicated resources and an approved-outbound-only network; its project inherits both.
const researchGroup = new resources.ResourceGroup("research-rg", { resourceGroupName: "rg-research", location, tags }, { protect });
const hub = new Hub("research", {
  resourceGroupName: researchGroup.name,
  location,
  tags,
  protect,
  managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules: { pypi: { type: "FQDN", destination: "pypi.org" } } },
});
const project = new Project("churn", {
  hubResourceId: hub.hubId,
  location: hub.location,
  resourceGroupName: researchGroup.name,
  tags,
  protect,
});

// Access through Entra groups only: looked up by display name, bound by role name.
const groups = new EntraGroups("ml-groups", {
  groups: { "data-scientists": { displayName: "ml-data-scientists" }, "churn-team": { displayName: "ml-churn-team" } },
});
const client = authorization.getClientConfigOutput();
new RoleBindings("ml-access", {
  subscriptionId: client.subscriptionId,
  project: pulumi.getProject(),
  stack: pulumi.getStack(),
  bindings: [
    {
      scopeKey: "workspace/team-x",
      scope: workspace.workspaceId,
      group: "data-scientists",
      principalId: groups.objectIds["data-scientists"],
      role: "AzureML Data Scientist",
    },
    {
      scopeKey: "project/research/churn",
      scope: project.projectId,
      group: "churn-team",
      principalId: groups.objectIds["churn-team"],
      role: "AzureML Data Scientist",
    },
    // Project members need Reader on the hub; the portal grants it by itself, infrastructure code must do it.
    { scopeKey: "hub/research", scope: hub.hubId, group: "churn-team", principalId: groups.objectIds["churn-team"], role: "Reader" },
  ],
});

export const studioUrls = { teamX: workspace.studioUrl, research: hub.studioUrl, churn: project.studioUrl };
export const sharedStorageAccountId = shared.storageAccountId;
