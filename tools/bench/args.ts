/** Command-line arguments of `npm run bench` (pure). */
import { parseArgs } from "util";

export const BENCH_USAGE =
  "usage: npm run bench -- [--json] [--runs N] [--large-runs N] [--sizes 1,10,100,1000] [--baseline-stack NAME] [--keep]";

export interface BenchArgs {
  json: boolean;
  /** Repetitions of every measurement (the median is reported). */
  runs: number;
  /** Repetitions for cases of 100 to 999 workspaces (1000 and more run once). */
  largeRuns: number;
  /** Workspaces (and hub projects) per generated stack. */
  sizes: number[];
  /** The bundled stack whose preview is compared with the ts-node loads. */
  baselineStack: string;
  /** Keep the generated project directory (its path goes to stderr). */
  keep: boolean;
  help: boolean;
}

function positiveInteger(option: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${option} = "${value}": must be a whole number from 1 to ${max}`);
  return n;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      json: { type: "boolean" },
      runs: { type: "string" },
      "large-runs": { type: "string" },
      sizes: { type: "string" },
      "baseline-stack": { type: "string" },
      keep: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const runs = positiveInteger("runs", values.runs, 3, 50);
  const sizes = (values.sizes ?? "1,10,100,1000").split(",").map((s) => positiveInteger("sizes", s.trim(), 0, 2000));
  return {
    json: values.json === true,
    runs,
    largeRuns: positiveInteger("large-runs", values["large-runs"], runs, 50),
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    baselineStack: values["baseline-stack"] ?? "team-b",
    keep: values.keep === true,
    help: values.help === true,
  };
}
