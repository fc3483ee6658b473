import * as fs from "fs";
import { parseStatCpuMs, parseStatusMemory, runMeasured } from "../../../tools/bench/processTree";

describe("/proc parsing", () => {
  it("reads VmRSS and VmHWM in kB", () => {
    expect(parseStatusMemory("Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n")).toEqual({ rssKb: 102400, hwmKb: 204800 });
    expect(parseStatusMemory("Name:\tzombie\nState:\tZ (zombie)\n")).toBeUndefined();
  });

  it("reads user + system CPU time, whatever the process name holds", () => {
    const stat = "42 (node (worker) x) S 1 42 42 0 -1 4194304 100 0 0 0 150 25 0 0 20 0 11 0 1000 1000 1000";
    expect(parseStatCpuMs(stat)).toBe(1750);
  });
});

const linux = fs.existsSync("/proc/self/status") ? describe : describe.skip;
linux("runMeasured", () => {
  it("measures the whole process tree: a child holding memory counts in the peak", async () => {
    const child = "const b = Buffer.alloc(80 * 1024 * 1024, 1); setTimeout(() => console.log(b.length), 400);";
    const parent = `const { spawnSync } = require("child_process"); const r = spawnSync(process.execPath, ["-e", ${JSON.stringify(child)}]); process.stdout.write(r.stdout);`;
    const run = await runMeasured(process.execPath, ["-e", parent], { cwd: process.cwd() });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(String(80 * 1024 * 1024));
    expect(run.processes).toBeGreaterThanOrEqual(2);
    expect(run.peakRssMb).toBeGreaterThan(80);
    expect(run.sumOfPeaksMb).toBeGreaterThanOrEqual(run.peakRssMb);
    expect(Object.keys(run.byRole)).toEqual(["process"]);
    expect(run.byRole.process).toEqual({ processes: run.processes, cpuMs: run.cpuMs, peakRssMb: run.peakRssMb });
  });

  it("splits the tree by the role each command line gets, as last seen: CPU and the peak memory of each role's processes", async () => {
    // The child names itself only once running (as a forked child shows its parent's command line until exec).
    const child =
      'process.title = "holder"; const b = Buffer.alloc(80 * 1024 * 1024, 1); while (process.cpuUsage().user < 300_000); setTimeout(() => {}, 500);';
    const parent = `require("child_process").spawnSync(process.execPath, ["-e", ${JSON.stringify(child)}]);`;
    const seen: [string, boolean][] = [];
    const run = await runMeasured(process.execPath, ["-e", parent], {
      cwd: process.cwd(),
      roleOf: (commandLine, isRoot) => {
        seen.push([commandLine, isRoot]);
        return isRoot ? "root" : commandLine === "holder" ? "holder" : "starting";
      },
    });
    expect(run.code).toBe(0);
    // The root is the command itself, asked about at every sample.
    const rootLines = new Set(seen.filter(([, isRoot]) => isRoot).map(([commandLine]) => commandLine));
    expect([...rootLines].map((l) => l.includes("child_process"))).toEqual([true]);
    expect(Object.keys(run.byRole).sort()).toEqual(["holder", "root"]);
    expect(run.byRole.holder.processes).toBe(1);
    expect(run.byRole.holder.peakRssMb).toBeGreaterThan(80);
    expect(run.byRole.root.peakRssMb).toBeLessThan(80);
    // 300 ms of its own CPU, however busy the machine: counted where it was spent.
    expect(run.byRole.holder.cpuMs).toBeGreaterThanOrEqual(290);
    expect(run.byRole.holder.cpuMs + run.byRole.root.cpuMs).toBe(run.cpuMs);
  });
});
