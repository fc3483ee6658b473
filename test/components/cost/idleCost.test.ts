import fc from "fast-check";
import { footprintFromSettings } from "../../../components/cost/footprint";
import { IdleCostReport, WorkspaceFootprint, idleCosts } from "../../../components/cost/idleCost";

const DEDICATED: WorkspaceFootprint = {
  containerRegistry: { ownership: "dedicated", sku: "Basic" },
  storage: { ownership: "dedicated", skuName: "Standard_LRS" },
  keyVault: { ownership: "dedicated", skuName: "standard" },
  logAnalytics: { ownership: "dedicated", retentionInDays: 30 },
  managedNetwork: { isolationMode: "AllowInternetOutbound", hasFqdnRules: false },
};
const resources = (r: IdleCostReport) => r.items.map((i) => i.resource);
const item = (r: IdleCostReport, resource: string) => r.items.find((i) => i.resource === resource)!;

describe("idleCosts", () => {
  it("lists what a default dedicated workspace keeps paying for, each with its pricing page", () => {
    const report = idleCosts(DEDICATED);
    expect(resources(report)).toEqual(["containerRegistry", "storage", "logAnalytics", "keyVault", "privateEndpoints"]);
    expect(item(report, "containerRegistry")).toMatchObject({
      basis: expect.arrayContaining(["fixed"]),
      note: expect.stringContaining("fixed daily fee for the Basic tier"),
      pricing: "https://azure.microsoft.com/pricing/details/container-registry/",
    });
    for (const i of report.items) expect(i.pricing).toMatch(/^https:\/\/azure\.microsoft\.com\/pricing\/details\//);
    expect(item(report, "logAnalytics").note).toMatch(/per GB ingested.*retention 30 days.*no daily cap/);
    expect(item(report, "keyVault").note).toMatch(/per operation/);
    expect(report.notes.join(" ")).toMatch(/no standing fee/);
    expect(report.notes.join(" ")).toMatch(/Compute left running .* not modelled/);
    expect(report.notes.join(" ")).toMatch(/registry, storage, key vault, Log Analytics keep billing until deleted too/);
  });

  it("adds the Azure Firewall only for FQDN rules in approved-outbound mode", () => {
    const approved = idleCosts({ ...DEDICATED, managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", hasFqdnRules: true } });
    expect(item(approved, "azureFirewall")).toMatchObject({ ownership: "managed", note: expect.stringMatching(/billed Azure Firewall/) });
    const internet = idleCosts({ ...DEDICATED, managedNetwork: { isolationMode: "AllowInternetOutbound", hasFqdnRules: true } });
    expect(resources(internet)).not.toContain("azureFirewall");
    const noNetwork = idleCosts({ ...DEDICATED, managedNetwork: undefined });
    expect(resources(noNetwork)).not.toContain("privateEndpoints");
  });

  it("names the registry tier without a figure", () => {
    const premium = item(idleCosts({ ...DEDICATED, containerRegistry: { ownership: "dedicated", sku: "Premium" } }), "containerRegistry");
    expect(premium.note).toMatch(/Premium tier/);
    expect(premium.note).not.toMatch(/\$/);
  });

  it("marks shared resources as billed to their owner and warns about the untaggable on-demand registry", () => {
    const report = idleCosts({
      containerRegistry: "on-demand",
      storage: { ownership: "shared" },
      keyVault: { ownership: "shared" },
      logAnalytics: undefined,
    });
    expect(item(report, "storage").note).toMatch(/shared: billed once to its owner/);
    expect(resources(report)).not.toContain("logAnalytics");
    expect(item(report, "containerRegistry").note).toMatch(/first image build.*cannot be tagged/);
    expect(report.notes.join(" ")).toMatch(/its registry, once Azure ML has created it, keep billing/);
    expect(report.notes.join(" ")).toMatch(/cannot be tagged/);
  });

  it("never quotes a price or an internal marker: figures live on the pricing pages", () => {
    const ownership = fc.constantFrom("dedicated" as const, "shared" as const);
    const footprint: fc.Arbitrary<WorkspaceFootprint> = fc.record({
      containerRegistry: fc.oneof(
        fc.constant("on-demand" as const),
        fc.record({ ownership, sku: fc.constantFrom("Basic" as const, "Standard" as const, "Premium" as const, undefined) }),
      ),
      storage: fc.record({ ownership, skuName: fc.constantFrom("Standard_LRS", "Standard_GRS", undefined) }),
      keyVault: fc.record({ ownership, skuName: fc.constantFrom("standard" as const, "premium" as const, undefined) }),
      logAnalytics: fc.option(fc.record({ ownership, retentionInDays: fc.integer({ min: 30, max: 730 }) }), { nil: undefined }),
      managedNetwork: fc.option(
        fc.record({
          isolationMode: fc.constantFrom("Disabled" as const, "AllowInternetOutbound" as const, "AllowOnlyApprovedOutbound" as const),
          hasFqdnRules: fc.boolean(),
        }),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(footprint, (fp) => {
        const text = JSON.stringify(idleCosts(fp));
        expect(text.match(/\$[\d.]+\S*/g) ?? []).toEqual([]);
        expect(text).not.toMatch(/§|\[unverified|fact file/);
      }),
      { numRuns: 200 },
    );
  });
});

describe("footprintFromSettings", () => {
  it("applies the components' defaults to a workspace with no settings", () => {
    expect(footprintFromSettings({})).toEqual({
      ...DEDICATED,
      logAnalytics: { ownership: "dedicated", retentionInDays: 30, dailyQuotaGb: undefined },
    });
  });

  it("maps team-b's settings: Premium registry, GRS storage and FQDN rules behind approved outbound", () => {
    const fp = footprintFromSettings({
      storage: { skuName: "Standard_GRS" },
      containerRegistry: { skuName: "Premium" },
      managedNetwork: {
        isolationMode: "AllowOnlyApprovedOutbound",
        outboundRules: { pypi: { type: "FQDN" }, monitor: { type: "ServiceTag" } },
      },
    });
    expect(fp).toMatchObject({
      containerRegistry: { ownership: "dedicated", sku: "Premium" },
      storage: { skuName: "Standard_GRS" },
      managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", hasFqdnRules: true },
    });
    expect(resources(idleCosts(fp))).toContain("azureFirewall");
  });

  it("treats shared sets and existing ids as shared, and a shared set without a registry as on-demand", () => {
    expect(footprintFromSettings({ sharedResources: { ids: {} }, managedNetwork: { isolationMode: "Disabled" } })).toEqual({
      containerRegistry: "on-demand",
      storage: { ownership: "shared" },
      keyVault: { ownership: "shared" },
      logAnalytics: undefined,
      managedNetwork: undefined,
    });
    expect(footprintFromSettings({ sharedResources: { stack: "shared" } })).toMatchObject({
      containerRegistry: { ownership: "shared" },
      logAnalytics: { ownership: "shared" },
    });
    expect(
      footprintFromSettings({
        containerRegistry: false,
        keyVault: { existingId: "/kv" },
        monitoring: { existingApplicationInsightsId: "/appi" },
      }),
    ).toMatchObject({ containerRegistry: "on-demand", keyVault: { ownership: "shared" }, logAnalytics: undefined });
  });
});
