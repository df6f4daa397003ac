import { readFileSync } from 'node:fs';

/** Linux reports process and system CPU time in USER_HZ ticks, 100 a second on every usual kernel. */
const TICKS_PER_SECOND = 100;

function processSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime
  } catch {
    return null;
  }
}

function machineBusySeconds(): number | null {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0); // idle + iowait
    const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0); // user..steal
    return (total - idle) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export interface CpuShares {
  /** Share of one core, in percent, over the metered time. */
  bench: number;
  server: number | null;
  /** Everything else on the machine: other tests or builds running beside the benchmark skew it. */
  others: number | null;
}

/**
 * Where the CPU went while a benchmark ran: this process (the load generator), the server under test,
 * and everything else. A load generator near 100% means the figure measures the client, not the hub;
 * a large `others` means the box was busy and the figures are pessimistic. Metering can be started and
 * stopped repeatedly (one server's turns in an interleaved run); the shares cover the metered time only.
 */
export class CpuMeter {
  private totals = { wall: 0, bench: 0, server: 0 as number | null, machine: 0 as number | null };
  private open: { wall: number; bench: number; server: number | null; machine: number | null } | null = null;

  constructor(private readonly serverPid: number) {}

  private sample() {
    const usage = process.cpuUsage();
    return {
      wall: performance.now() / 1000,
      bench: (usage.user + usage.system) / 1e6,
      server: processSeconds(this.serverPid),
      machine: machineBusySeconds(),
    };
  }

  start(): void {
    this.open = this.sample();
  }

  stop(): void {
    if (!this.open) return;
    const now = this.sample();
    const started = this.open;
    this.open = null;
    const add = (total: number | null, from: number | null, to: number | null) => (total === null || from === null || to === null ? null : total + to - from);
    this.totals = {
      wall: this.totals.wall + now.wall - started.wall,
      bench: this.totals.bench + now.bench - started.bench,
      server: add(this.totals.server, started.server, now.server),
      machine: add(this.totals.machine, started.machine, now.machine),
    };
  }

  shares(): CpuShares {
    this.stop();
    const { wall, bench, server, machine } = this.totals;
    const percent = (seconds: number) => (wall > 0 ? Math.round((100 * seconds) / wall) : 0);
    return {
      bench: percent(bench),
      server: server === null ? null : percent(server),
      others: machine === null || server === null ? null : Math.max(0, percent(machine - bench - server)),
    };
  }
}

export function describeCpu(shares: CpuShares): string {
  const part = (value: number | null) => (value === null ? 'n/a' : `${value}%`);
  return `CPU (% of one core): load generator ${part(shares.bench)}, server ${part(shares.server)}, other processes ${part(shares.others)}`;
}
