import { quotaSummary } from "../../stacks/computeQuota";
import { validateConfig } from "../../stacks/validate";

/** docs/azure-rules/compute.md AZ-COMPUTE-09: the quota a stack asks for, knowable offline. */
const ALICE = "0b6e4a2c-1d3f-4a5b-8c7d-9e0f1a2b3c4d";
const config = (raw: Record<string, unknown>) => validateConfig(raw).config!;

describe("AZ-COMPUTE-09 quota summary", () => {
  it("is undefined without computes", () => {
    expect(quotaSummary(config({ workspaces: [{ name: "ws" }] }))).toBeUndefined();
  });

  it("counts computes, nodes per cluster, and nodes by VM size and priority, per entry and for the stack", () => {
    const summary = quotaSummary(
      config({
        workspaces: [
          {
            name: "wa",
            computes: {
              clusters: [
                { name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 4 },
                { name: "spot", vmSize: "Standard_DS3_v2", maxNodes: 10, lowPriority: true },
              ],
              instances: [{ name: "ci-alice", vmSize: "standard_ds3_v2", assignedTo: ALICE }],
            },
          },
          { name: "wb", computes: { clusters: [{ name: "gpu", vmSize: "Standard_NC6s_v3", maxNodes: 2 }] } },
          { name: "wc" },
        ],
      }),
    )!;
    expect(Object.keys(summary.entries)).toEqual(["wa", "wb"]);
    expect(summary.entries.wa).toMatchObject({
      computes: 3,
      clusters: [
        { name: "cpu", priority: "Dedicated", minNodes: 0, maxNodes: 4 },
        { name: "spot", priority: "LowPriority", maxNodes: 10 },
      ],
      instances: [{ name: "ci-alice", vmSize: "standard_ds3_v2" }],
      // VM size names ignore case: the instance adds one dedicated node to the cluster's size.
      nodesByVmSize: [
        { vmSize: "Standard_DS3_v2", priority: "Dedicated", maxNodes: 5 },
        { vmSize: "Standard_DS3_v2", priority: "LowPriority", maxNodes: 10 },
      ],
      maxNodes: { dedicated: 5, lowPriority: 10 },
    });
    expect(summary.total).toEqual({
      computes: 4,
      nodesByVmSize: [
        { vmSize: "Standard_DS3_v2", priority: "Dedicated", maxNodes: 5 },
        { vmSize: "Standard_DS3_v2", priority: "LowPriority", maxNodes: 10 },
        { vmSize: "Standard_NC6s_v3", priority: "Dedicated", maxNodes: 2 },
      ],
      maxNodes: { dedicated: 7, lowPriority: 10 },
    });
  });

  it("counts each member instance as a compute and a dedicated node", () => {
    const summary = quotaSummary(
      config({
        groups: { ds: { objectId: "6f1c2a9e-3b7d-4c8e-9a1f-2d3e4f5a6b7c" } },
        hubs: [
          {
            name: "hb",
            access: [{ group: "ds", role: "AzureML Data Scientist" }],
            computes: {
              memberInstances: [
                { namePrefix: "ci", group: "ds", vmSize: "Standard_E4s_v3", members: [ALICE, "1b6e4a2c-1d3f-4a5b-8c7d-9e0f1a2b3c4d"] },
              ],
            },
          },
        ],
      }),
    )!;
    expect(summary.entries.hb).toMatchObject({ computes: 2, maxNodes: { dedicated: 2, lowPriority: 0 } });
  });
});
