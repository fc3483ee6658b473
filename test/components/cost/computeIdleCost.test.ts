import { computeIdleItems } from "../../../components/cost/computeIdleCost";

describe("AZ-COMPUTE-02 AZ-COMPUTE-03 compute in the idle-cost list", () => {
  it("lists a cluster at 0 nodes as billing per use only, with its quota", () => {
    const [item] = computeIdleItems({ clusters: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 4 }] });
    expect(item).toMatchObject({ resource: "computeCluster", basis: ["per-use"] });
    expect(item.note).toMatch(/0 nodes PT120S after the last job/);
    expect(item.note).toMatch(/up to 4 × Standard_DS3_v2 nodes draw on the region's dedicated core quota/);
  });

  it("lists idle nodes as a standing charge", () => {
    const [item] = computeIdleItems({
      clusters: [{ name: "gpu", vmSize: "Standard_NC6s_v3", maxNodes: 2, minNodes: 1, lowPriority: true }],
    });
    expect(item.basis).toEqual(["fixed", "per-use"]);
    expect(item.note).toMatch(/keeps 1 × Standard_NC6s_v3 running/);
    expect(item.note).toMatch(/low-priority core quota/);
  });

  it("lists an instance without idle shutdown as a standing charge and one with it as per use", () => {
    const items = computeIdleItems({
      instances: [
        { name: "ci-a", vmSize: "Standard_DS3_v2" },
        { name: "ci-b", vmSize: "Standard_DS3_v2", idleTimeBeforeShutdown: false },
      ],
    });
    expect(items.map((i) => i.basis)).toEqual([["per-use"], ["fixed"]]);
    expect(items[0].note).toMatch(/stops after PT60M idle/);
    expect(computeIdleItems(undefined)).toEqual([]);
  });
});
