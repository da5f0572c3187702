import { readFileSync } from 'node:fs';

const CLOCK_TICKS = 100;

export interface ProcessSample {
  rssBytes: number;
  peakRssBytes: number;
  cpuSeconds: number;
}

/** RSS, peak RSS (VmHWM) and CPU time of a process, read from /proc (Linux). */
export function sampleProcess(pid: number): ProcessSample | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    return { rssBytes: kib('VmRSS'), peakRssBytes: kib('VmHWM'), cpuSeconds };
  } catch {
    return undefined;
  }
}

/** Samples a process every `intervalMs` and remembers its peak RSS and last CPU reading. */
export class ProcessMonitor {
  private timer?: NodeJS.Timeout;
  peakRssBytes = 0;
  readonly rssSeries: number[] = [];
  private startCpu = 0;
  private lastCpu = 0;

  constructor(readonly pid: number, private readonly intervalMs = 500) {}

  start(): void {
    this.startCpu = sampleProcess(this.pid)?.cpuSeconds ?? 0;
    this.lastCpu = this.startCpu;
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): { peakRssMiB: number; cpuSeconds: number; rssSeriesMiB: number[] } {
    this.sample();
    clearInterval(this.timer);
    return {
      peakRssMiB: round(this.peakRssBytes / 2 ** 20),
      cpuSeconds: round(this.lastCpu - this.startCpu),
      rssSeriesMiB: this.rssSeries.map((bytes) => round(bytes / 2 ** 20)),
    };
  }

  private sample(): void {
    const sample = sampleProcess(this.pid);
    if (!sample) return;
    this.peakRssBytes = Math.max(this.peakRssBytes, sample.peakRssBytes, sample.rssBytes);
    this.rssSeries.push(sample.rssBytes);
    this.lastCpu = sample.cpuSeconds;
  }
}

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
