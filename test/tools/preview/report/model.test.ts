import { escapeCell } from "../../../../tools/preview/report/markdown";
import { renderMarkdown } from "../../../../tools/preview/report/markdownReport";
import { resourceOf, stackViews } from "../../../../tools/preview/report/model";
import { renderText } from "../../../../tools/preview/report/text";
import type { WithReplacements } from "../../../../tools/preview/host/replacements";
import type { StackResult } from "../../../../tools/preview/shared/types";
import { fakeStack } from "../policy/fakeStack";

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
const withOutputs = (o: Record<string, unknown>): StackResult => ({ ...fakeStack([]), outputs: o });
const section = (stack: StackResult, title: string) => stackViews({ stacks: [stack] })[0].sections.find((s) => s.title.startsWith(title));

describe("idle costs", () => {
  it("finds every workspace's idle-cost list in the stack outputs", () => {
    expect(section(withOutputs(outputs), "Bills while idle")?.rows.map((r) => r.cells)).toEqual([
      ["workspaces.team-a", "containerRegistry", "dedicated", "daily fee"],
      ["hubs.research", "storage", "shared", "data kept"],
    ]);
  });

  it("renders nothing for a program that reports no idle costs, and a list per workspace in text", () => {
    expect(section(withOutputs({ url: "x", nested: { deeper: { idle: 1 } } }), "Bills while idle")).toBeUndefined();
    const text = renderText({ stacks: [withOutputs(outputs)] });
    expect(text).toContain(
      "Bills while idle:\n    workspaces.team-a\n        containerRegistry (dedicated): daily fee\n    hubs.research\n",
    );
  });

  it("renders markdown rows with escaped cells and the pricing link", () => {
    const item = {
      resource: "storage",
      ownership: "shared",
      note: "a | b",
      pricing: "https://azure.microsoft.com/pricing/details/storage/blobs/",
    };
    const md = renderMarkdown({ stacks: [withOutputs({ workspaces: { a: { idleCosts: { items: [item] } } } })] });
    expect(md).toContain(
      "| workspaces.a | storage | shared | a \\| b ([prices](https://azure.microsoft.com/pricing/details/storage/blobs/)) |",
    );
    expect(escapeCell("a | b")).toBe("a \\| b");
  });
});

describe("the --base comparison", () => {
  const replaced: WithReplacements = {
    ...withOutputs({}),
    replacements: [
      {
        urn: "u::st",
        type: "azure-native:storage:StorageAccount",
        name: "st",
        change: "replace" as const,
        properties: [{ name: "location", before: "westeurope", after: "northeurope" }],
      },
      { urn: "u::kv", type: "azure-native:keyvault:Vault", name: "kv", change: "delete" as const, properties: [] },
    ],
  };

  it("lists each stateful resource replaced or deleted, in text and markdown", () => {
    expect(renderText({ stacks: [replaced] })).toContain(
      "Compared with --base: 2 stateful resource(s) replaced or deleted:\n" +
        '    replaces azure-native:storage:StorageAccount st (location: "westeurope" -> "northeurope")\n' +
        "    deletes azure-native:keyvault:Vault kv\n",
    );
    expect(renderMarkdown({ stacks: [replaced] })).toContain(
      '| replaces | azure-native:storage:StorageAccount st | location: "westeurope" -&gt; "northeurope" |',
    );
  });

  it("says when nothing is replaced or the base failed, and nothing without --base", () => {
    expect(renderText({ stacks: [{ ...replaced, replacements: [] } as WithReplacements] })).toContain(
      "Compared with --base: no stateful resource is replaced or deleted\n",
    );
    expect(renderMarkdown({ stacks: [{ ...replaced, baseError: "config x: bad" } as WithReplacements] })).toContain(
      "checks/dev: Compared with --base: the base config failed: config x: bad",
    );
    expect(renderText({ stacks: [withOutputs({})] })).not.toContain("--base");
  });
});

it("names a violation's resource from its URN, and the stack for an empty one", () => {
  expect(resourceOf("urn:pulumi:dev::p::acme:Hub$azure-native:storage:StorageAccount::st")).toEqual({
    type: "azure-native:storage:StorageAccount",
    name: "st",
  });
  expect(resourceOf("")).toEqual({ type: "", name: "(stack)" });
});
