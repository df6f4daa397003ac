import { INGEST_TARGET_PER_SECOND, runOrderIngest, type IngestReport } from './order-ingest.ts';
import { KDS_TARGET_P99_MS, runKdsLatency, type KdsReport } from './kds-latency.ts';
import { DRAIN_BUDGET_PER_SECOND, OVERHEAD_TARGET, runOutboxBench, type OutboxBenchReport } from './outbox-drain.ts';
import { runPrinting, type PrintingReport } from './printing.ts';
import { runTonMatching, type TonMatchingReport } from './ton-matching.ts';
import { AVAILABILITY_TARGET_P99_MS, runHotelBench, type HotelReport } from './hotel.ts';
import { runEsimBench, type EsimReport } from './esim.ts';
import { runSyncCatchup, SYNC_TARGET_BYTES_PER_ORDER, SYNC_TARGET_SECONDS, type SyncCatchupReport } from './sync-catchup.ts';
import { runSpeechRecognition, SPEECH_TARGET_RTF, type SpeechReport } from './speech-recognition.ts';
import type { CpuShares } from './support/cpu-meter.ts';

/**
 * `npm run bench`: every benchmark in turn, each beside its baseline measured in the same run, then one
 * summary table. A benchmark whose correctness check fails (an order lost, an event missing) fails the
 * run; a missed performance target is reported in the table but does not, since it depends on the box.
 */

type Row = [what: string, hub: string, baseline: string, ratio: string, target: string, others: string];

const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
const millis = (value: number) => `${value.toFixed(1)} ms`;
const othersOf = (hub: CpuShares, baseline: CpuShares) => `${hub.others ?? '?'}% / ${baseline.others ?? '?'}%`;

function ingestRows(report: IngestReport): Row[] {
  return report.runs.map((run) => [
    `durable orders, GROUP_COMMIT=${run.groupCommit}`,
    rate(run.perSecond),
    rate(report.baseline.perSecond),
    `${(run.perSecond / report.baseline.perSecond).toFixed(3)}×`,
    `≥ ${INGEST_TARGET_PER_SECOND.toLocaleString('en-US')}/s ${run.perSecond >= INGEST_TARGET_PER_SECOND ? 'met' : 'MISSED'}`,
    othersOf(run.cpu, report.baseline.cpu),
  ]);
}

function kdsRows(report: KdsReport): Row[] {
  const { hub, baseline } = report;
  const others = othersOf(hub.cpu, baseline.cpu);
  return [
    ['send → grill KDS socket, p50', millis(hub.eachGrill.p50), millis(baseline.eachGrill.p50), `${(hub.eachGrill.p50 / baseline.eachGrill.p50).toFixed(2)}×`, '', others],
    [
      'send → grill KDS socket, p99',
      millis(hub.eachGrill.p99),
      millis(baseline.eachGrill.p99),
      `${(hub.eachGrill.p99 / baseline.eachGrill.p99).toFixed(2)}×`,
      `< ${KDS_TARGET_P99_MS} ms ${hub.eachGrill.p99 < KDS_TARGET_P99_MS ? 'met' : 'MISSED'}`,
      others,
    ],
    ['send → all 100 grill sockets, p99', millis(hub.allGrill.p99), millis(baseline.allGrill.p99), `${(hub.allGrill.p99 / baseline.allGrill.p99).toFixed(2)}×`, '', others],
  ];
}

function printingRows(report: PrintingReport): Row[] {
  return [
    ['kitchen tickets rendered (build + ESC/POS)', rate(report.ticketsPerSecond), `${rate(report.textOnlyPerSecond)} text only`, `${(report.ticketsPerSecond / report.textOnlyPerSecond).toFixed(4)}×`, '', ''],
    ['order POST → ticket bytes at printer, p50', millis(report.orderToBytes.p50), `${millis(report.transportOnly.p50)} transport only`, `${(report.orderToBytes.p50 / report.transportOnly.p50).toFixed(1)}×`, '', ''],
    ['order POST → ticket bytes at printer, p99', millis(report.orderToBytes.p99), `${millis(report.transportOnly.p99)} transport only`, `${(report.orderToBytes.p99 / report.transportOnly.p99).toFixed(1)}×`, '', ''],
  ];
}

