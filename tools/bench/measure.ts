/**
 * The measured commands: the offline preview exactly as `npm run preview` starts it (`ts-node -T
 * tools/preview/cli.ts`, without npm's own start-up), and the baseline program loads (`loadProgram.js`).
 */
import * as fs from "fs";
import * as path from "path";
import type { PreviewResult } from "../preview/types";
import { REPO_ROOT } from "./benchProject";
import { loadAverage } from "./machine";
import { runMeasured } from "./processTree";
import { firstLine } from "../../components/configIssues";

const TS_NODE_BIN = require.resolve("ts-node/dist/bin.js", { paths: [REPO_ROOT] });
const PREVIEW_CLI = path.join(REPO_ROOT, "tools/preview/cli.ts");
const LOAD_PROGRAM = path.join(__dirname, "loadProgram.js");
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
  const args = [TS_NODE_BIN, "-T", PREVIEW_CLI, "--cwd", projectDir, ...stacks.flatMap((s) => ["--stack", s]), "--format", "json"];
  if (!policy) args.push("--no-policy");
  const load = loadAverage();
  const run = await runMeasured(process.execPath, args, { cwd: REPO_ROOT });
  // Exit 1 is a mandatory violation: a finished preview all the same.
  if (run.code !== 0 && run.code !== 1) {
    throw new Error(`preview of ${stacks.join(", ")} exited with ${run.code}: ${firstLine(run.stderr) || "no message"}`);
  }
  const result = JSON.parse(run.stdout) as PreviewResult;
  const failed = result.stacks.find((s) => s.error !== undefined);
  if (failed) throw new Error(`preview of ${failed.stack} failed: ${failed.error}`);
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
