import {
  BLOB_PROTECTION_DEFAULTS,
  VERSIONING_HNS_RULE,
  blobProtectionProblems,
  blobServiceSettings,
} from "../../components/blobProtection";
import { MockRuntime, installMocks, promiseOf, settle } from "../mockRuntime";

const BLOB_SERVICE = "azure-native:storage:BlobServiceProperties";

describe("AZ-DATA-01, AZ-DATA-02: blob data protection settings", () => {
  it("turns on blob soft delete, container soft delete and versioning by default", () => {
    expect(blobServiceSettings(undefined, false)).toEqual({
      deleteRetentionPolicy: { enabled: true, days: BLOB_PROTECTION_DEFAULTS.blobSoftDeleteDays },
      containerDeleteRetentionPolicy: { enabled: true, days: BLOB_PROTECTION_DEFAULTS.containerSoftDeleteDays },
      isVersioningEnabled: true,
    });
  });

  it("takes configured retention and can turn versioning off", () => {
    const settings = blobServiceSettings({ blobSoftDeleteDays: 30, containerSoftDeleteDays: 14, versioning: false }, false);
    expect(settings.deleteRetentionPolicy.days).toBe(30);
    expect(settings.containerDeleteRetentionPolicy.days).toBe(14);
    expect(settings.isVersioningEnabled).toBe(false);
  });

  it.each([0, 366, 1.5])("refuses %p days of retention", (days) => {
    expect(blobProtectionProblems({ blobSoftDeleteDays: days }, false)).toHaveLength(1);
    expect(blobProtectionProblems({ containerSoftDeleteDays: days }, false)).toHaveLength(1);
  });
});

describe("AZ-DATA-03: versioning and hierarchical namespace", () => {
  it("leaves versioning off on an HNS account but keeps both soft deletes", () => {
    const settings = blobServiceSettings(undefined, true);
    expect(settings.isVersioningEnabled).toBe(false);
    expect(settings.deleteRetentionPolicy.enabled).toBe(true);
    expect(settings.containerDeleteRetentionPolicy.enabled).toBe(true);
  });

  it("refuses versioning asked for explicitly on an HNS account", () => {
    expect(blobProtectionProblems({ versioning: true }, true)).toEqual([VERSIONING_HNS_RULE]);
    expect(blobProtectionProblems({ versioning: true }, false)).toEqual([]);
  });
});

describe("AZ-DATA-01: every account a component creates gets its blob service protected", () => {
  let mocks: MockRuntime;
  beforeAll(async () => {
    mocks = await installMocks();
  });

  it("covers the default storage and each datastore account", async () => {
    const { Workspace } = await import("../../components/workspace");
    const ws = new Workspace("prot", {
      resourceGroupName: "rg-prot",
      nameSuffix: "abc123",
      datastores: [
        { name: "raw", container: "raw", create: {} },
        { name: "lake", type: "adlsgen2", container: "lake", create: { dataProtection: { blobSoftDeleteDays: 30 } } },
      ],
    });
    await promiseOf(ws.workspaceId);
    await settle();
    const accounts = mocks.ofType("azure-native:storage:StorageAccount");
    const services = mocks.ofType(BLOB_SERVICE);
    expect(accounts).toHaveLength(3);
    expect(services.map((s) => s.inputs.accountName).sort()).toEqual(accounts.map((a) => a.inputs.accountName).sort());
    const lake = services.find((s) => s.inputs.deleteRetentionPolicy.days === 30);
    expect(lake?.inputs).toMatchObject({ isVersioningEnabled: false, containerDeleteRetentionPolicy: { enabled: true } });
    expect(services.filter((s) => s.inputs.isVersioningEnabled === true)).toHaveLength(2);
  });

  it("refuses versioning on an HNS datastore account before registering anything", async () => {
    const { Workspace } = await import("../../components/workspace");
    mocks.reset();
    const datastores = [{ name: "lake", type: "adlsgen2" as const, container: "lake", create: { dataProtection: { versioning: true } } }];
    expect(() => new Workspace("bad", { resourceGroupName: "rg", nameSuffix: "x1", datastores })).toThrow(/versioning/);
    await settle();
    expect(mocks.ofType(BLOB_SERVICE)).toEqual([]);
  });
});
