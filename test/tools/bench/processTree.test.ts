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
  });
});
