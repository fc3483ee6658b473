import { writeBenchProject } from "../../../tools/bench/benchProject";
import { CRITICAL_PATH_CASES, criticalPathConfig, criticalPathStackName } from "../../../tools/bench/configGen";
import { criticalPath } from "../../../tools/bench/criticalPath";
import { measurePreview } from "../../../tools/bench/measure";
import type { PreviewResult } from "../../../tools/preview/shared/types";

/**
 * The bench's critical-path stacks through the real offline preview (one process, no policy pack): the program's
 * graphs stay within the chain lengths `pulumi up` is designed for. Fails if a component waits on more than its data.
 */
describe("critical paths of the recorded program", () => {
  let result: PreviewResult;
  beforeAll(async () => {
    const project = writeBenchProject(
      Object.fromEntries(CRITICAL_PATH_CASES.map((c) => [criticalPathStackName(c), criticalPathConfig(c)])),
    );
    try {
      result = (await measurePreview(project.dir, CRITICAL_PATH_CASES.map(criticalPathStackName), false)).result;
    } finally {
      project.remove();
    }
  });

  const pathOf = (shape: (typeof CRITICAL_PATH_CASES)[number]) => {
    const stack = result.stacks.find((s) => s.stack === criticalPathStackName(shape))!;
    return criticalPath(stack.resources);
  };
  const typeOf = (urn: string) => urn.split("::")[2].split("$").pop();

  it("dedicated workspace: resource group, Log Analytics, Application Insights, workspace, then what needs the workspace", () => {
    const path = pathOf("dedicated");
    expect(path.nodes).toBeLessThanOrEqual(5);
    expect(typeOf(path.chain[0])).toBe("azure-native:resources:ResourceGroup");
    expect(path.chain.map(typeOf)).toContain("azure-native:machinelearningservices:Workspace");
  });

  it("workspace on shared resources: at most resource group, workspace, and one more", () => {
    expect(pathOf("shared").nodes).toBeLessThanOrEqual(3);
  });

  it("hub with a project: the project waits on its hub", () => {
    const path = pathOf("hubProject");
    expect(path.nodes).toBeLessThanOrEqual(6);
    expect(path.chain.map((u) => u.split("::").pop())).toEqual(expect.arrayContaining(["hub-hub", "prj-000-prj"]));
  });
});
