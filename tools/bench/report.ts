/**
 * The benchmark's result: the JSON document (`--json`, a contract: fields may be added, never renamed or dropped)
 * and the table. Pure: measurements in, document and text out.
 */
import type { CriticalPathCase } from "./configGen";
import type { CriticalPath } from "./criticalPath";
import type { MachineInfo } from "./machine";
import type { PreviewSample, Sample } from "./measure";
import { PREVIEW_PROCESSES, type PreviewProcess } from "./previewProcesses";
import type { RoleUsage } from "./processTree";
import { median, spread } from "./stats";

export interface CaseInput {
  name: string;
  workspaces: number;
  projects: number;
  samples: PreviewSample[];
}

export interface BenchInput {
  cases: CaseInput[];
  criticalPaths: Record<CriticalPathCase, CriticalPath>;
  baseline: { stack: string; typecheck: Sample[]; transpile: Sample[]; preview: PreviewSample[]; floor: Sample[]; floorModules: string[] };
  machine: MachineInfo & { loadAverageStart: number; loadAverageEnd: number };
}

export interface BenchCase {
  name: string;
  workspaces: number;
  resources: number;
  wallMs: number;
  peakRssMb: number;
  projects: number;
  runs: number;
  wallMsMin: number;
  wallMsMax: number;
  sumOfPeaksMb: number;
  cpuMs: number;
  loadMs: number;
  runMs: number;
  policyMs: number;
  violations: number;
  loadAverages: number[];
  /** Per kind of process (host, worker, pack, other): medians of its CPU, its peak memory and its process count. */
  byProcess: Record<PreviewProcess, RoleUsage>;
}

export interface Target {
  name: string;
  value: number;
  limit: number;
  met: boolean;
}

export interface BenchReport {
  cases: BenchCase[];
  criticalPath: { dedicated: number; shared: number; hubProject: number; unit: "nodes"; chains: Record<CriticalPathCase, string[]> };
  baseline: {
    tsNodeTypecheckMs: number;
    tsNodeTranspileMs: number;
    offlinePreviewMs: number;
    stack: string;
    runs: number;
    previewToTypecheckRatio: number;
    tsNodeTypecheckPeakRssMb: number;
    tsNodeTranspilePeakRssMb: number;
    offlinePreviewPeakRssMb: number;
    offlinePreviewLoadMs: number;
    tsNodeTypecheckCpuMs: number;
    tsNodeTranspileCpuMs: number;
    offlinePreviewCpuMs: number;
    offlinePreviewByProcess: Record<PreviewProcess, RoleUsage>;
    loadAverages: number[];
    /** node + @pulumi/pulumi + the program's azure-native submodules (`floorModules`), measured in the same run. */
    floorMs: number;
    floorCpuMs: number;
    floorPeakRssMb: number;
    floorModules: string[];
    previewToFloorRatio: number;
    previewToFloorCpuRatio: number;
  };
  targets: Target[];
  machine: BenchInput["machine"];
}

const medianOf = <T>(samples: readonly T[], pick: (s: T) => number) => median(samples.map(pick));
/** Medians of each kind of process's usage over the samples. */
const byProcess = (samples: readonly PreviewSample[]) =>
  Object.fromEntries(
    PREVIEW_PROCESSES.map((p) => [
      p,
      {
        processes: medianOf(samples, (s) => s.byProcess[p].processes),
        cpuMs: medianOf(samples, (s) => s.byProcess[p].cpuMs),
        peakRssMb: medianOf(samples, (s) => s.byProcess[p].peakRssMb),
      },
    ]),
  ) as Record<PreviewProcess, RoleUsage>;
/** The name part of a URN, for chains a reader can follow. */
const urnName = (urn: string) => urn.split("::").slice(3).join("::");

