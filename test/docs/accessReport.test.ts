import * as path from "path";
import { ACCESS_REPORT_MARKER, bundledStacks, renderAccessDoc, renderAccessReport } from "../../tools/docs/accessReport";

const REPO = path.resolve(__dirname, "../..");

describe("the access report in docs/access.md", () => {
  const stacks = bundledStacks(REPO);
  const { text, problems } = renderAccessReport(stacks);

  it("covers every bundled stack, with no config problem", () => {
    expect(problems).toEqual([]);
    for (const [stack] of stacks) expect(text).toContain(`### \`${stack}\``);
  });

  it("shows each data-scientist group's data-plane roles", () => {
    expect(text).toMatch(/group ds-team-b \| Storage File Data Privileged Contributor \| default storage of workspace team-b/);
    expect(text).toMatch(/group ds-team-a \| Storage Blob Data Contributor \| container `<GUID>-azureml-blobstore` of workspace team-a/);
  });

  it("keeps the hand-written part and replaces only what follows the marker", () => {
    const doc = renderAccessDoc(`# Title\n\nhand\n\n${ACCESS_REPORT_MARKER}\n\nold report\n`, "new report\n");
    expect(doc).toBe(`# Title\n\nhand\n\n${ACCESS_REPORT_MARKER}\n\nnew report\n`);
    expect(renderAccessDoc("# Title\n", "r\n")).toBe(`# Title\n\n${ACCESS_REPORT_MARKER}\n\nr\n`);
  });

  it("reports a bundled stack whose config is refused", () => {
    const bad = renderAccessReport([["broken", { workspaces: [{ name: "Bad Name" }] }]]);
    expect(bad.problems).toEqual([
      expect.stringMatching(/^stacks\/Pulumi\.broken\.yaml: config azure-ml-workspaces:workspaces\[0\]\.name/),
    ]);
  });
});
