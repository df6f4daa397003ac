// A demo hub (EUR) with the eSIM module pointed at a FakeAiralo on 127.0.0.1: credentials set, a dollar
// rate of 0.92, the fake's catalogue read, and (optionally) packages offered. For hub tests, e2e tests
// and benchmarks alike.
import type { OutboxOptions } from '../../src/outbox/outbox.ts';
import type { HubOptions } from '../../src/app.ts';
import { startTestHub, type TestHub } from '../harness.ts';
import { QUICK_RETRY, waitFor } from '../outbox-helpers.ts';
import { FakeAiralo, type FakeCountryEntry } from './fake-airalo.ts';

export const MANAGER_PIN = '1111';
export const WAITER_PIN = '2222';
export const FRONT_DESK_PIN = '4444';
export const USD_RATE = '0.92';

/** The fake's default catalogue: local packages in Turkey and France, and a regional one for Europe. */
export function demoAiraloCatalogue(): FakeCountryEntry[] {
  return [
    {
      slug: 'turkey',
      countryCode: 'TR',
      title: 'Turkey',
      operatorType: 'local',
      coverage: ['TR'],
      packages: [
        { id: 'merhaba-7days-1gb', title: 'Merhaba-1 GB - 7 Days', amount: 1024, day: 7, price: 4.5, netPrice: 3.6 },
        { id: 'merhaba-30days-3gb', title: 'Merhaba-3 GB - 30 Days', amount: 3072, day: 30, price: '9.50', netPrice: '7.60' },
      ],
    },
    {
      slug: 'france',
      countryCode: 'FR',
      title: 'France',
      operatorType: 'local',
      coverage: ['FR'],
      packages: [{ id: 'bonjour-7days-unlimited', title: 'Bonjour-Unlimited - 7 Days', amount: 0, day: 7, isUnlimited: true, price: 2.3, netPrice: 1.15 }],
    },
    {
      slug: 'europe',
      countryCode: '',
      title: 'Europe',
      operatorType: 'global',
      coverage: ['FR', 'DE', 'IT'],
      packages: [{ id: 'eurolink-30days-5gb', title: 'Eurolink-5 GB - 30 Days', amount: 5120, day: 30, price: 19, netPrice: 13.3 }],
    },
  ];
}

export const FAKE_PACKAGE_IDS = ['merhaba-7days-1gb', 'merhaba-30days-3gb', 'bonjour-7days-unlimited', 'eurolink-30days-5gb'] as const;

export interface EsimHub {
  hub: TestHub;
  fake: FakeAiralo;
  managerToken: string;
  close(): Promise<void>;
}

export interface EsimHubOptions {
  /** Packages to offer at their floor price once the catalogue is in. */
  offer?: readonly string[];
  env?: Record<string, string>;
  dataDir?: string;
  outbox?: OutboxOptions;
  hubOptions?: Omit<HubOptions, 'clock' | 'outbox'>;
  /** An already running fake (a restart test keeps its orders); one is started otherwise. */
  fake?: FakeAiralo;
  /** Leave the credentials and rate unset (a test of the settings themselves). */
  unconfigured?: boolean;
}

/** Offers packages at their floor price (the manager's PUT), failing loudly on a refusal. */
export async function offerPackages(hub: TestHub, managerToken: string, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const answer = await hub.request('PUT', `/api/admin/esim/packages/${id}`, { offered: true }, managerToken);
    if (answer.status !== 200) throw new Error(`offering ${id} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

/** Waits until the catalogue holds at least `count` packages (read through the manager's route). */
export async function waitForCatalogue(hub: TestHub, count: number): Promise<void> {
  await waitFor(`the eSIM catalogue to hold ${count} packages`, () => {
    const held = hub.hub.modules.esim?.store.counts().packages ?? 0;
    return held >= count ? held : undefined;
  });
}

export async function startEsimHub(options: EsimHubOptions = {}): Promise<EsimHub> {
  const ownsFake = !options.fake;
  const fake = options.fake ?? (await FakeAiralo.start());
  if (ownsFake) fake.catalogue = demoAiraloCatalogue();
  const hub = await startTestHub({
    env: { AIRALO_API_URL: fake.url, ...options.env },
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    hubOptions: { ...options.hubOptions, outbox: { ...QUICK_RETRY, ...options.outbox } },
  });
  const managerToken = await hub.login(MANAGER_PIN);
  if (!options.unconfigured) {
    const rate = await hub.request('PUT', '/api/admin/esim/pricing', { usdRate: USD_RATE }, managerToken);
    if (rate.status !== 200) throw new Error(`setting the dollar rate failed: ${rate.status} ${JSON.stringify(rate.body)}`);
    const saved = await hub.request('PUT', '/api/admin/integrations/airalo', { clientId: fake.clientId, clientSecret: fake.clientSecret }, managerToken);
    if (saved.status !== 200) throw new Error(`setting the Airalo credentials failed: ${saved.status} ${JSON.stringify(saved.body)}`);
    await waitForCatalogue(hub, fake.catalogue.reduce((sum, entry) => sum + entry.packages.filter((pkg) => (pkg.type ?? 'sim') === 'sim').length, 0));
    if (options.offer) await offerPackages(hub, managerToken, options.offer);
  }
  return {
    hub,
    fake,
    managerToken,
    async close() {
      await hub.close();
      if (ownsFake) await fake.close();
    },
  };
}
