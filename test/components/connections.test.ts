import { MockRuntime, installMocks, settle } from "../mockRuntime";

/** docs/azure-rules/connections.md AZ-CONN-04: programs that skip the config validation get the name rule too. */
let mocks: MockRuntime;
let components: typeof import("../../components/connections");

beforeAll(async () => {
  mocks = await installMocks();
  components = await import("../../components/connections");
});
beforeEach(() => mocks.reset());

const connection = (name: string) => ({
  name,
  category: "CognitiveSearch" as const,
  target: "https://srch.search.windows.net",
  resourceId: "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg/providers/Microsoft.Search/searchServices/srch",
});

describe("AZ-CONN-04 Connections component", () => {
  it.each(["ab", "_search", "a".repeat(34)])("refuses the name %s before registering anything", async (name) => {
    expect(
      () => new components.Connections("c", { resourceGroupName: "rg", workspaceName: "ws", connections: [connection(name)] }),
    ).toThrow(/3-33 letters, digits, _ or -/);
    await settle();
    expect(mocks.registered).toEqual([]);
  });

  it("creates a connection with a valid name", async () => {
    new components.Connections("c", { resourceGroupName: "rg", workspaceName: "ws", connections: [connection("search_01")] });
    await settle();
    expect(mocks.ofType("azure-native:machinelearningservices:WorkspaceConnection").map((r) => r.inputs.connectionName)).toEqual([
      "search_01",
    ]);
  });
});
