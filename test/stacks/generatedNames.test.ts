import * as naming from "../../components/naming";
import { StackConfig } from "../../stacks/config";
import { generatedNameIssues, generatedNames } from "../../stacks/generatedNames";

/** Two logical names whose ML workspace names are equal: the second is the first's shortened form. */
const LONG = "vision-segmentation-team";
const SHORT = naming.workspaceName(LONG, "000000", "prj").slice("prj-".length, -"-000000".length);

describe("AZ-NAME-03 generated names are unique where Azure needs them unique", () => {
  it("the short name really is the long one's shortened form", () => {
    expect(naming.LOGICAL_NAME.test(SHORT)).toBe(true);
    expect(naming.workspaceName(SHORT, "abc123", "prj")).toBe(naming.workspaceName(LONG, "abc123", "prj"));
  });

  it("lists every generated name with its scope: global for storage, key vault and registry, else the resource group", () => {
    const config: StackConfig = {
      workspaces: [{ name: "team-a", datastores: [{ name: "raw", container: "raw", create: {} }] }],
      hubs: [{ name: "research", projects: [{ name: "churn" }], sharedResources: { stack: "shared" } }],
      shared: { name: "ml-shared" },
    };
    const names = generatedNames(config, "abc123").map(({ kind, scope, owner }) => `${owner.logical}: ${kind} in ${scope}`);
    expect(names).toEqual([
      'team-a: ML workspace in resource group "rg-team-a"',
      "team-a: storage account in global (every Azure customer)",
      "team-a: key vault in global (every Azure customer)",
      "team-a: container registry in global (every Azure customer)",
      'team-a: Log Analytics workspace in resource group "rg-team-a"',
      'team-a: Application Insights component in resource group "rg-team-a"',
      "raw: storage account in global (every Azure customer)",
      'research: ML workspace in resource group "rg-research"',
      'churn: ML workspace in resource group "rg-research"',
      "ml-shared: storage account in global (every Azure customer)",
      "ml-shared: key vault in global (every Azure customer)",
      "ml-shared: container registry in global (every Azure customer)",
      'ml-shared: Log Analytics workspace in resource group "rg-ml-shared"',
      'ml-shared: Application Insights component in resource group "rg-ml-shared"',
    ]);
  });

  it("refuses two projects of one hub whose Azure names are equal, naming the second and the first", () => {
    const issues = generatedNameIssues({ hubs: [{ name: "research", projects: [{ name: LONG }, { name: SHORT }] }] });
    expect(issues).toEqual([
      {
        path: ["hubs", 0, "projects", 1, "name"],
        value: SHORT,
        rule: 'its ML workspace would get the same Azure name as the one of hubs[0].projects[0] (names are unique in resource group "rg-research"); rename one of them',
      },
    ]);
  });

  it("accepts the same two names on workspaces in different resource groups, and refuses them in one", () => {
    expect(generatedNameIssues({ workspaces: [{ name: LONG }, { name: SHORT }] })).toEqual([]);
    const group = { name: "rg-ml", existing: true };
    const issues = generatedNameIssues({
      workspaces: [
        { name: LONG, resourceGroup: group },
        { name: SHORT, resourceGroup: group },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual([["workspaces", 1, "name"]]);
  });
});

describe("AZ-NAME-02 generated names with reserved words", () => {
  it("refuses a logical name that puts a reserved word into an Azure name, once per entry", () => {
    const issues = generatedNameIssues({ workspaces: [{ name: "windows-ml" }, { name: "team-a" }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ["workspaces", 0, "name"], value: "windows-ml" });
    expect(issues[0].rule).toContain('"windows", a word Azure reserves anywhere in a name (ReservedResourceName)');
  });

  it("catches a word that only appears once hyphens are dropped", () => {
    const issues = generatedNameIssues({ workspaces: [{ name: "micro-soft" }] });
    expect(issues[0].rule).toMatch(/^its storage account name would contain "microsoft"/);
  });
});
