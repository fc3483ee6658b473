import { ISOLATION_MODES } from "../../../components/workspaceSettings";
import {
  PRIVATE_LINK,
  PRIVATE_LINK_REGISTRY_SKU,
  RULE_TYPES_BY_MODE,
  requiredOutboundRules,
  ruleTypeProblem,
  zonesFor,
} from "../../../components/network/privateLink";

describe("AZ-PE-01: a workspace endpoint uses group amlworkspace and both Azure ML zones", () => {
  it("names the group and the api and notebooks zones", () => {
    expect(PRIVATE_LINK.workspace.groupId).toBe("amlworkspace");
    expect(zonesFor(["workspace"])).toEqual(["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"]);
  });
});

describe("AZ-PE-02: associated resources use their own group ids and zones", () => {
  it("maps blob, file, vault and registry to one zone each, without repeats", () => {
    expect(Object.fromEntries((["blob", "file", "vault", "registry"] as const).map((t) => [t, PRIVATE_LINK[t].groupId]))).toEqual({
      blob: "blob",
      file: "file",
      vault: "vault",
      registry: "registry",
    });
    expect(zonesFor(["blob", "file", "blob"])).toEqual(["privatelink.blob.core.windows.net", "privatelink.file.core.windows.net"]);
  });
});

describe("AZ-PE-03: FQDN and ServiceTag rules only with approved-outbound-only", () => {
  it("accepts private endpoint rules in both managed modes and refuses the other types under internet outbound", () => {
    for (const mode of ["AllowInternetOutbound", "AllowOnlyApprovedOutbound"] as const)
      expect(ruleTypeProblem("PrivateEndpoint", mode)).toBeUndefined();
    expect(ruleTypeProblem("FQDN", "AllowInternetOutbound")).toMatch(/AllowOnlyApprovedOutbound/);
    expect(ruleTypeProblem("ServiceTag", "AllowInternetOutbound")).toMatch(/PrivateEndpoint rules only/);
    expect(ruleTypeProblem("ServiceTag", "AllowOnlyApprovedOutbound")).toBeUndefined();
    expect(ruleTypeProblem("PrivateEndpoint", "Disabled")).toMatch(/need a managed network/);
  });

  it("has an entry for every isolation mode", () => {
    expect(Object.keys(RULE_TYPES_BY_MODE).sort()).toEqual([...ISOLATION_MODES].sort());
  });
});

describe("AZ-PE-04: a registry takes private endpoints on the Premium tier only", () => {
  it("is Premium", () => expect(PRIVATE_LINK_REGISTRY_SKU).toBe("Premium"));
});

describe("AZ-PE-05: the rules Azure ML adds by itself", () => {
  it("adds private endpoints to every associated resource with approved-outbound-only, whatever their access", () => {
    const rules = requiredOutboundRules("AllowOnlyApprovedOutbound", []);
    expect(rules.filter((r) => r.type === "PrivateEndpoint").map((r) => r.destination)).toEqual([
      "workspace",
      "storage",
      "keyVault",
      "containerRegistry",
    ]);
    expect(rules.filter((r) => r.type === "ServiceTag").map((r) => r.destination)).toContain("AzureMachineLearning");
  });

  it("adds private endpoints only to private resources with internet outbound, and nothing without a managed network", () => {
    const rules = requiredOutboundRules("AllowInternetOutbound", ["workspace"]);
    expect(rules.filter((r) => r.type === "PrivateEndpoint").map((r) => r.destination)).toEqual(["workspace"]);
    expect(requiredOutboundRules("Disabled", ["workspace"])).toEqual([]);
  });
});
