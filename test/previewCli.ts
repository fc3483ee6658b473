import { execFile } from "child_process";
import * as path from "path";
import type { PreviewResult } from "../tools/preview/shared/types";

export const REPO_ROOT = path.resolve(__dirname, "..");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * How to start the CLI: `register` and `ts-node-bin` (kept for callers) are the npm script's own command
 * (`node tools/preview/bin.js`); `npm` goes through `npm run --silent preview` itself.
 */
export type Launch = "register" | "ts-node-bin" | "npm";

function command(launch: Launch, args: string[]): [string, string[]] {
  const cli = path.join(REPO_ROOT, "tools/preview/bin.js");
  switch (launch) {
    case "register":
    case "ts-node-bin":
      return [process.execPath, [cli, ...args]];
    case "npm":
      return ["npm", ["run", "--silent", "preview", "--", ...args]];
  }
}

/** Runs `npm run preview -- <args>` the way a user does, from `cwd` (the repo root by default), `env` added. */
export function runPreview(args: string[], cwd = REPO_ROOT, launch: Launch = "register", env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const [file, argv] = command(launch, args);
  return new Promise((resolve) => {
    execFile(file, argv, { cwd, env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export async function previewJson(args: string[], cwd?: string): Promise<{ run: CliRun; result: PreviewResult }> {
  const run = await runPreview([...args, "--format", "json"], cwd);
  return { run, result: JSON.parse(run.stdout) as PreviewResult };
}
