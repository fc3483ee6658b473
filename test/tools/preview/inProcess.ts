/**
 * The offline preview's CLI entry (`main`) inside the test process: the same argument handling, stack workers, policy
 * pack and output as `npm run preview`, without starting (and loading) a CLI process per run. The only place tests
 * import the CLI's entry and renderers, so a move of `tools/preview` is fixed here once.
 *
 * Each run's stdout and stderr are told apart by async context, so runs may overlap; a run with `env` sets it on this
 * process for its duration (the pack and workers inherit it), so such a run must not overlap another.
 */
import { AsyncLocalStorage } from "async_hooks";
import { main } from "../../../tools/preview/host/cli";
import { renderMarkdown } from "../../../tools/preview/report/markdownReport";
import { renderSarif } from "../../../tools/preview/report/sarif";
import { renderText } from "../../../tools/preview/report/text";
import type { PreviewResult } from "../../../tools/preview/shared/types";
import type { CliRun } from "../../previewCli";

export { main, renderMarkdown, renderSarif, renderText };

type Capture = { out: string[]; err: string[] };
const capture = new AsyncLocalStorage<Capture>();
let hooked = 0;
let restore: (() => void) | undefined;

/** Routes writes made inside a run to that run; any other write goes to the real stream. */
function hook(): void {
  if (hooked++ > 0) return;
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((s) => s.write);
  streams.forEach((stream, i) => {
    stream.write = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
      const run = capture.getStore();
      if (!run) return (originals[i] as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
      (i === 0 ? run.out : run.err).push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString());
      // The CLI waits for the write's callback before it returns.
      const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      if (callback) process.nextTick(callback);
      return true;
    } as typeof stream.write;
  });
  restore = () => streams.forEach((stream, i) => (stream.write = originals[i] as typeof stream.write));
}

function unhook(): void {
  if (--hooked === 0) restore?.();
}

/** `npm run preview -- <argv>` in this process; relative paths in `argv` resolve from this process's cwd. */
export async function previewInProcess(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const run: Capture = { out: [], err: [] };
  hook();
  try {
    const code = await capture.run(run, () => main(argv));
    return { code, stdout: run.out.join(""), stderr: run.err.join("") };
  } finally {
    unhook();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** A `--format json` run in process, with its parsed result. */
export async function previewJsonInProcess(argv: string[], env?: Record<string, string>): Promise<{ run: CliRun; result: PreviewResult }> {
  const run = await previewInProcess([...argv, "--format", "json"], env);
  return { run, result: JSON.parse(run.stdout) as PreviewResult };
}
