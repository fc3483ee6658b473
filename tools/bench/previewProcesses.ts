/** The kinds of process of an offline check, and which kind a process is by its command line (pure). */

/** The CLI (host), stack workers, the policy pack, anything else (the reaper shell, esbuild's service on a cold cache). */
export const PREVIEW_PROCESSES = ["host", "worker", "pack", "other"] as const;
export type PreviewProcess = (typeof PREVIEW_PROCESSES)[number];

/**
 * The kind of a process of the check's tree: the root is the CLI; a worker runs `worker/main.ts` (tools/preview/host/
 * workers.ts forks it, in this repository or installed as a package); the pack runs `@pulumi/pulumi`'s
 * `cmd/run-policy-pack` (tools/preview/policy/pack.ts).
 */
export function previewProcess(commandLine: string, isRoot: boolean): PreviewProcess {
  if (isRoot) return "host";
  if (/[\\/]worker[\\/]main\.[jt]s\b/.test(commandLine)) return "worker";
  return /[\\/]run-policy-pack[\\/]/.test(commandLine) ? "pack" : "other";
}
