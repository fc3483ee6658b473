import * as path from "path";
import { findReplacements, REPLACE_ON_CHANGES, type WithReplacements } from "../../../tools/preview/host/replacements";
import type { RecordedResource } from "../../../tools/preview/shared/types";
import { UNKNOWN_VALUE } from "../../../tools/preview/shared/types";
import { previewJsonInProcess } from "./inProcess";

const record = (urn: string, type: string, inputs: Record<string, unknown>): RecordedResource => ({
  urn,
  type,
  name: urn.split("::").pop()!,
  parent: null,
  custom: true,
  protect: true,
  dependencies: [],
  propertyDependencies: {},
  inputs,
});
const ST = "azure-native:storage:StorageAccount";
const account = (urn: string, inputs: Record<string, unknown> = {}) =>
  record(urn, ST, { resourceGroupName: "rg-a", accountName: "sta", location: "westeurope", ...inputs });

describe("AZ-DATA-10: stateful resources a config change replaces", () => {
  it("reports nothing for an unchanged account or a change Azure applies in place", () => {
    expect(findReplacements([account("u::st")], [account("u::st", { sku: { name: "Standard_ZRS" } })])).toEqual([]);
  });

  it.each(REPLACE_ON_CHANGES[ST])("reports a replacement when %s changes", (key) => {
    const [finding] = findReplacements([account("u::st")], [account("u::st", { [key]: "other" })]);
    expect(finding).toMatchObject({ change: "replace", properties: [{ name: key, after: "other" }] });
  });

  it("reports a deleted account, keeps a renamed one with its Azure identity, and skips values unknown in preview", () => {
    expect(findReplacements([account("u::st")], [])).toMatchObject([{ change: "delete" }]);
    expect(findReplacements([account("u::old-st")], [account("u::new-st")])).toEqual([]);
    expect(findReplacements([account("u::st")], [account("u::st", { location: UNKNOWN_VALUE })])).toEqual([]);
  });

  it("ignores resources that hold no data", () => {
    const diag = record("u::diag", "azure-native:monitor:DiagnosticSetting", { name: "a" });
    expect(findReplacements([diag], [])).toEqual([]);
  });
});

/** Through the CLI's `main` in this process: each run previews the stack on its base file too (real stack workers). */
describe("AZ-DATA-10: --base in the offline preview", () => {
  const cwd = path.join(__dirname, "../../stacks/program");

  it("reports no replacement for a rename through aliases", async () => {
    const base = path.join(cwd, "Pulumi.rename-before.yaml");
    const { run, result } = await previewJsonInProcess(["--cwd", cwd, "--stack", "rename-after", "--no-policy", "--base", base]);
    expect(run.code).toBe(0);
    expect((result.stacks[0] as WithReplacements).replacements).toEqual([]);
  }, 120_000);

  it("lists the stateful resources a region, container and name-seed change replaces", async () => {
    const base = path.join(__dirname, "base", "Pulumi.rename-after.yaml");
    const { result } = await previewJsonInProcess(["--cwd", cwd, "--stack", "rename-after", "--no-policy", "--base", base]);
    const found = (result.stacks[0] as WithReplacements).replacements!;
    const replaced = found.filter((f) => f.change === "replace").map((f) => f.type);
    expect(replaced).toEqual(expect.arrayContaining([ST, "azure-native:keyvault:Vault", "azure-native:machinelearningservices:Workspace"]));
    const container = found.find((f) => f.type === "azure-native:storage:BlobContainer");
    expect(container?.properties.map((p) => p.name)).toContain("containerName");
  }, 120_000);
});
