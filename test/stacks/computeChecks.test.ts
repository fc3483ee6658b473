import { formatConfigIssue, validateConfig } from "../../stacks/validate";
import { accessPlan } from "../../stacks/accessPlan";

const OPENAI =
  "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/oai-research";
const connection = (more: Record<string, unknown> = {}) => ({
  name: "openai",
  category: "AzureOpenAI",
  target: "https://oai-research.openai.azure.com/",
  resourceId: OPENAI,
  ...more,
});
const cluster = (more: Record<string, unknown> = {}) => ({ name: "cpu-cluster", vmSize: "Standard_DS3_v2", maxNodes: 4, ...more });
const lines = (raw: Record<string, unknown>, secret: string[] = []) =>
  validateConfig(raw, undefined, new Set(secret)).issues.map(formatConfigIssue);

describe("AZ-COMPUTE-02 cluster minimum", () => {
  it("accepts the default minimum of 0 and refuses min above max or idle nodes without opt-in", () => {
    expect(lines({ workspaces: [{ name: "ws", computes: { clusters: [cluster()] } }] })).toEqual([]);
    expect(lines({ workspaces: [{ name: "ws", computes: { clusters: [cluster({ minNodes: 5, allowIdleNodes: true })] } }] })).toEqual([
      "config azure-ml-workspaces:workspaces[0].computes.clusters[0].minNodes = 5: must not exceed maxNodes (4)",
    ]);
    expect(lines({ workspaces: [{ name: "ws", computes: { clusters: [cluster({ minNodes: 1 })] } }] })[0]).toMatch(/allowIdleNodes/);
    expect(lines({ workspaces: [{ name: "ws", computes: { clusters: [cluster({ minNodes: 1, allowIdleNodes: true })] } }] })).toEqual([]);
  });
});

describe("AZ-COMPUTE-04 AZ-COMPUTE-01 network and names", () => {
  const subnet =
    "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/v/subnets/s";
  it("refuses a subnet on a managed network and no public IP without a network", () => {
    expect(lines({ workspaces: [{ name: "ws", computes: { clusters: [cluster({ subnetId: subnet })] } }] })[0]).toMatch(
      /subnetId = .*managed network/,
    );
    const off = { managedNetwork: { isolationMode: "Disabled" } };
    expect(lines({ workspaces: [{ name: "ws", ...off, computes: { clusters: [cluster({ nodePublicIp: false })] } }] })[0]).toMatch(
      /nodePublicIp = false: .*subnet/,
    );
    expect(
      lines({ workspaces: [{ name: "ws", ...off, computes: { clusters: [cluster({ subnetId: subnet, nodePublicIp: false })] } }] }),
    ).toEqual([]);
  });

  it("refuses two computes of the same name, ignoring case", () => {
    const raw = {
      workspaces: [
        { name: "wa", computes: { clusters: [cluster()] } },
        { name: "wb", computes: { clusters: [cluster({ name: "CPU-cluster" })] } },
      ],
    };
    expect(lines(raw)[0]).toMatch(
      /^config azure-ml-workspaces:workspaces\[1\]\.computes\.clusters\[0\]\.name = "CPU-cluster": its compute would get the same Azure name/,
    );
  });
});

describe("AZ-COMPUTE-05 AZ-COMPUTE-06 hubs and projects", () => {
  it("refuses clusters on a hub and compute, connections or serverless settings on a project", () => {
    expect(lines({ hubs: [{ name: "hb", computes: { clusters: [cluster()] } }] })[0]).toMatch(
      /hubs\[0\]\.computes\.clusters = .*serverless compute/,
    );
    for (const key of ["computes", "connections", "serverlessCompute"])
      expect(lines({ hubs: [{ name: "hb", projects: [{ name: "pr", [key]: {} }] }] })[0]).toMatch(
        new RegExp(`projects\\[0\\]\\.${key} = .*set them on the hub`),
      );
  });
});

describe("AZ-CONN-03 connection keys", () => {
  it("refuses a key in plain config without showing it, and accepts it from secret config", () => {
    const raw = { hubs: [{ name: "hb", connections: [connection({ auth: "key", key: "s3cr3t-value" })] }] };
    const refused = lines(raw);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/^config azure-ml-workspaces:hubs\[0\]\.connections\[0\]\.key = "\[not shown\]": a key in plain config/);
    expect(refused[0]).not.toContain("s3cr3t-value");
    expect(lines(raw, ["azure-ml-workspaces:hubs"])).toEqual([]);
  });

  it("refuses a key beside identity auth", () => {
    expect(lines({ hubs: [{ name: "hb", connections: [connection({ key: "x" })] }] }, ["azure-ml-workspaces:hubs"])[0]).toMatch(
      /only with auth: key/,
    );
  });
});

describe("AZ-CONN-02 identity grants in the access plan", () => {
  it("grants the hub identity the target's role for identity connections only", () => {
    const { config } = validateConfig(
      {
        hubs: [{ name: "hb", connections: [connection(), connection({ name: "oai-key", auth: "key", key: "x" })] }],
      },
      undefined,
      new Set(["azure-ml-workspaces:hubs"]),
    );
    const grants = accessPlan(config!).filter((g) => g.identityOf);
    expect(grants).toEqual([
      expect.objectContaining({
        role: "Cognitive Services OpenAI User",
        identityOf: { kind: "hub", name: "hb" },
        target: expect.objectContaining({ resourceId: OPENAI }),
      }),
    ]);
  });
});
