/**
 * Runs a command and measures it as a whole process tree: wall time from spawn to exit, and memory sampled from
 * Linux `/proc` every few milliseconds (the command, every process it starts, and theirs).
 *
 * - `peakRssMb`: the largest SUM of the tree's resident set sizes (VmRSS) seen in one sample, i.e. the memory the
 *   preview held at once. Sampling can miss a peak shorter than the interval, so it is a lower bound.
 * - `sumOfPeaksMb`: each process's own peak (VmHWM, kept by the kernel) as last seen, summed over the processes: an
 *   upper bound (the processes' peaks need not coincide), short-lived processes included if sampled once.
 * - `cpuMs`: CPU time (user + system) of the tree's processes as last seen, summed: a lower bound (time spent after
 *   a process's last sample is missed), and far less sensitive than wall time to other work on the machine.
 * - `byRole`: the same per label `roleOf` gives each process (by its command line, as last seen), so a pipeline of
 *   processes shows which one holds the time and the memory; `peakRssMb` there is the largest sum over the role's
 *   processes in one sample.
 */
import { spawn } from "child_process";
import * as fs from "fs";

export interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  peakRssMb: number;
  sumOfPeaksMb: number;
  cpuMs: number;
  /** Distinct processes seen in the tree. */
  processes: number;
  byRole: Record<string, RoleUsage>;
}

/** What the processes of one role used (see `byRole`). */
export interface RoleUsage {
  processes: number;
  cpuMs: number;
  peakRssMb: number;
}

export interface MeasureOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Sampling interval; default 20 ms. */
  intervalMs?: number;
  /** Labels a process by its command line (arguments joined by spaces); default: every process is "process". */
  roleOf?: (commandLine: string, isRoot: boolean) => string;
}

const KB_PER_MB = 1024;
/** Linux reports CPU times in clock ticks of 1/100 s (USER_HZ) on every mainstream architecture. */
const MS_PER_TICK = 10;

/** User + system CPU time (ms) from a `/proc/<pid>/stat` line (fields 14 and 15, after the parenthesised name). */
export function parseStatCpuMs(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) * MS_PER_TICK : undefined;
}

/** `VmRSS` and `VmHWM` (kB) of a `/proc/<pid>/status` text; undefined for a process already gone (zombie). */
export function parseStatusMemory(status: string): { rssKb: number; hwmKb: number } | undefined {
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status);
    return match ? Number(match[1]) : undefined;
  };
  const rssKb = field("VmRSS");
  const hwmKb = field("VmHWM");
  return rssKb === undefined || hwmKb === undefined ? undefined : { rssKb, hwmKb };
}

function readFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The pid and all its descendants (via every thread's `children` list). */
function processTree(root: number): number[] {
  const seen: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    seen.push(pid);
    let threads: string[];
    try {
      threads = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of threads) {
      const children = readFile(`/proc/${pid}/task/${tid}/children`) ?? "";
      for (const child of children.split(/\s+/).filter(Boolean)) queue.push(Number(child));
    }
  }
  return seen;
}

export function runMeasured(command: string, args: string[], opts: MeasureOptions): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));

    let peakKb = 0;
    const peaks = new Map<number, number>();
    const cpu = new Map<number, number>();
    const roles = new Map<number, string>();
    const rolePeakKb = new Map<string, number>();
    // Read at every sample: a child forked but not yet exec'd still shows its parent's command line. A process that
    // has just exited reads as empty and keeps the role it had.
    const roleOf = (pid: number): string => {
      const commandLine = (readFile(`/proc/${pid}/cmdline`) ?? "").split("\0").join(" ").trim();
      const known = roles.get(pid);
      if (commandLine === "" && known !== undefined) return known;
      const role = opts.roleOf ? opts.roleOf(commandLine, pid === child.pid) : "process";
      roles.set(pid, role);
      return role;
    };
    const sample = () => {
      if (child.pid === undefined) return;
      let totalKb = 0;
      const roleKb = new Map<string, number>();
      for (const pid of processTree(child.pid)) {
        const memory = parseStatusMemory(readFile(`/proc/${pid}/status`) ?? "");
        if (!memory) continue;
        totalKb += memory.rssKb;
        const role = roleOf(pid);
        roleKb.set(role, (roleKb.get(role) ?? 0) + memory.rssKb);
        peaks.set(pid, Math.max(peaks.get(pid) ?? 0, memory.hwmKb));
        const cpuMs = parseStatCpuMs(readFile(`/proc/${pid}/stat`) ?? "");
        if (cpuMs !== undefined) cpu.set(pid, Math.max(cpu.get(pid) ?? 0, cpuMs));
      }
      peakKb = Math.max(peakKb, totalKb);
      for (const [role, kb] of roleKb) rolePeakKb.set(role, Math.max(rolePeakKb.get(role) ?? 0, kb));
    };
    const timer = setInterval(sample, opts.intervalMs ?? 20);
    child.on("error", (err) => {
      clearInterval(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearInterval(timer);
      const sumKb = [...peaks.values()].reduce((a, b) => a + b, 0);
      const byRole: Record<string, RoleUsage> = {};
      for (const [pid, role] of roles) {
        const usage = (byRole[role] ??= { processes: 0, cpuMs: 0, peakRssMb: Math.round((rolePeakKb.get(role) ?? 0) / KB_PER_MB) });
        usage.processes++;
        usage.cpuMs += cpu.get(pid) ?? 0;
      }
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        wallMs: Math.round(performance.now() - started),
        peakRssMb: Math.round(peakKb / KB_PER_MB),
        sumOfPeaksMb: Math.round(sumKb / KB_PER_MB),
        cpuMs: [...cpu.values()].reduce((a, b) => a + b, 0),
        processes: peaks.size,
        byRole,
      });
    });
  });
}
