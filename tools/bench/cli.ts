/**
 * `npm run bench [-- --json]`: the offline preview's speed and memory on generated stacks of 1, 10, 100 and 1000
 * workspaces, the critical path of `pulumi up` for three shapes, and for comparison the floor (node, @pulumi/pulumi
 * and the program's azure-native submodules) and the ts-node load of the same program, in one run. Progress goes to stderr; the table (or the JSON document) to stdout.
 */
import { BENCH_USAGE, BenchArgs, parseBenchArgs } from "./args";
import { writeBenchProject, REPO_ROOT } from "./benchProject";
import {
  CRITICAL_PATH_CASES,
  CriticalPathCase,
  criticalPathConfig,
  criticalPathStackName,
  RawStackConfig,
  scalingConfig,
  scalingStackName,
} from "./configGen";
import { criticalPath, CriticalPath } from "./criticalPath";
import { loadAverage, machineInfo } from "./machine";
import { measureFloor, measurePreview, measureProgramLoad, PreviewSample, programSubmodules, Sample } from "./measure";
import { BenchInput as CaseInputs, buildReport, CaseInput } from "./report";
import { renderTable } from "./table";

const progress = (message: string) => process.stderr.write(`bench: ${message} (load average ${loadAverage()})\n`);

async function criticalPaths(projectDir: string): Promise<Record<CriticalPathCase, CriticalPath>> {
  progress("recording the graphs of a dedicated workspace, a workspace on shared resources and a hub with a project");
  const stacks = CRITICAL_PATH_CASES.map(criticalPathStackName);
  const { result } = await measurePreview(projectDir, stacks, false);
  const paths = {} as Record<CriticalPathCase, CriticalPath>;
  for (const shape of CRITICAL_PATH_CASES) {
    const stack = result.stacks.find((s) => s.stack === criticalPathStackName(shape));
    if (!stack) throw new Error(`the preview did not return stack ${criticalPathStackName(shape)}`);
    paths[shape] = criticalPath(stack.resources);
  }
  return paths;
}

/** Rounds over the sizes, so a change in the machine's load hits every size alike. */
async function scalingCases(projectDir: string, args: BenchArgs): Promise<CaseInput[]> {
  const cases = args.sizes.map((n) => ({ name: scalingStackName(n), workspaces: n, projects: n, samples: [] as PreviewSample[] }));
  // 1000 workspaces and more: once (a minute each on a busy machine).
  const runsFor = (n: number) => (n >= 1000 ? 1 : n >= 100 ? args.largeRuns : args.runs);
  const rounds = Math.max(...args.sizes.map(runsFor));
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) {
      if (round >= runsFor(c.workspaces)) continue;
      progress(`${c.name}: run ${round + 1} of ${runsFor(c.workspaces)}`);
      c.samples.push((await measurePreview(projectDir, [c.name])).sample);
    }
  }
  return cases;
}

async function baseline(args: BenchArgs): Promise<CaseInputs["baseline"]> {
  const floorModules = programSubmodules();
  const result = {
    stack: args.baselineStack,
    typecheck: [] as Sample[],
    transpile: [] as Sample[],
    preview: [] as PreviewSample[],
    floor: [] as Sample[],
    floorModules,
  };
  for (let round = 0; round < args.runs; round++) {
    progress(
      `baseline: the floor (node, @pulumi/pulumi, ${floorModules.length} azure-native submodules), run ${round + 1} of ${args.runs}`,
    );
    result.floor.push(await measureFloor(floorModules));
    progress(`baseline: ts-node type-checked load, run ${round + 1} of ${args.runs}`);
    result.typecheck.push(await measureProgramLoad("typecheck"));
    progress(`baseline: ts-node transpile-only load, run ${round + 1} of ${args.runs}`);
    result.transpile.push(await measureProgramLoad("transpile"));
    progress(`baseline: offline preview of ${args.baselineStack}, run ${round + 1} of ${args.runs}`);
    result.preview.push((await measurePreview(REPO_ROOT, [args.baselineStack])).sample);
  }
  return result;
}

async function main(argv: string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message.split("\n")[0]} (${BENCH_USAGE})\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  const machine = { ...machineInfo(), loadAverageStart: loadAverage(), loadAverageEnd: 0 };
  const stacks: Record<string, RawStackConfig> = {};
  for (const n of args.sizes) stacks[scalingStackName(n)] = scalingConfig(n);
  for (const shape of CRITICAL_PATH_CASES) stacks[criticalPathStackName(shape)] = criticalPathConfig(shape);
  const project = writeBenchProject(stacks);
  if (args.keep) process.stderr.write(`bench: generated project in ${project.dir}\n`);
  try {
    // Untimed: fills the transpile caches (program and pack) that every later preview reads.
    progress("warming up");
    await measurePreview(project.dir, [scalingStackName(args.sizes[0])]);
    await measurePreview(REPO_ROOT, [args.baselineStack]);
    const paths = await criticalPaths(project.dir);
    const cases = await scalingCases(project.dir, args);
    const base = await baseline(args);
    machine.loadAverageEnd = loadAverage();
    const report = buildReport({ cases, criticalPaths: paths, baseline: base, machine });
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : renderTable(report));
    return 0;
  } finally {
    if (!args.keep) project.remove();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}\n`);
    process.exit(2);
  },
);
