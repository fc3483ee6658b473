/**
 * End to end: killing the check leaves no process behind (stack workers, the policy pack, a program's own child
 * processes), whichever signal and whenever it comes. Linux only (/proc).
 */
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { PreviewResult } from "../../../tools/preview/shared/types";
import { REPO_ROOT } from "../../previewCli";

const HANG = path.join(REPO_ROOT, "test/fixtures/programs/plain-hang");
const MINI_PACK = path.join(REPO_ROOT, "test/fixtures/packs/mini");
/**
 * Counted from when the worker starts the program (its own start-up is not), so it only needs to be long enough for the
 * program to load its modules and register its first resource on a loaded machine.
 */
const TIMEOUT_S = 3;

/** pid → [parent pid, state, command line] of every live process. */
function processTable(): Map<number, { ppid: number; state: string; cmd: string }> {
  const table = new Map<number, { ppid: number; state: string; cmd: string }>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      table.set(Number(entry), { ppid: Number(ppid), state, cmd });
    } catch {
      // Gone meanwhile.
    }
  }
  return table;
}

function descendants(root: number): Map<number, string> {
  const table = processTable();
  const found = new Map<number, string>();
  const visit = (pid: number) => {
    for (const [child, info] of table) {
      if (info.ppid === pid && !found.has(child)) {
        found.set(child, info.cmd);
        visit(child);
      }
    }
  };
  visit(root);
  return found;
}

/** Zombies count as gone: they have exited and wait only for a parent to reap them. */
const alive = (pids: number[]) => {
  const table = processTable();
  return pids.filter((pid) => table.has(pid) && table.get(pid)!.state !== "Z");
};

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function startCheck(args: string[], output: "ignore" | "pipe" = "ignore"): ChildProcess {
  const cli = path.join(REPO_ROOT, "tools/preview/bin.js");
  return spawn(process.execPath, [cli, "--cwd", HANG, "--stack", "dev", ...args], { cwd: REPO_ROOT, stdio: ["ignore", output, output] });
}

/** Kills the check at a stage, then waits until every process it had started is gone; returns what was left. */
async function killAt(stage: "booting" | "running", signal: NodeJS.Signals): Promise<{ seen: Map<number, string>; left: number[] }> {
  const check = startCheck(["--policy-pack", MINI_PACK, "--format", "json"]);
  const seen = new Map<number, string>();
  const remember = () => descendants(check.pid!).forEach((cmd, pid) => seen.set(pid, cmd));
  const ready = (): true | undefined => {
    remember();
    const cmds = [...seen.values()];
    if (stage === "booting") return cmds.some((c) => c.includes("worker/main.ts")) ? true : undefined;
    // The program's own child runs and the pack process is up.
    return cmds.some((c) => c.startsWith("sleep 600")) && cmds.some((c) => c.includes("run-policy-pack")) ? true : undefined;
  };
  await waitFor(`stage ${stage}`, ready, 90_000);
  const exited = new Promise((resolve) => check.once("exit", resolve));
  check.kill(signal);
  await exited;
  const pids = [...seen.keys()];
  const left = await waitFor("the check's processes to end", () => (alive(pids).length === 0 ? [] : undefined), 30_000).catch(() =>
    alive(pids),
  );
  return { seen, left };
}

const linux = process.platform === "linux" ? describe : describe.skip;

// The four checks run at once (one describe block: jest starts concurrent tests block by block); most of their time is
// waiting for processes to start and end.
linux("ending the check", () => {
  it.concurrent.each([
    ["running", "SIGKILL"],
    ["running", "SIGTERM"],
    ["booting", "SIGKILL"],
  ] as const)(
    "while %s, %s leaves no worker, pack or program child behind",
    async (stage, signal) => {
      const { seen, left } = await killAt(stage, signal);
      expect(seen.size).toBeGreaterThan(0);
      if (stage === "running") expect([...seen.values()].some((c) => c.startsWith("sleep 600"))).toBe(true);
      expect(left.map((pid) => seen.get(pid))).toEqual([]);
    },
    180_000,
  );
  it.concurrent(
    "a program that never finishes is stopped at --timeout, reported as partial with what it registered, exit 2, its own child ended",
    async () => {
      const check = startCheck(["--no-policy", "--timeout", String(TIMEOUT_S), "--format", "json"], "pipe");
      const seen = new Map<number, string>();
      // An exited process (a zombie) shows an empty command line: keep the last one it had.
      const watch = setInterval(() => descendants(check.pid!).forEach((cmd, pid) => cmd && seen.set(pid, cmd)), 200);
      let stdout = "";
      let stderr = "";
      check.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      check.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => check.once("close", resolve)).finally(() => clearInterval(watch));
      expect(code).toBe(2);
      const [stack] = (JSON.parse(stdout) as PreviewResult).stacks;
      const why = `the program did not finish within ${TIMEOUT_S} s (--timeout)`;
      expect(stack).toMatchObject({ partial: true, error: why });
      expect(stack.resources.map((r) => r.name)).toEqual(["rg"]);
      expect(stderr).toBe(`error: dev: ${why}\n`);
      const sleepers = [...seen].filter(([, cmd]) => cmd.startsWith("sleep 600")).map(([pid]) => pid);
      expect(sleepers).toHaveLength(1);
      await waitFor("the program's child to end", () => (alive(sleepers).length === 0 ? true : undefined), 30_000);
    },
    180_000,
  );
});
