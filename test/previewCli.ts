import { execFile } from "child_process";
import * as path from "path";
import type { PreviewResult } from "../tools/preview/types";

export const REPO_ROOT = path.resolve(__dirname, "..");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run preview -- <args>` the way a user does (ts-node transpile-only), from the repo root. */
export function runPreview(args: string[], cwd = REPO_ROOT): Promise<CliRun> {
  const cli = path.join(REPO_ROOT, "tools/preview/cli.ts");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", cli, ...args],
      { cwd, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export async function previewJson(args: string[], cwd?: string): Promise<{ run: CliRun; result: PreviewResult }> {
  const run = await runPreview([...args, "--format", "json"], cwd);
  return { run, result: JSON.parse(run.stdout) as PreviewResult };
}
