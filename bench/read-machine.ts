import { cpus, totalmem } from "node:os";
import { readFileSync } from "node:fs";

/** The machine a benchmark ran on. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly nodeVersion: string;
  readonly platform: string;
  readonly memoryGb: number;
  /** Load average (1 min) when the bench started: other work on the machine skews timings. */
  readonly loadAverageAtStart: number;
  readonly probotVersion: string;
}

function probotVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../node_modules/probot/package.json", import.meta.url), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

function loadAverage(): number {
  try {
    return Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0] ?? "0");
  } catch {
    return 0;
  }
}

/** CPU model, cores, Node version and what else a reader needs to weigh the figures. */
export function readMachine(): MachineInfo {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model.trim() ?? "unknown",
    cores: cpu.length,
    nodeVersion: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAverageAtStart: loadAverage(),
    probotVersion: probotVersion(),
  };
}
