import { idleCostSections, renderIdleCostsText } from "../../../../tools/preview/report/idleCosts";

const outputs = {
  workspaces: {
    "team-a": {
      workspaceId: "/x",
      idleCosts: { items: [{ resource: "containerRegistry", ownership: "dedicated", basis: ["fixed"], note: "daily fee" }], notes: [] },
    },
  },
  hubs: { research: { projects: {}, idleCosts: { items: [{ resource: "storage", ownership: "shared", note: "data kept" }] } } },
  storageAccountId: "/subscriptions/x",
};

it("finds every workspace's idle-cost list in the stack outputs", () => {
  expect(idleCostSections(outputs)).toEqual([
    { owner: "workspaces.team-a", items: [{ resource: "containerRegistry", ownership: "dedicated", note: "daily fee" }] },
    { owner: "hubs.research", items: [{ resource: "storage", ownership: "shared", note: "data kept" }] },
  ]);
});

it("renders nothing for a program that reports no idle costs", () => {
  expect(renderIdleCostsText({ url: "x", nested: { deeper: { idle: 1 } } })).toEqual([]);
  expect(renderIdleCostsText(outputs)[0]).toBe("Bills while idle:");
  expect(renderIdleCostsText(outputs)).toContain("        containerRegistry (dedicated): daily fee");
});

it("renders markdown rows with escaped cells and the pricing link", async () => {
  const { idleCostMarkdownRows } = await import("../../../../tools/preview/report/idleCosts");
  const { escapeCell } = await import("../../../../tools/preview/report/markdown");
  const item = {
    resource: "storage",
    ownership: "shared",
    note: "a | b",
    pricing: "https://azure.microsoft.com/pricing/details/storage/blobs/",
  };
  const lines = idleCostMarkdownRows({ workspaces: { a: { idleCosts: { items: [item] } } } }, escapeCell);
  expect(lines).toEqual([
    "| workspaces.a | storage | shared | a \\| b ([prices](https://azure.microsoft.com/pricing/details/storage/blobs/)) |",
  ]);
  expect(idleCostMarkdownRows({}, escapeCell)).toEqual([]);
});
