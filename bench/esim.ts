/**
 * The eSIM catalogue's two figures, each beside a plain SQLite read measured in the same run on the same data:
 *
 * 1. Refresh: Airalo's catalogue of 5,000 packages (250 countries × 20) read from a fake Airalo over
 *    HTTP through the outbox, parsed, diffed against the stored one and written, first when every
 *    package is new, then when 500 prices changed. Beside: a plain SELECT of the 5,000 stored rows.
 * 2. The guest's filtered list (`GET /api/guest/esim/packages?country=..` as the catalogue answers it:
 *    offered, live, priced in the venue currency), with every package offered. Beside: a plain
 *    SELECT of one country's rows by its index.
 *
 * Correctness is checked too: the refresh must store exactly 5,000 packages, and every filtered list
 * must hold exactly its country's 20 packages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHub, type Hub } from '../hub/src/app.ts';
import { loadConfig } from '../hub/src/config.ts';
import { FakeAiralo, type FakeCountryEntry } from '../hub/test/support/fake-airalo.ts';
import { summarize, type Summary } from './support/stats.ts';

export interface EsimReport {
  packages: number;
  refreshNew: number;
  refreshChanged: number;
  plainReadAll: Summary;
  guestList: Summary;
  plainCountryRead: Summary;
}

const COUNTRIES = 250;
const PER_COUNTRY = 20;

/** "AA", "AB", … : 250 distinct two-letter codes. */
const codeOf = (index: number) => String.fromCharCode(65 + Math.floor(index / 26), 65 + (index % 26));

function catalogue(priceBump = 0): FakeCountryEntry[] {
  return Array.from({ length: COUNTRIES }, (_, c) => ({
    slug: `country-${c}`,
    countryCode: codeOf(c),
    title: `Country ${codeOf(c)}`,
    operatorType: 'local' as const,
    coverage: [codeOf(c)],
    packages: Array.from({ length: PER_COUNTRY }, (_, p) => ({
      id: `bench-${codeOf(c).toLowerCase()}-${p}`,
      title: `Bench ${codeOf(c)} ${p + 1} GB - ${7 + p} Days`,
      amount: 1024 * (p + 1),
      day: 7 + p,
      // Every tenth country's prices move in the second refresh: 500 changed packages.
      price: ((450 + p * 50 + (c % 10 === 0 ? priceBump : 0)) / 100).toFixed(2),
      netPrice: ((360 + p * 40) / 100).toFixed(2),
    })),
  }));
}

async function waitForSync(hub: Hub, after: string | null): Promise<void> {
  const store = hub.modules.esim!.store;
  for (;;) {
    const settings = store.settings();
    if (settings?.catalogueSyncedAt && settings.catalogueSyncedAt !== after) return;
    if (settings?.catalogueProblem) throw new Error(`the refresh did not apply: ${settings.catalogueProblem}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function timedRefresh(hub: Hub): Promise<number> {
  const before = hub.modules.esim!.store.settings()?.catalogueSyncedAt ?? null;
  const started = performance.now();
  await hub.modules.esim!.airalo.refreshCatalogue('manager');
  await waitForSync(hub, before);
  return performance.now() - started;
}

function timed(rounds: number, run: (round: number) => void): Summary {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    run(round);
    times.push(performance.now() - started);
  }
  return summarize(times);
}

export async function runEsimBench(rounds = 500): Promise<EsimReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-bench-esim-'));
  const fake = await FakeAiralo.start();
  fake.catalogue = catalogue();
  const hub = await createHub(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', MDNS: 'off', AIRALO_API_URL: fake.url }), {
    // The bench measures the hub's work, not Airalo's published rate limit.
    outbox: { budgets: { airalo: { windows: [{ limit: 1_000, intervalMs: 1_000 }] } } },
  });
  try {
    await hub.listen();
    const esim = hub.modules.esim!;
    await esim.airalo.saveRate('0.92');
    // Saving the credentials queues the first refresh: it is timed from here.
    const before = esim.store.settings()?.catalogueSyncedAt ?? null;
    const started = performance.now();
    await esim.airalo.saveCredentials({ clientId: fake.clientId, clientSecret: fake.clientSecret });
    await waitForSync(hub, before);
    const refreshNew = performance.now() - started;
    const packages = esim.store.counts().packages;
    if (packages !== COUNTRIES * PER_COUNTRY) throw new Error(`the refresh stored ${packages} packages, not ${COUNTRIES * PER_COUNTRY}`);

    fake.catalogue = catalogue(25);
    const refreshChanged = await timedRefresh(hub);
    if (esim.store.package('bench-aa-0')?.retailUsdMinor !== 475) throw new Error('the second refresh did not apply the changed prices');

    const sqlite = hub.context.store.sqlite;
    const readAll = sqlite.prepare('SELECT * FROM esim_packages');
    const plainReadAll = timed(50, () => {
      if (readAll.all().length !== packages) throw new Error('the plain read lost rows');
    });

    const at = new Date().toISOString();
    sqlite.transaction(() => {
      for (const row of sqlite.prepare('SELECT id FROM esim_packages').pluck().all() as string[]) esim.store.saveOffer(row, true, null, at);
    })();
    const guestList = timed(rounds, (round) => {
      const listed = esim.catalogue.offered({ country: codeOf(round % COUNTRIES) });
      if (listed.length !== PER_COUNTRY) throw new Error(`country ${codeOf(round % COUNTRIES)} listed ${listed.length} packages, not ${PER_COUNTRY}`);
    });
    const countryRead = sqlite.prepare('SELECT * FROM esim_packages WHERE country_code = ?');
    const plainCountryRead = timed(rounds, (round) => {
      if (countryRead.all(codeOf(round % COUNTRIES)).length !== PER_COUNTRY) throw new Error('the plain country read lost rows');
    });
    return { packages, refreshNew, refreshChanged, plainReadAll, guestList, plainCountryRead };
  } finally {
    await hub.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runEsimBench();
  console.log(`eSIM catalogue refresh of ${r.packages.toLocaleString('en-US')} packages (HTTP, parse, diff, write): all new ${r.refreshNew.toFixed(0)} ms, 500 changed ${r.refreshChanged.toFixed(0)} ms`);
  console.log(`baseline (a plain SELECT of the ${r.packages.toLocaleString('en-US')} rows): p50 ${r.plainReadAll.p50.toFixed(2)} ms; ratio ${(r.refreshNew / r.plainReadAll.p50).toFixed(0)}× (new), ${(r.refreshChanged / r.plainReadAll.p50).toFixed(0)}× (changed)`);
  console.log(`guest's list of one country, priced: p50 ${r.guestList.p50.toFixed(3)} ms, p99 ${r.guestList.p99.toFixed(3)} ms`);
  console.log(`baseline (a plain SELECT by country): p50 ${r.plainCountryRead.p50.toFixed(3)} ms, p99 ${r.plainCountryRead.p99.toFixed(3)} ms; ratio p99 ${(r.guestList.p99 / r.plainCountryRead.p99).toFixed(1)}×`);
}
