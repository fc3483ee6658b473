import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { writeBenchProject } from "../../../tools/bench/benchProject";
import {
  BENCH_LOCATION,
  CRITICAL_PATH_CASES,
  criticalPathConfig,
  criticalPathStackName,
  NAMESPACE,
  scalingConfig,
  scalingStackName,
  stackFileYaml,
} from "../../../tools/bench/configGen";
import { loadProject } from "../../../tools/preview/host/project";
import { NAMESPACE as PROGRAM_NAMESPACE } from "../../../stacks/config";
import { formatConfigIssue, validateConfig } from "../../../stacks/validate";

const ENGINE = { "azure-native:location": BENCH_LOCATION };
const issuesOf = (config: Record<string, unknown>) => validateConfig(config, ENGINE).issues.map(formatConfigIssue);
type Ws = { name: string; sharedResources?: { ids: Record<string, string> } };

describe("generated stack configs", () => {
  it.each([1, 10, 100])("N = %i: N workspaces and a hub with N projects are a valid config", (n) => {
    const config = scalingConfig(n);
    expect(issuesOf(config)).toEqual([]);
    const workspaces = config.workspaces as Ws[];
    expect(workspaces).toHaveLength(n);
    expect((config.hubs as { projects: unknown[] }[])[0].projects).toHaveLength(n);
    // Half on the shared set (by ids, no StackReference), half on dedicated resources.
    expect(workspaces.filter((w) => w.sharedResources?.ids).length).toBe(Math.floor(n / 2));
  });

  it.each(CRITICAL_PATH_CASES)("the %s shape is a valid config", (shape) => {
    expect(issuesOf(criticalPathConfig(shape))).toEqual([]);
  });

  it("gives the dedicated shape its own resources and the shared shape the shared set", () => {
    const only = (shape: "dedicated" | "shared") => (criticalPathConfig(shape).workspaces as Ws[])[0];
    expect(only("dedicated").sharedResources).toBeUndefined();
    expect(only("shared").sharedResources?.ids).toBeDefined();
  });

  it("refuses a size that is not a positive whole number", () => {
    expect(() => scalingConfig(0)).toThrow("workspaces = 0: must be a whole number of at least 1");
  });

  it("writes every shared object out in full, never as a YAML alias", () => {
    const text = stackFileYaml(scalingConfig(4));
    expect(text).not.toMatch(/[&*]a\d/);
    expect(text.split("stbenchshared").length - 1).toBe(2);
  });

  it("writes stack files under the program's namespace", () => {
    expect(NAMESPACE).toBe(PROGRAM_NAMESPACE);
    const file = parse(stackFileYaml(scalingConfig(2))) as { config: Record<string, unknown> };
    expect(file.config["azure-native:location"]).toBe(BENCH_LOCATION);
    expect(file.config[`${NAMESPACE}:workspaces`]).toEqual(scalingConfig(2).workspaces);
  });
});

describe("writeBenchProject", () => {
  it("writes a project whose program is this repo's stacks/ program, with its runtime options and tsconfig", () => {
    const stacks = { [scalingStackName(1)]: scalingConfig(1), [criticalPathStackName("hubProject")]: criticalPathConfig("hubProject") };
    const project = writeBenchProject(stacks);
    try {
      const loaded = loadProject(project.dir);
      const repo = path.resolve(__dirname, "../../..");
      expect(loaded.stacks).toEqual(["bench-1", "path-hub-project"]);
      expect(loaded.programFile).toBe(path.join(repo, "stacks", "index.ts"));
      expect(loaded.nodeArgs).toEqual(loadProject(repo).nodeArgs);
      expect(fs.readFileSync(path.join(project.dir, "tsconfig.json"), "utf8")).toBe(
        fs.readFileSync(path.join(repo, "tsconfig.json"), "utf8"),
      );
    } finally {
      project.remove();
    }
    expect(fs.existsSync(project.dir)).toBe(false);
  });
});
