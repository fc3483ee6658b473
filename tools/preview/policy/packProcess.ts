/**
 * Starts a policy pack the way the Pulumi CLI does (the `pulumi-analyzer-policy` shim): `node
 * <@pulumi/pulumi>/cmd/run-policy-pack <engine-address> . [-option=value...]` with cwd = the pack directory,
 * `@pulumi/pulumi` resolved from there, and the port read from the first line of stdout.
 * The pack leads its own process group, killed on close, on exit and on signals (`processGroups.ts`).
 */
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { LOCAL_ORGANIZATION } from "../shared/ipc";
import { crashSummary, stderrLines } from "../shared/messages";
import { OWN_GROUP, trackGroup } from "../host/processGroups";

export interface PackProcessOptions {
  packDir: string;
  /** Type-check with ts-node exactly like the CLI (seconds slower); default: esbuild (`packPreload.js`). */
  typeCheck: boolean;
  startTimeoutMs: number;
}

export interface PackProcess {
  pid: number;
  port: number;
  /** `@pulumi/pulumi/package.json` as resolved from the pack: the stubs must come from there. */
  pulumiPackageJson: string;
  /** PulumiPolicy.yaml `version`, which the engine prefers over the pack's package.json version. */
  versionOverride?: string;
  /** Null while running; otherwise a one-line account of how the process ended. */
  exitSummary(): string | null;
  /** Resolves once the process has ended and `exitSummary` is set. */
  exited: Promise<void>;
  kill(): Promise<void>;
}

/** The engine address argument: run-policy-pack drops it unread (`argv._.shift()`), so any placeholder works. */
const ENGINE_ADDRESS_PLACEHOLDER = "127.0.0.1:0";
const STDERR_LIMIT = 64 * 1024;
const KILL_GRACE_MS = 3000;
const STDERR_GRACE_MS = 500;

/** Extra node flags for the pack process, for diagnosis (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`). */
const DEBUG_NODE_ARGS = (process.env.PREVIEW_POLICY_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);

const running = new Set<ChildProcess>();

/** Pids of pack processes started here and not yet exited (tests assert none is left behind). */
export function runningPackPids(): number[] {
  return [...running].map((c) => c.pid!).filter((pid) => pid !== undefined);
}

/** Picks the informative line of a pack's stderr (run.js prefixes errors with a generic "Running program" line). */
export function summarizeStderr(stderr: string): string {
  const lines = stderrLines(stderr);
  const useful = lines.filter((l) => !/^error: (\[runtime\] )?Running program .* failed with an unhandled exception:$/.test(l));
  const first = useful[0] ?? "";
  // "TSError: ⨯ Unable to compile TypeScript:" says little without the line that follows.
  return first.endsWith(":") && useful[1] ? `${first} ${useful[1]}` : first;
}

interface PolicyProject {
  version?: string;
  runtimeOptions: Record<string, unknown>;
}

function readPolicyProject(packDir: string): PolicyProject {
  const file = path.join(packDir, "PulumiPolicy.yaml");
  if (!fs.existsSync(file)) throw new Error(`policy pack ${packDir}: no PulumiPolicy.yaml (is this a policy pack directory?)`);
  let doc: Record<string, unknown>;
  try {
    doc = (parseYaml(fs.readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`policy pack ${packDir}: PulumiPolicy.yaml is not valid YAML (${(e as Error).message.split("\n")[0]})`, { cause: e });
  }
  const runtime = doc.runtime as { options?: Record<string, unknown> } | string | undefined;
  const runtimeOptions = typeof runtime === "object" && runtime?.options ? runtime.options : {};
  return { version: typeof doc.version === "string" ? doc.version : undefined, runtimeOptions };
}

/** The environment the engine gives a Node policy pack for a dry run, without anything that points at an engine. */
function packEnvironment(typeCheck: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(PULUMI_NODEJS_|PULUMI_CONFIG|TS_NODE_)/.test(key)) continue;
    env[key] = value;
  }
  Object.assign(env, {
    PULUMI_NODEJS_ORGANIZATION: LOCAL_ORGANIZATION,
    PULUMI_ORGANIZATION: LOCAL_ORGANIZATION,
    PULUMI_NODEJS_DRY_RUN: "true",
    PULUMI_DRY_RUN: "true",
    PREVIEW_POLICY_TYPECHECK: typeCheck ? "1" : "0",
  });
  return env;
}

