import { readdirSync, readFileSync } from 'node:fs';
import { sampleProcess } from './process-stats.js';

const CLOCK_TICKS = 100;

/** The shared services whose CPU a scenario reports beside the system's own processes, by command name. */
const SERVICES: Record<string, readonly string[]> = { postgres: ['postgres'], redis: ['redis-server'] };

interface Reading {
  /** CPU seconds of each service's processes, by pid. */
  services: Map<string, Map<number, number>>;
  /** Busy CPU seconds of the whole machine (every core, every process, the kernel's too). */
  machineBusy: number;
  /** CPU seconds of this process: the load generator, with the sinks and fakes it hosts. */
  bench: number;
}

/**
 * What a scenario cost the shared services (Postgres's backends, Redis), the bench itself and the
 * whole machine, read from /proc: on two cores these, not the system's own processes alone, bound
 * the throughput. A process that ended during the scenario is left out of its service (its time is
 * lost with it).
 */
export class MachineCpu {
  private before?: Reading;

  start(): void {
    this.before = read();
  }

  /** CPU seconds per service and for the machine since `start`. */
  stop(): Record<string, number> {
    const after = read();
    const before = this.before ?? after;
    const figures: Record<string, number> = {};
    for (const [service, pids] of after.services) {
      let seconds = 0;
      for (const [pid, cpu] of pids) seconds += cpu - (before.services.get(service)?.get(pid) ?? 0);
      figures[service] = seconds;
    }
    // Reported because it shares the two cores: a scenario whose events cost more to send and to
    // observe (a call: two signed webhooks, TwiML to read, an SMS at the Twilio fake) leaves the
    // system under test less CPU than the baseline's one POST per event does.
    figures.bench = after.bench - before.bench;
    figures.machine = after.machineBusy - before.machineBusy;
    return figures;
  }
}

function read(): Reading {
  const services = new Map(Object.keys(SERVICES).map((service) => [service, new Map<number, number>()]));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    let command: string;
    try {
      command = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    for (const [service, commands] of Object.entries(SERVICES)) {
      if (!commands.includes(command)) continue;
      const cpu = sampleProcess(pid)?.cpuSeconds;
      if (cpu !== undefined) services.get(service)!.set(pid, cpu);
    }
  }
  const own = process.cpuUsage();
  return { services, machineBusy: machineBusySeconds(), bench: (own.user + own.system) / 1e6 };
}

/** user + nice + system + irq + softirq + steal of the "cpu" line of /proc/stat (idle and iowait left out). */
function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS;
}
