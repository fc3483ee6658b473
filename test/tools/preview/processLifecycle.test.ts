/**
 * End to end: killing the check leaves no process behind (stack workers, the policy pack, a program's own child
 * processes), whichever signal and whenever it comes. Linux only (/proc).
 */
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { PreviewResult } from "../../../tools/preview/shared/types";
import { REPO_ROOT, runPreview } from "../../previewCli";

const HANG = path.join(REPO_ROOT, "test/fixtures/programs/plain-hang");
const MINI_PACK = path.join(REPO_ROOT, "test/fixtures/packs/mini");

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

function startCheck(): ChildProcess {
  const cli = path.join(REPO_ROOT, "tools/preview/bin.js");
  const args = [cli, "--cwd", HANG, "--stack", "dev", "--policy-pack", MINI_PACK, "--format", "json"];
  return spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "ignore"] });
}

/** Kills the check at a stage, then waits until every process it had started is gone; returns what was left. */
async function killAt(stage: "booting" | "running", signal: NodeJS.Signals): Promise<{ seen: Map<number, string>; left: number[] }> {
  const check = startCheck();
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

linux("ending the check", () => {
  it.each([
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
});

linux("a program that never finishes", () => {
  it("is stopped at --timeout, reported as partial with what it registered, exit 2, its own child ended", async () => {
    const before = new Set(processTable().keys());
    const run = await runPreview(["--cwd", HANG, "--stack", "dev", "--no-policy", "--timeout", "15", "--format", "json"]);
    expect(run.code).toBe(2);
    const [stack] = (JSON.parse(run.stdout) as PreviewResult).stacks;
    expect(stack).toMatchObject({ partial: true, error: "the program did not finish within 15 s (--timeout)" });
    expect(stack.resources.map((r) => r.name)).toEqual(["rg"]);
    expect(run.stderr).toBe("error: dev: the program did not finish within 15 s (--timeout)\n");
    const sleepers = () => [...processTable()].filter(([pid, p]) => !before.has(pid) && p.cmd.startsWith("sleep 600") && p.state !== "Z");
    await waitFor("the program's child to end", () => (sleepers().length === 0 ? true : undefined), 30_000);
  }, 180_000);
});