export async function startPackProcess(opts: PackProcessOptions): Promise<PackProcess> {
  const packDir = path.resolve(opts.packDir);
  if (!fs.existsSync(path.join(packDir, "package.json"))) {
    throw new Error(`policy pack ${packDir}: no package.json (the PolicyPack constructor reads it)`);
  }
  const project = readPolicyProject(packDir);
  let pulumiPackageJson: string;
  try {
    pulumiPackageJson = require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] });
  } catch {
    throw new Error(`policy pack ${packDir}: cannot resolve @pulumi/pulumi from it (run npm install)`);
  }
  const runScript = path.join(path.dirname(pulumiPackageJson), "cmd", "run-policy-pack", "index.js");
  const optionArgs = Object.entries(project.runtimeOptions)
    .filter(([, v]) => `${v}` !== "")
    .map(([k, v]) => `-${k}=${v}`);

  const child = spawn(
    process.execPath,
    [...DEBUG_NODE_ARGS, "-r", path.join(__dirname, "packPreload.js"), runScript, ENGINE_ADDRESS_PLACEHOLDER, ".", ...optionArgs],
    { cwd: packDir, env: packEnvironment(opts.typeCheck), stdio: ["pipe", "pipe", "pipe"], ...OWN_GROUP },
  );
  trackGroup(child);
  running.add(child);

  let stderr = "";
  let exitSummary: string | null = null;
  let port: number | undefined;
  // 'exit' can come before the last stderr chunk: wait for stderr to close (briefly, in case a grandchild holds it).
  const stderrClosed = new Promise<void>((resolve) => child.stderr!.on("close", () => resolve()));
  const exited = new Promise<void>((resolve) => {
    child.on("exit", (code, signal) => {
      running.delete(child);
      void Promise.race([stderrClosed, new Promise((r) => setTimeout(r, STDERR_GRACE_MS))]).then(() => {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const why = summarizeStderr(stderr);
        const crash = crashSummary(`policy pack ${packDir}`, stderr, code, signal);
        // Without an error, a pack that ends before serving most likely never constructed its PolicyPack.
        const silent = port === undefined ? " before printing its port (does its main module construct a PolicyPack?)" : "";
        exitSummary =
          crash?.startsWith("policy pack") && (why === "" || crash.includes("out of memory"))
            ? crash
            : `policy pack ${packDir} ${how}${why ? `: ${why}` : silent}`;
        resolve();
      });
    });
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    if (stderr.length < STDERR_LIMIT) stderr += chunk;
  });
  child.stdin!.on("error", () => undefined);

  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), KILL_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  try {
    port = await readPort(child, exited, () => exitSummary, opts.startTimeoutMs, packDir);
    return { pid: child.pid!, port, pulumiPackageJson, versionOverride: project.version, exitSummary: () => exitSummary, exited, kill };
  } catch (error) {
    await kill();
    throw error;
  }
}

function readPort(
  child: ChildProcess,
  exited: Promise<void>,
  summary: () => string | null,
  timeoutMs: number,
  packDir: string,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`policy pack ${packDir} did not print its port within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: string): void => {
      stdout += chunk;
      const port = stdout
        .split(/\r?\n/)
        .slice(0, -1)
        .map((l) => l.trim())
        .find((l) => /^\d+$/.test(l));
      if (port) {
        clearTimeout(timer);
        child.stdout!.removeListener("data", onData);
        child.stdout!.resume();
        resolve(Number(port));
      }
    };
    child.stdout!.setEncoding("utf8").on("data", onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(summary() ?? `policy pack ${packDir} exited`));
    });
  });
}