function benchCase(input: CaseInput): BenchCase {
  const wall = spread(input.samples.map((s) => s.wallMs));
  return {
    name: input.name,
    workspaces: input.workspaces,
    resources: medianOf(input.samples, (s) => s.resources),
    wallMs: wall.median,
    peakRssMb: medianOf(input.samples, (s) => s.peakRssMb),
    projects: input.projects,
    runs: input.samples.length,
    wallMsMin: wall.min,
    wallMsMax: wall.max,
    sumOfPeaksMb: medianOf(input.samples, (s) => s.sumOfPeaksMb),
    cpuMs: medianOf(input.samples, (s) => s.cpuMs),
    loadMs: medianOf(input.samples, (s) => s.loadMs),
    runMs: medianOf(input.samples, (s) => s.runMs),
    policyMs: medianOf(input.samples, (s) => s.policyMs),
    violations: medianOf(input.samples, (s) => s.violations),
    loadAverages: input.samples.map((s) => s.loadAverage),
    byProcess: byProcess(input.samples),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const target = (name: string, value: number, limit: number): Target => ({ name, value: round2(value), limit, met: value <= limit });

/** The brief's targets, for the cases that were run. */
function targets(cases: BenchCase[], criticalPath: BenchReport["criticalPath"], baseline: BenchReport["baseline"]): Target[] {
  const bySize = new Map(cases.map((c) => [c.workspaces, c]));
  const list: Target[] = [];
  const large = bySize.get(100);
  if (large) list.push(target("100 workspaces: wall ms", large.wallMs, 3000), target("100 workspaces: peak RSS MB", large.peakRssMb, 700));
  const ten = bySize.get(10);
  if (large && ten) list.push(target("t(100) / t(10)", large.wallMs / ten.wallMs, 12));
  const huge = bySize.get(1000);
  if (huge) list.push(target("1000 workspaces: wall ms", huge.wallMs, 30000), target("1000 workspaces: peak RSS MB", huge.peakRssMb, 1536));
  // Linear: ten times the workspaces costs at most ten times the CPU above the fixed start-up (the floor).
  if (huge && large) list.push(target("CPU(1000) / CPU(100)", huge.cpuMs / large.cpuMs, 12));
  list.push(target(`preview of ${baseline.stack} / ts-node type-checked load`, baseline.previewToTypecheckRatio, 0.3));
  list.push(target(`preview of ${baseline.stack} / floor, CPU`, baseline.previewToFloorCpuRatio, 1.3));
  list.push(
    target("critical path, dedicated workspace (nodes)", criticalPath.dedicated, 5),
    target("critical path, workspace on shared resources (nodes)", criticalPath.shared, 3),
    target("critical path, hub with a project (nodes)", criticalPath.hubProject, 6),
  );
  return list;
}

export function buildReport(input: BenchInput): BenchReport {
  const cases = input.cases.map(benchCase);
  const paths = input.criticalPaths;
  const criticalPath: BenchReport["criticalPath"] = {
    dedicated: paths.dedicated.nodes,
    shared: paths.shared.nodes,
    hubProject: paths.hubProject.nodes,
    unit: "nodes",
    chains: {
      dedicated: paths.dedicated.chain.map(urnName),
      shared: paths.shared.chain.map(urnName),
      hubProject: paths.hubProject.chain.map(urnName),
    },
  };
  const { typecheck, transpile, preview, floor } = input.baseline;
  const typecheckMs = medianOf(typecheck, (s) => s.wallMs);
  const previewMs = medianOf(preview, (s) => s.wallMs);
  const baseline: BenchReport["baseline"] = {
    tsNodeTypecheckMs: typecheckMs,
    tsNodeTranspileMs: medianOf(transpile, (s) => s.wallMs),
    offlinePreviewMs: previewMs,
    stack: input.baseline.stack,
    runs: Math.min(typecheck.length, transpile.length, preview.length),
    previewToTypecheckRatio: round2(previewMs / typecheckMs),
    tsNodeTypecheckPeakRssMb: medianOf(typecheck, (s) => s.peakRssMb),
    tsNodeTranspilePeakRssMb: medianOf(transpile, (s) => s.peakRssMb),
    offlinePreviewPeakRssMb: medianOf(preview, (s) => s.peakRssMb),
    offlinePreviewLoadMs: medianOf(preview, (s) => s.loadMs),
    tsNodeTypecheckCpuMs: medianOf(typecheck, (s) => s.cpuMs),
    tsNodeTranspileCpuMs: medianOf(transpile, (s) => s.cpuMs),
    offlinePreviewCpuMs: medianOf(preview, (s) => s.cpuMs),
    offlinePreviewByProcess: byProcess(preview),
    loadAverages: [...typecheck, ...transpile, ...preview].map((s) => s.loadAverage),
    floorMs: medianOf(floor, (s) => s.wallMs),
    floorCpuMs: medianOf(floor, (s) => s.cpuMs),
    floorPeakRssMb: medianOf(floor, (s) => s.peakRssMb),
    floorModules: input.baseline.floorModules,
    previewToFloorRatio: round2(previewMs / medianOf(floor, (s) => s.wallMs)),
    previewToFloorCpuRatio: round2(medianOf(preview, (s) => s.cpuMs) / medianOf(floor, (s) => s.cpuMs)),
  };
  return { cases, criticalPath, baseline, targets: targets(cases, criticalPath, baseline), machine: input.machine };
}
