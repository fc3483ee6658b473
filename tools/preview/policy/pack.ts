/**
 * Starts a policy pack as the CLI's `pulumi-analyzer-policy` shim does (`node <@pulumi/pulumi>/cmd/run-policy-pack
 * <engine> . [-option=value...]` in the pack directory) and reads its port from stdout. The pack leads its own
 * process group (`processGroups.ts`).
 */
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { OWN_GROUP, trackGroup } from "../host/processGroups";
import { LOCAL_ORGANIZATION } from "../shared/ipc";
import { crashSummary, stderrLines } from "../shared/messages";

export interface PackProcess {
  /** The pack directory, resolved. */
  packDir: string;
  port: number;
  /** `@pulumi/pulumi/package.json` as resolved from the pack: the protocol's stubs come from there. */
  pulumiPackageJson: string;
  /** PulumiPolicy.yaml `version`, which the engine prefers over the pack's package.json version. */
  versionOverride?: string;
  /** Null while running; otherwise a one-line account of how the process ended. */
  exitSummary(): string | null;
  /** Resolves once the process has ended and `exitSummary` is set. */
  exited: Promise<void>;
  kill(): Promise<void>;
}

const STDERR_LIMIT = 64 * 1024;
const KILL_GRACE_MS = 3000;
const STDERR_GRACE_MS = 500;
const running = new Set<ChildProcess>();

/** Pids of pack processes started here and not yet exited (tests assert none is left behind). */
export const runningPackPids = (): number[] => [...running].map((c) => c.pid!);

/** The informative line of a pack's stderr (run.js prefixes errors with a generic "Running program" line). */
export function summarizeStderr(stderr: string): string {
  const useful = stderrLines(stderr).filter(
    (l) => !/^error: (\[runtime\] )?Running program .* failed with an unhandled exception:$/.test(l),
  );
  // "TSError: ⨯ Unable to compile TypeScript:" says little without the line that follows.
  return useful[0]?.endsWith(":") && useful[1] ? `${useful[0]} ${useful[1]}` : (useful[0] ?? "");
}

/** PulumiPolicy.yaml's version and `runtime.options`, which the CLI passes as `-key=value` arguments. */
function readPolicyProject(packDir: string): { version?: string; optionArgs: string[] } {
  const file = path.join(packDir, "PulumiPolicy.yaml");
  if (!fs.existsSync(file)) throw new Error(`policy pack ${packDir}: no PulumiPolicy.yaml (is this a policy pack directory?)`);
  let doc: { version?: unknown; runtime?: { options?: Record<string, unknown> } | string } | null;
  try {
    doc = parseYaml(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`policy pack ${packDir}: PulumiPolicy.yaml is not valid YAML (${(e as Error).message.split("\n")[0]})`, { cause: e });
  }
  const options = typeof doc?.runtime === "object" ? (doc.runtime.options ?? {}) : {};
  const optionArgs = Object.entries(options)
    .filter(([, v]) => `${v}` !== "")
    .map(([k, v]) => `-${k}=${v}`);
  return { version: typeof doc?.version === "string" ? doc.version : undefined, optionArgs };
}

/**
 * The environment the engine gives a Node policy pack for a dry run, without anything that points at an engine.
 * PREVIEW_POLICY_TYPECHECK=1 passes through: `packPreload.js` then leaves ts-node type-checking as the CLI does.
 */
function packEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(PULUMI_NODEJS_|PULUMI_CONFIG|TS_NODE_)/.test(key)));
  return {
    ...env,
    PULUMI_NODEJS_ORGANIZATION: LOCAL_ORGANIZATION,
    PULUMI_ORGANIZATION: LOCAL_ORGANIZATION,
    PULUMI_NODEJS_DRY_RUN: "true",
    PULUMI_DRY_RUN: "true",
  };
}

export async function startPack(packDir: string, startTimeoutMs: number): Promise<PackProcess> {
  packDir = path.resolve(packDir);
  const where = `policy pack ${packDir}`;
  if (!fs.existsSync(path.join(packDir, "package.json")))
    throw new Error(`${where}: no package.json (the PolicyPack constructor reads it)`);
  const project = readPolicyProject(packDir);
  let pulumiPackageJson: string;
  try {
    pulumiPackageJson = require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] });
  } catch {
    throw new Error(`${where}: cannot resolve @pulumi/pulumi from it (run npm install)`);
  }
  const runScript = path.join(path.dirname(pulumiPackageJson), "cmd", "run-policy-pack", "index.js");
  // PREVIEW_POLICY_NODE_ARGS: extra node flags, for diagnosis (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
  const nodeArgs = (process.env.PREVIEW_POLICY_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  // The engine address: run-policy-pack drops it unread (`argv._.shift()`), so any placeholder works.
  const args = [...nodeArgs, "-r", path.join(__dirname, "packPreload.js"), runScript, "127.0.0.1:0", ".", ...project.optionArgs];
  const child = spawn(process.execPath, args, { cwd: packDir, env: packEnvironment(), stdio: "pipe", ...OWN_GROUP });
  trackGroup(child);
  running.add(child);

  let stderr = "";
  let stdout = "";
  let exitSummary: string | null = null;
  let port: number | undefined;
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr = stderr.length < STDERR_LIMIT ? stderr + chunk : stderr));
  child.stdin!.on("error", () => undefined);
  // 'exit' can come before the last stderr chunk: wait for stderr to close (briefly, in case a grandchild holds it).
  const stderrClosed = new Promise((resolve) => child.stderr!.on("close", resolve));
  const exited = new Promise<void>((resolve) =>
    child.on("exit", (code, signal) => {
      running.delete(child);
      void Promise.race([stderrClosed, new Promise((r) => setTimeout(r, STDERR_GRACE_MS))]).then(() => {
        const why = summarizeStderr(stderr);
        const crash = crashSummary(where, stderr, code, signal);
        // Without an error, a pack that ends before serving most likely never constructed its PolicyPack.
        const silent = port === undefined ? " before printing its port (does its main module construct a PolicyPack?)" : "";
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const useCrash = crash?.startsWith("policy pack") && (why === "" || crash.includes("out of memory"));
        exitSummary = useCrash ? crash! : `${where} ${how}${why ? `: ${why}` : silent}`;
        resolve();
      });
    }),
  );
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), KILL_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  try {
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${where} did not print its port within ${startTimeoutMs} ms`)), startTimeoutMs);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(exitSummary ?? `${where} exited`));
      });
      const onData = (chunk: string): void => {
        const port = /^[ \t]*(\d+)[ \t]*\r?\n/m.exec((stdout += chunk))?.[1];
        if (!port) return;
        clearTimeout(timer);
        child.stdout!.removeListener("data", onData).resume();
        resolve(Number(port));
      };
      child.stdout!.setEncoding("utf8").on("data", onData);
    });
    return { packDir, port, pulumiPackageJson, versionOverride: project.version, exitSummary: () => exitSummary, exited, kill };
  } catch (error) {
    await kill();
    throw error;
  }
}
