import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LookupIndex, loadLookupsFile } from "../../../tools/preview/host/lookups";
import type { RecordedResource } from "../../../tools/preview/shared/types";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const account = (id: string, name = "sa"): RecordedResource => ({
  urn: `urn:pulumi:dev::p::azure-native:storage:StorageAccount::${name}`,
  type: "azure-native:storage:StorageAccount",
  name,
  parent: null,
  custom: true,
  protect: false,
  dependencies: [],
  propertyDependencies: {},
  inputs: { accountName: id.split("/").pop() },
  id,
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lookups-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Loads `text` as a lookups file named l.json. */
function parseLookups(text: string) {
  const file = path.join(fs.mkdtempSync(path.join(tmp, "case-")), "l.json");
  fs.writeFileSync(file, text);
  return loadLookupsFile(file);
}

describe("loadLookupsFile", () => {
  it("rejects files that are not an object of id → properties or null, in one line", () => {
    expect(() => parseLookups("{")).toThrow(/^l\.json: not valid JSON/);
    expect(() => parseLookups('{"/x": 3}')).toThrow(/^l\.json: '\/x': must be an object of ARM id → properties object or null/);
    expect(() => parseLookups("[]")).toThrow(/^l\.json: document: /);
  });
});

describe("LookupIndex", () => {
  const file = parseLookups(
    JSON.stringify({
      "/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/RG/providers/Microsoft.Storage/storageAccounts/STGONE": null,
      [`${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stfile`]: { isHnsEnabled: true },
    }),
  );

  it("prefers previewed stacks, then the file (ids match case- and subscription-insensitively), then nothing", () => {
    const index = new LookupIndex(file);
    const recorded = account(`${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stfile`);
    expect(index.answer(`${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stfile`)).toEqual({
      kind: "props",
      props: { isHnsEnabled: true },
    });
    index.addStack([recorded]);
    expect(index.answer(`${SUB}/resourceGroups/RG/providers/microsoft.storage/storageAccounts/STFILE`)).toEqual({
      kind: "recorded",
      resource: recorded,
    });
    expect(index.answer(`${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stgone`)).toEqual({
      kind: "missing",
      reason:
        "resource '/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/RG/providers/Microsoft.Storage/storageAccounts/STGONE' does not exist (l.json marks it null)",
    });
    expect(index.answer(`${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/other`)).toEqual({ kind: "none" });
  });

  it("finds a storage account by its globally unique name in another resource group", () => {
    const index = new LookupIndex();
    const recorded = account(`${SUB}/resourceGroups/rg-shared/providers/Microsoft.Storage/storageAccounts/stshared`);
    index.addStack([recorded]);
    expect(index.answer(`${SUB}/resourceGroups/elsewhere/providers/Microsoft.Storage/storageAccounts/stshared`, "STSHARED")).toEqual({
      kind: "recorded",
      resource: recorded,
    });
    expect(index.answer(`${SUB}/resourceGroups/elsewhere/providers/Microsoft.Storage/storageAccounts/stshared`)).toEqual({ kind: "none" });
  });
});