function syncRows(report: SyncCatchupReport): Row[] {
  const n = report.orders.toLocaleString('en-US');
  return [
    [`${n} offline orders → cloud report rows after pairing`, `${report.catchupSeconds.toFixed(1)} s`, '', '', `< ${SYNC_TARGET_SECONDS} s ${report.catchupSeconds < SYNC_TARGET_SECONDS ? 'met' : 'MISSED'}`, ''],
    [
      'bytes on the wire per order',
      `${report.wireBytesPerOrder.toFixed(0)} B`,
      `${report.plainV1BytesPerOrder} B plain V1 update`,
      `${(report.wireBytesPerOrder / report.plainV1BytesPerOrder).toFixed(2)}×`,
      `< ${SYNC_TARGET_BYTES_PER_ORDER} B ${report.wireBytesPerOrder < SYNC_TARGET_BYTES_PER_ORDER ? 'met' : 'MISSED'}`,
      '',
    ],
  ];
}

function speechRows(report: SpeechReport): Row[] {
  const rtfRow = (what: string, rtf: number, target: string): Row => [what, rtf.toFixed(2), '1.00 (real time)', `${rtf.toFixed(2)}×`, target, ''];
  const met = (rtf: number) => `< ${SPEECH_TARGET_RTF} ${rtf < SPEECH_TARGET_RTF ? 'met' : 'MISSED'}`;
  return [
    rtfRow(`speech RTF, 10 s clip, synthetic tiny, ${report.threads} threads, language given`, report.rtfLanguageGiven, met(report.rtfLanguageGiven)),
    rtfRow('speech RTF, same clip, language detected', report.rtfLanguageDetected, met(report.rtfLanguageDetected)),
    ['10 s WAV upload → transcription (hub path)', millis(report.hubMs), `${millis(report.directMs)} recognizer alone`, `${(report.hubMs / report.directMs).toFixed(2)}×`, '', ''],
  ];
}

function outboxRows(report: OutboxBenchReport): Row[] {
  const { drain, overhead } = report;
  const budget = `${DRAIN_BUDGET_PER_SECOND}/s budget`;
  return [
    [`outbox: ${drain.jobs.toLocaleString('en-US')} jobs drained after the vendor came back`, rate(drain.vendorRate), budget, `${(drain.vendorRate / drain.budgetPerSecond).toFixed(3)}×`, '≤ budget', ''],
    [
      'outbox: busiest 1 s window at the vendor',
      `${drain.busiestSecond}`,
      budget,
      `${(drain.busiestSecond / drain.budgetPerSecond).toFixed(3)}×`,
      `≤ ${DRAIN_BUDGET_PER_SECOND} ${drain.busiestSecond <= DRAIN_BUDGET_PER_SECOND ? 'met' : 'MISSED'}; ${drain.duplicateKeys} keys twice`,
      '',
    ],
    [
      'durable orders with an outbox job each',
      rate(overhead.withOutbox.perSecond),
      `${rate(overhead.withoutOutbox.perSecond)} without`,
      `${(1 - overhead.overhead).toFixed(3)}× (median round)`,
      `overhead < ${OVERHEAD_TARGET * 100} % ${overhead.overhead < OVERHEAD_TARGET ? 'met' : 'MISSED'}`,
      othersOf(overhead.withOutbox.cpu, overhead.withoutOutbox.cpu),
    ],
  ];
}

function tonRows(report: TonMatchingReport): Row[] {
  const what = `TON poll matching, ${report.invoices.toLocaleString('en-US')} invoices × ${report.transactions.toLocaleString('en-US')} transactions, p50`;
  return [[what, millis(report.match.p50), `${millis(report.baseline.p50)} Map lookups`, `${(report.match.p50 / report.baseline.p50).toFixed(1)}×`, '', '']];
}

function hotelRows(report: HotelReport): Row[] {
  const { availability, countBaseline, booking, plainInsert } = report;
  return [
    [
      `availability, ${report.rooms} rooms × 365 nights, ${report.bookings.toLocaleString('en-US')} bookings, p99`,
      millis(availability.p99),
      `${millis(countBaseline.p99)} bare count`,
      `${(availability.p99 / countBaseline.p99).toFixed(1)}×`,
      `< ${AVAILABILITY_TARGET_P99_MS} ms ${availability.p99 < AVAILABILITY_TARGET_P99_MS ? 'met' : 'MISSED'}`,
      '',
    ],
    ['bookings with the availability check', rate(booking.perSecond), `${rate(plainInsert.perSecond)} plain inserts`, `${(booking.perSecond / plainInsert.perSecond).toFixed(3)}×`, '', ''],
  ];
}

