/** The benchmark report as text tables (pure). */
import type { BenchCase, BenchReport } from "./report";

/** Columns of numbers are right-aligned, all others left-aligned. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === "number"));
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

const loads = (values: number[]) => values.map((v) => v.toFixed(2)).join(" ");

/** A row of the by-process table: CPU of each kind of process, then the peak memory of the three that matter. */
const processRow = (name: string, p: BenchCase["byProcess"]) => [
  name,
  p.host.cpuMs,
  p.worker.cpuMs,
  p.pack.cpuMs,
  p.other.cpuMs,
  p.host.peakRssMb,
  p.worker.peakRssMb,
  p.pack.peakRssMb,
];

export function renderTable(report: BenchReport): string {
  const m = report.machine;
  const out: string[] = [];
  out.push(
    `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}, ${m.platform}; load average (1 min) ${m.loadAverageStart} at start, ${m.loadAverageEnd} at end`,
  );
  out.push("");
  out.push("Offline preview with the policy pack (medians; wall and memory of the whole process tree: CLI, workers, pack)");
  out.push(
    formatTable(
      [
        "case",
        "workspaces",
        "projects",
        "resources",
        "runs",
        "wall ms",
        "min-max ms",
        "CPU ms",
        "peak RSS MB",
        "sum of peaks MB",
        "load ms",
        "run ms",
        "policy ms",
        "load avg",
      ],
      report.cases.map((c) => [
        c.name,
        c.workspaces,
        c.projects,
        c.resources,
        c.runs,
        c.wallMs,
        `${c.wallMsMin}-${c.wallMsMax}`,
        c.cpuMs,
        c.peakRssMb,
        c.sumOfPeaksMb,
        c.loadMs,
        c.runMs,
        c.policyMs,
        loads(c.loadAverages),
      ]),
    ),
  );
  out.push("");
  out.push("By process (medians): the CLI (host), the stack workers, the policy pack, anything else (reaper shell, esbuild)");
  out.push(
    formatTable(
      ["case", "host CPU ms", "worker CPU ms", "pack CPU ms", "other CPU ms", "host MB", "worker MB", "pack MB"],
      [
        ...report.cases.map((c) => processRow(c.name, c.byProcess)),
        processRow(`${report.baseline.stack} (baseline)`, report.baseline.offlinePreviewByProcess),
      ],
    ),
  );
  out.push("");
  const cp = report.criticalPath;
  out.push("Critical path: custom resources on the longest chain of dependent operations (nodes; edges = nodes - 1)");
  out.push(
    formatTable(
      ["shape", "nodes", "chain"],
      [
        ["dedicated workspace", cp.dedicated, cp.chains.dedicated.join(" -> ")],
        ["workspace on shared resources", cp.shared, cp.chains.shared.join(" -> ")],
        ["hub with a project", cp.hubProject, cp.chains.hubProject.join(" -> ")],
      ],
    ),
  );
  out.push("");
  const b = report.baseline;
  out.push(`Baseline: the program's modules loaded in a fresh process vs the offline preview of '${b.stack}' (medians of ${b.runs})`);
  out.push(
    formatTable(
      ["what", "wall ms", "CPU ms", "peak RSS MB"],
      [
        ["ts-node, type-check (Pulumi CLI default)", b.tsNodeTypecheckMs, b.tsNodeTypecheckCpuMs, b.tsNodeTypecheckPeakRssMb],
        ["ts-node, transpile-only", b.tsNodeTranspileMs, b.tsNodeTranspileCpuMs, b.tsNodeTranspilePeakRssMb],
        [`floor: node, @pulumi/pulumi, ${b.floorModules.length} azure-native submodules`, b.floorMs, b.floorCpuMs, b.floorPeakRssMb],
        [
          `offline preview of ${b.stack}, with policies (program load ${b.offlinePreviewLoadMs} ms)`,
          b.offlinePreviewMs,
          b.offlinePreviewCpuMs,
          b.offlinePreviewPeakRssMb,
        ],
      ],
    ),
  );
  out.push(`preview / floor: ${b.previewToFloorRatio} (wall), ${b.previewToFloorCpuRatio} (CPU)`);
  out.push(`load averages: ${loads(b.loadAverages)}`);
  out.push("");
  out.push("Targets");
  out.push(
    formatTable(
      ["target", "value", "limit", "met"],
      report.targets.map((t) => [t.name, t.value, t.limit, t.met ? "yes" : "NO"]),
    ),
  );
  return `${out.join("\n")}\n`;
}
