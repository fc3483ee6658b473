/** The machine a benchmark ran on, and its load (numbers are only comparable on a quiet machine). */
import * as os from "os";

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
}

export function machineInfo(): MachineInfo {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** The 1-minute load average, rounded to two decimals. */
export function loadAverage(): number {
  return Math.round(os.loadavg()[0] * 100) / 100;
}