function esimRows(report: EsimReport): Row[] {
  const packages = report.packages.toLocaleString('en-US');
  return [
    [`eSIM catalogue refresh, ${packages} packages, all new`, millis(report.refreshNew), `${millis(report.plainReadAll.p50)} plain SELECT of all`, `${(report.refreshNew / report.plainReadAll.p50).toFixed(0)}×`, '', ''],
    [`eSIM catalogue refresh, ${packages} packages, 500 changed`, millis(report.refreshChanged), `${millis(report.plainReadAll.p50)} plain SELECT of all`, `${(report.refreshChanged / report.plainReadAll.p50).toFixed(0)}×`, '', ''],
    ["guest's eSIM list of one country, priced, p99", millis(report.guestList.p99), `${millis(report.plainCountryRead.p99)} plain SELECT by country`, `${(report.guestList.p99 / report.plainCountryRead.p99).toFixed(1)}×`, '', ''],
  ];
}

function printTable(rows: Row[]): void {
  const header: Row = ['benchmark', 'hub', 'baseline', 'ratio', 'target', 'other CPU hub/base'];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const format = (row: Row) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(format(row));
}

const started = performance.now();
const rows: Row[] = [];
/** CPU used by other processes during each measurement, in % of one core. */
const othersCpu: number[] = [];
let fsyncLine = '';
const noteOthers = (...shares: CpuShares[]) => othersCpu.push(...shares.flatMap((share) => (share.others === null ? [] : [share.others])));
const failures: string[] = [];

for (const [name, run] of [
  [
    'order-ingest',
    async () => {
      const report = await runOrderIngest();
      rows.push(...ingestRows(report));
      fsyncLine = `disk: 4 KiB write + fsync p50 ${millis(report.fsync.p50)}, p99 ${millis(report.fsync.p99)} (the floor under each durable commit)`;
      noteOthers(report.baseline.cpu, ...report.runs.map((run) => run.cpu));
    },
  ],
  [
    'kds-latency',
    async () => {
      const report = await runKdsLatency();
      rows.push(...kdsRows(report));
      noteOthers(report.baseline.cpu, report.hub.cpu);
    },
  ],
  [
    'sync-catchup',
    async () => {
      rows.push(...syncRows(await runSyncCatchup()));
    },
  ],
  [
    'printing',
    async () => {
      rows.push(...printingRows(await runPrinting()));
    },
  ],
  [
    'outbox-drain',
    async () => {
      const report = await runOutboxBench();
      rows.push(...outboxRows(report));
      noteOthers(report.overhead.withOutbox.cpu, report.overhead.withoutOutbox.cpu);
    },
  ],
  [
    'ton-matching',
    async () => {
      rows.push(...tonRows(await runTonMatching()));
    },
  ],
  [
    'hotel',
    async () => {
      rows.push(...hotelRows(await runHotelBench()));
    },
  ],
  [
    'esim',
    async () => {
      rows.push(...esimRows(await runEsimBench()));
    },
  ],
  [
    'speech-recognition',
    async () => {
      rows.push(...speechRows(await runSpeechRecognition()));
    },
  ],
] as const) {
  try {
    await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`\n${name} FAILED: ${message}`);
    failures.push(`${name}: ${message.split('\n')[0]}`);
  }
}

console.log(`\n== summary (${((performance.now() - started) / 1000).toFixed(0)} s) ==`);
if (rows.length > 0) printTable(rows);
if (fsyncLine) console.log(fsyncLine);
const busiest = Math.max(0, ...othersCpu);
if (busiest > 25) {
  console.log(
    `\nWARNING: other processes used up to ${busiest}% of a core (of 200%) while these figures were measured;` +
      ' they are pessimistic. Run the benchmarks on an otherwise idle machine.',
  );
}
if (failures.length > 0) {
  console.error(`\n${failures.length} benchmark(s) FAILED:\n  - ${failures.join('\n  - ')}`);
  process.exitCode = 1;
}
