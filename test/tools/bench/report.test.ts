import { buildReport, BenchInput } from "../../../tools/bench/report";
import { formatTable, renderTable } from "../../../tools/bench/table";
import type { PreviewSample, Sample } from "../../../tools/bench/measure";

const usage = (cpuMs: number, peakRssMb: number, processes = 1) => ({ processes, cpuMs, peakRssMb });
const sample = (wallMs: number, extra: Partial<PreviewSample> = {}): PreviewSample => ({
  wallMs,
  byProcess: { host: usage(wallMs / 2, 100), worker: usage(wallMs, 200, 2), pack: usage(wallMs / 2, 50), other: usage(0, 1) },
  peakRssMb: 300,
  sumOfPeaksMb: 350,
  cpuMs: 2 * wallMs,
  loadAverage: 0.5,
  resources: 37,
  violations: 3,
  loadMs: 400,
  runMs: 200,
  policyMs: 100,
  ...extra,
});
const load = (wallMs: number): Sample => ({ wallMs, peakRssMb: 600, sumOfPeaksMb: 600, cpuMs: wallMs, loadAverage: 0.4 });
const chain = (...names: string[]) => ({
  nodes: names.length,
  edges: Math.max(0, names.length - 1),
  chain: names.map((n) => `urn:pulumi:s::p::t::${n}`),
});

const input: BenchInput = {
  cases: [
    { name: "bench-10", workspaces: 10, projects: 10, samples: [sample(1200), sample(1000), sample(1100)] },
    { name: "bench-100", workspaces: 100, projects: 100, samples: [sample(3000, { peakRssMb: 650 }), sample(2500, { peakRssMb: 640 })] },
  ],
  criticalPaths: {
    dedicated: chain("rg", "log", "appi", "mlw", "ra"),
    shared: chain("rg", "mlw", "ra"),
    hubProject: chain("rg", "log", "appi", "hub", "prj", "ra"),
  },
  baseline: {
    stack: "team-b",
    typecheck: [load(10000), load(12000), load(11000)],
    transpile: [load(2000)],
    preview: [sample(2500), sample(2000), sample(3000)],
    floor: [load(4000)],
    floorModules: ["@pulumi/azure-native/storage"],
  },
  machine: { cpus: 2, cpuModel: "test", memoryGb: 4, node: "v20", platform: "linux", loadAverageStart: 0.5, loadAverageEnd: 0.7 },
};

describe("buildReport", () => {
  const report = buildReport(input);

  it("has the contract's keys and number types (the JSON form of npm run bench -- --json)", () => {
    const json = JSON.parse(JSON.stringify(report));
    for (const c of json.cases) {
      expect(typeof c.name).toBe("string");
      for (const key of ["workspaces", "resources", "wallMs", "peakRssMb"]) expect(typeof c[key]).toBe("number");
    }
    for (const key of ["dedicated", "shared", "hubProject"]) expect(typeof json.criticalPath[key]).toBe("number");
    for (const key of ["tsNodeTypecheckMs", "tsNodeTranspileMs", "offlinePreviewMs"]) expect(typeof json.baseline[key]).toBe("number");
  });

  it("reports medians of the runs, with the spread", () => {
    expect(report.cases[0]).toMatchObject({
      name: "bench-10",
      workspaces: 10,
      wallMs: 1100,
      wallMsMin: 1000,
      wallMsMax: 1200,
      runs: 3,
      cpuMs: 2200,
    });
    expect(report.cases[1]).toMatchObject({ wallMs: 2750, peakRssMb: 645, runs: 2 });
    expect(report.baseline).toMatchObject({
      tsNodeTypecheckMs: 11000,
      tsNodeTranspileMs: 2000,
      offlinePreviewMs: 2500,
      previewToTypecheckRatio: 0.23,
      floorCpuMs: 4000,
      previewToFloorCpuRatio: 1.25,
    });
  });

  it("splits CPU and peak memory by kind of process: medians per case and for the baseline", () => {
    expect(report.cases[0].byProcess).toEqual({
      host: usage(550, 100),
      worker: usage(1100, 200, 2),
      pack: usage(550, 50),
      other: usage(0, 1),
    });
    const skewed = buildReport({
      ...input,
      baseline: { ...input.baseline, preview: [sample(2000, { byProcess: { ...sample(2000).byProcess, pack: usage(9000, 700) } })] },
    });
    expect(skewed.baseline.offlinePreviewByProcess.pack).toEqual(usage(9000, 700));
    expect(report.baseline.offlinePreviewByProcess.worker).toEqual(usage(2500, 200, 2));
  });

  it("counts the critical path in nodes and names the chain", () => {
    expect(report.criticalPath).toMatchObject({ dedicated: 5, shared: 3, hubProject: 6, unit: "nodes" });
    expect(report.criticalPath.chains.shared).toEqual(["rg", "mlw", "ra"]);
  });

  it("checks the targets", () => {
    const met = Object.fromEntries(report.targets.map((t) => [t.name, t.met]));
    expect(met).toMatchObject({
      "100 workspaces: wall ms": true,
      "100 workspaces: peak RSS MB": true,
      "t(100) / t(10)": true,
      "preview of team-b / ts-node type-checked load": true,
      "preview of team-b / floor, CPU": true,
      "critical path, dedicated workspace (nodes)": true,
    });
    const slow = buildReport({ ...input, cases: [input.cases[0], { ...input.cases[1], samples: [sample(14000)] }] });
    expect(slow.targets.filter((t) => !t.met).map((t) => t.name)).toEqual(["100 workspaces: wall ms", "t(100) / t(10)"]);
  });

  it("renders every section as a table", () => {
    const text = renderTable(report);
    expect(text).toContain("bench-100");
    expect(text).toMatch(/dedicated workspace\s+5\s+rg -> log -> appi -> mlw -> ra/);
    expect(text).toMatch(/ts-node, type-check \(Pulumi CLI default\)\s+11000/);
    expect(text).toContain("load average (1 min) 0.5 at start, 0.7 at end");
    expect(text).toMatch(/case\s+host CPU ms\s+worker CPU ms\s+pack CPU ms\s+other CPU ms\s+host MB\s+worker MB\s+pack MB/);
    expect(text).toMatch(/bench-10\s+550\s+1100\s+550\s+0\s+100\s+200\s+50\n/);
    expect(text).toMatch(/team-b \(baseline\)\s+1250\s+2500\s+1250\s+0\s+100\s+200\s+50\n/);
  });
});

describe("formatTable", () => {
  it("right-aligns number columns and left-aligns text", () => {
    expect(
      formatTable(
        ["name", "n"],
        [
          ["a", 1],
          ["bbb", 100],
        ],
      ).split("\n"),
    ).toEqual(["name    n", "----  ---", "a       1", "bbb   100"]);
  });
});
