/**
 * The measured commands: the offline preview exactly as `npm run preview` starts it (`node tools/preview/bin.js`,
 * without npm's own start-up), and the baseline program loads (`loadProgram.js`).
 */
import * as fs from "fs";
import * as path from "path";
import type { PreviewResult } from "../preview/shared/types";
import { REPO_ROOT } from "./benchProject";
import { loadAverage } from "./machine";
import { PREVIEW_PROCESSES, type PreviewProcess, previewProcess } from "./previewProcesses";
import { type RoleUsage, runMeasured } from "./processTree";
import { firstLine } from "../../components/configIssues";

const PREVIEW_CLI = path.join(REPO_ROOT, "tools/preview/bin.js");
const LOAD_PROGRAM = path.join(__dirname, "loadProgram.js");
const FLOOR = path.join(__dirname, "floor.js");
/** The bundled program's modules: the entry and the module with the components (which the entry may import lazily). */
export const PROGRAM_MODULES = ["stacks/index.ts", "stacks/program.ts"].map((m) => path.join(REPO_ROOT, m));

export interface Sample {
  wallMs: number;
  peakRssMb: number;
  sumOfPeaksMb: number;
  cpuMs: number;
  /** 1-minute load average just before the run. */
  loadAverage: number;
}

export interface PreviewSample extends Sample {
  /** CPU and peak memory of each kind of process (all four keys, zero when none ran). */
  byProcess: Record<PreviewProcess, RoleUsage>;
  resources: number;
  violations: number;
  /** Sums over the previewed stacks of the preview's own `timings`. */
  loadMs: number;
  runMs: number;
  policyMs: number;
}

/** One offline preview (JSON) of `stacks` of the project in `projectDir`; fails on a failed stack. */
export async function measurePreview(
  projectDir: string,
  stacks: string[],
  policy = true,
): Promise<{ sample: PreviewSample; result: PreviewResult }> {
  const args = [PREVIEW_CLI, "--cwd", projectDir, ...stacks.flatMap((s) => ["--stack", s]), "--format", "json"];
  if (!policy) args.push("--no-policy");
  const load = loadAverage();
  const run = await runMeasured(process.execPath, args, { cwd: REPO_ROOT, roleOf: previewProcess });
  // Exit 1 is a mandatory violation: a finished preview all the same.
  if (run.code !== 0 && run.code !== 1) {
    throw new Error(`preview of ${stacks.join(", ")} exited with ${run.code}: ${firstLine(run.stderr) || "no message"}`);
  }
  const result = JSON.parse(run.stdout) as PreviewResult;
  const failed = result.stacks.find((s) => s.error !== undefined);
  if (failed) throw new Error(`preview of ${failed.stack} failed: ${failed.error}`);
  // A renamed entry file would otherwise move a process's time to "other" without a word.
  const missing = (policy ? ["worker", "pack"] : ["worker"]).filter((p) => !run.byRole[p]);
  if (missing.length > 0)
    throw new Error(`preview of ${stacks.join(", ")}: no ${missing.join(" or ")} process recognised (previewProcess)`);
  const total = (pick: (t: { loadMs: number; runMs: number; policyMs?: number }) => number | undefined) =>
    result.stacks.reduce((sum, s) => sum + (s.timings ? (pick(s.timings) ?? 0) : 0), 0);
  return {
    result,
    sample: {
      wallMs: run.wallMs,
      peakRssMb: run.peakRssMb,
      sumOfPeaksMb: run.sumOfPeaksMb,
      cpuMs: run.cpuMs,
      loadAverage: load,
      byProcess: Object.fromEntries(
        PREVIEW_PROCESSES.map((p) => [p, run.byRole[p] ?? { processes: 0, cpuMs: 0, peakRssMb: 0 }]),
      ) as PreviewSample["byProcess"],
      resources: result.stacks.reduce((sum, s) => sum + s.resources.length, 0),
      violations: result.stacks.reduce((sum, s) => sum + s.violations.length, 0),
      loadMs: total((t) => t.loadMs),
      runMs: total((t) => t.runMs),
      policyMs: total((t) => t.policyMs),
    },
  };
}

/** Loads the bundled program's modules through ts-node in a fresh process, type-checking or transpile-only. */
export async function measureProgramLoad(mode: "typecheck" | "transpile"): Promise<Sample> {
  const modules = PROGRAM_MODULES.filter((m) => fs.existsSync(m));
  const load = loadAverage();
  const run = await runMeasured(process.execPath, [LOAD_PROGRAM, mode, REPO_ROOT, ...modules], { cwd: REPO_ROOT });
  if (run.code !== 0) throw new Error(`ts-node ${mode} load of the program failed: ${firstLine(run.stderr) || `exit ${run.code}`}`);
  return { wallMs: run.wallMs, peakRssMb: run.peakRssMb, sumOfPeaksMb: run.sumOfPeaksMb, cpuMs: run.cpuMs, loadAverage: load };
}

/** The azure-native submodules the bundled program imports (read from its sources, so the floor follows the program). */
export function programSubmodules(): string[] {
  const found = new Set<string>();
  for (const dir of ["stacks", "components"].map((d) => path.join(REPO_ROOT, d))) {
    for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"))) {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      for (const [, m] of text.matchAll(/from "(@pulumi\/azure-native\/[a-z0-9]+)"/g)) found.add(m);
    }
  }
  return [...found].sort();
}

/** The floor: node loading @pulumi/pulumi and the program's azure-native submodules, in a fresh process. */
export async function measureFloor(modules: string[]): Promise<Sample> {
  const load = loadAverage();
  const run = await runMeasured(process.execPath, [FLOOR, REPO_ROOT, ...modules], { cwd: REPO_ROOT });
  if (run.code !== 0) throw new Error(`the floor load failed: ${firstLine(run.stderr) || `exit ${run.code}`}`);
  return { wallMs: run.wallMs, peakRssMb: run.peakRssMb, sumOfPeaksMb: run.sumOfPeaksMb, cpuMs: run.cpuMs, loadAverage: load };
}
