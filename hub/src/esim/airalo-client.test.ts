import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeAiralo, type FakeCountryEntry } from '../../test/support/fake-airalo.ts';
import { sendContext, vendorError } from '../../test/support/vendor-calls.ts';
import { AiraloClient, MemoryTokenProvider } from './airalo-client.ts';
import { decimalToMinor } from './airalo-shapes.ts';

const catalogue = (): FakeCountryEntry[] => [
  {
    slug: 'turkey',
    countryCode: 'TR',
    title: 'Turkey',
    operatorType: 'local',
    coverage: ['TR'],
    packages: [
      { id: 'merhaba-7days-1gb', title: 'Merhaba-1 GB - 7 Days', amount: 1024, day: 7, price: 4.5, netPrice: 3.6 },
      { id: 'merhaba-30days-3gb', title: 'Merhaba-3 GB - 30 Days', amount: 3072, day: 30, price: '9.50', netPrice: '7.60' },
      { id: 'merhaba-topup-1gb', type: 'topup', title: 'Merhaba top-up 1 GB', amount: 1024, day: 7, price: 4.5, netPrice: 3.6 },
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
  { slug: 'germany', countryCode: 'DE', title: 'Germany', operatorType: 'local', coverage: ['DE'], packages: [{ id: 'hallo-15days-2gb', title: 'Hallo-2 GB - 15 Days', amount: 2048, day: 15, price: 0.29, netPrice: 0.2 }] },
  {
    slug: 'europe',
    countryCode: '',
    title: 'Europe',
    operatorType: 'global',
    coverage: ['FR', 'DE', 'IT'],
    packages: [{ id: 'eurolink-30days-5gb', title: 'Eurolink-5 GB - 30 Days', amount: 5120, day: 30, price: 19, netPrice: 13.3 }],
  },
  {
    slug: 'broken',
    countryCode: 'XX',
    title: 'Broken',
    operatorType: 'local',
    coverage: ['XX'],
    packages: [{ id: 'no-price', title: 'No price', amount: 1024, day: 7, price: 'free', netPrice: 'free' }],
  },
];

describe('the Airalo client', () => {
  let fake: FakeAiralo;
  let client: AiraloClient;
  // What the venue's manager entered; the fake's own pair can be changed to refuse them.
  const credentials = () => ({ clientId: 'airalo-test-client', clientSecret: 'airalo-test-secret' });

  /** A client with its own token provider, as the hub builds it: tokens come from the client's POST /token. */
  function makeClient(timeoutMs = 5_000): { client: AiraloClient } {
    const tokenClient = new AiraloClient({ baseUrl: fake.url, tokens: { token: async () => '', invalidate: () => {} }, timeoutMs });
    const provider = new MemoryTokenProvider((context) => tokenClient.requestToken(credentials(), context));
    return { client: new AiraloClient({ baseUrl: fake.url, tokens: provider, timeoutMs }) };
  }

  beforeAll(async () => {
    fake = await FakeAiralo.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.catalogue = catalogue();
    fake.unavailable.clear();
    fake.orders.length = 0;
    fake.sims.clear();
    fake.revokeTokens();
    fake.resetCalls();
    fake.clientSecret = 'airalo-test-secret';
    fake.expiresIn = 31_622_400;
    ({ client } = makeClient());
  });

  it('asks for a token once, with the client credentials as form fields, and reuses it', async () => {
    const context = sendContext();
    await client.getPackages({ country: 'TR' }, context);
    const order = await client.submitOrder({ packageId: 'merhaba-7days-1gb', description: 'sale-A1' }, context);
    await client.getSim(order.sims[0]!.iccid, context);
    expect(fake.count('token')).toBe(1);
    expect(fake.callsTo('token')[0]!.form).toEqual({ client_id: 'airalo-test-client', client_secret: 'airalo-test-secret', grant_type: 'client_credentials' });
    expect(new Set(fake.calls.filter((call) => call.endpoint !== 'token').map((call) => call.authorization)).size).toBe(1);
    expect(fake.callsTo('packages')[0]!.authorization).toMatch(/^Bearer fake-airalo-token-\d+$/);
    // Every request, the token's included, spends one of the outbox budget.
    expect(context.taken).toBe(4);
  });

  it('drops a token Airalo refuses (401) and goes once more with a fresh one', async () => {
    await client.getPackages({}, sendContext());
    fake.revokeTokens();
    const read = await client.getPackages({ country: 'FR' }, sendContext());
    expect(read.packages.map((item) => item.id)).toEqual(['bonjour-7days-unlimited']);
    expect(fake.count('token')).toBe(2);
    expect(fake.callsTo('packages').map((call) => call.status)).toEqual([200, 401, 200]);
  });

  it('refreshes only once: a fresh token refused again is a permanent error for a person', async () => {
    // Every token is revoked the moment it is issued: the credentials work, the tokens do not.
    const revoking = new MemoryTokenProvider(async (context) => {
      const token = await makeClient().client.requestToken(credentials(), context);
      fake.revokeTokens();
      return token;
    });
    const refusing = new AiraloClient({ baseUrl: fake.url, tokens: revoking, timeoutMs: 5_000 });
    const error = await vendorError(refusing.getUsage('8944465400000000001', sendContext()));
    expect(error.kind).toBe('permanent');
    expect(error.options.status).toBe(401);
    expect(error.message).toMatch(/refused a fresh access token.*credentials under Integrations/);
    expect(fake.count('token')).toBe(2);
    expect(fake.count('usage')).toBe(2);
  });

  it('asks for a new token before the one held runs out, trusting expires_in', async () => {
    fake.expiresIn = 60;
    let now = Date.UTC(2026, 11, 7, 12, 0, 0);
    const tokenClient = makeClient().client;
    const provider = new MemoryTokenProvider((context) => tokenClient.requestToken(credentials(), context), () => now);
    const timed = new AiraloClient({ baseUrl: fake.url, tokens: provider, timeoutMs: 5_000 });
    await timed.getPackages({ country: 'TR' }, sendContext());
    now += 53_000;
    await timed.getPackages({ country: 'TR' }, sendContext());
    expect(fake.count('token')).toBe(1);
    // Six seconds (a tenth of 60 s) before its end, the token is renewed rather than risked.
    now += 1_000;
    await timed.getPackages({ country: 'TR' }, sendContext());
    expect(fake.count('token')).toBe(2);
    const [first, second, third] = fake.callsTo('packages').map((call) => call.authorization);
    expect(second).toBe(first);
    expect(third).not.toBe(first);
  });

  it('tells a person when Airalo refuses the client id or secret', async () => {
    fake.clientSecret = 'rotated-secret';
    const error = await vendorError(client.getPackages({}, sendContext()));
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/refused the client id or secret \(422: The client id or client secret is invalid\.\)/);
    expect(fake.count('packages')).toBe(0);
  });

  it('shares one token request between calls that start together', async () => {
    await Promise.all([client.getPackages({ country: 'TR' }, sendContext()), client.getPackages({ country: 'FR' }, sendContext()), client.getPackages({ country: 'DE' }, sendContext())]);
    expect(fake.count('token')).toBe(1);
    expect(fake.count('packages')).toBe(3);
  });

  it('reads the catalogue page after page, with data in MB, days and prices in cents', async () => {
    const read = await client.getPackages({ limit: 2, includeTopups: true }, sendContext());
    expect(read.pages).toBe(3);
    expect(read.complete).toBe(true);
    expect(read.skipped).toBe(1);
    expect(fake.callsTo('packages').map((call) => call.query)).toEqual([1, 2, 3].map((page) => ({ limit: '2', include: 'topup', page: String(page) })));
    const byId = new Map(read.packages.map((item) => [item.id, item]));
    expect([...byId.keys()]).toEqual(['merhaba-7days-1gb', 'merhaba-30days-3gb', 'merhaba-topup-1gb', 'bonjour-7days-unlimited', 'hallo-15days-2gb', 'eurolink-30days-5gb']);
    expect(byId.get('merhaba-7days-1gb')).toEqual({
      id: 'merhaba-7days-1gb',
      type: 'sim',
      title: 'Merhaba-1 GB - 7 Days',
      dataLabel: '1 GB',
      dataMb: 1024,
      isUnlimited: false,
      days: 7,
      priceMinor: 450,
      netPriceMinor: 360,
      currency: 'USD',
      voiceMinutes: null,
      texts: null,
      countryCode: 'TR',
      areaSlug: 'turkey',
      areaTitle: 'Turkey',
      operator: { id: '100', title: 'Turkey Mobile', type: 'local' },
      coverage: ['TR'],
    });
    expect(byId.get('merhaba-30days-3gb')).toMatchObject({ dataMb: 3072, days: 30, priceMinor: 950, netPriceMinor: 760 });
    expect(byId.get('merhaba-topup-1gb')).toMatchObject({ type: 'topup' });
    // 2.3 is 229.99999999999997 cents through a float; 0.29 is 28.999999999999996.
    expect(byId.get('bonjour-7days-unlimited')).toMatchObject({ dataMb: null, isUnlimited: true, dataLabel: 'Unlimited', priceMinor: 230, netPriceMinor: 115 });
    expect(byId.get('hallo-15days-2gb')).toMatchObject({ priceMinor: 29, netPriceMinor: 20 });
    expect(byId.get('eurolink-30days-5gb')).toMatchObject({ countryCode: null, operator: { type: 'global' }, coverage: ['FR', 'DE', 'IT'], priceMinor: 1900, netPriceMinor: 1330 });
  });

  it('sends the filters Airalo documents', async () => {
    const read = await client.getPackages({ type: 'global' }, sendContext());
    expect(read.packages.map((item) => item.id)).toEqual(['eurolink-30days-5gb']);
    const country = await client.getPackages({ type: 'local', country: 'TR' }, sendContext());
    expect(country.packages.map((item) => item.id)).toEqual(['merhaba-7days-1gb', 'merhaba-30days-3gb']);
    expect(fake.callsTo('packages').map((call) => call.query)).toEqual([
      { 'filter[type]': 'global', page: '1' },
      { 'filter[type]': 'local', 'filter[country]': 'TR', page: '1' },
    ]);
  });

  it('orders one eSIM and returns its ICCID, SM-DP+ address and matching id', async () => {
    const order = await client.submitOrder({ packageId: 'merhaba-30days-3gb', description: 'sale-019b0000-0001' }, sendContext());
    expect(fake.count('orders:post')).toBe(1);
    expect(fake.callsTo('orders:post')[0]!.form).toEqual({ quantity: '1', package_id: 'merhaba-30days-3gb', type: 'sim', description: 'sale-019b0000-0001' });
    const stored = fake.orders[0]!;
    const sim = fake.sims.get(stored.iccids[0]!)!;
    expect(order).toMatchObject({ id: String(stored.id), code: stored.code, packageId: 'merhaba-30days-3gb', quantity: 1, description: 'sale-019b0000-0001', currency: 'USD', priceMinor: 950, netPriceMinor: 760 });
    expect(order.sims).toEqual([
      expect.objectContaining({ iccid: sim.iccid, lpa: 'lpa.airalo.test', matchingId: sim.matchingId, qrcode: `LPA:1$lpa.airalo.test$${sim.matchingId}` }),
    ]);
  });

  it('finds an order whose answer never came, by its description, exactly', async () => {
    const { client: impatient } = makeClient(300);
    await client.submitOrder({ packageId: 'merhaba-7days-1gb', description: 'sale-10' }, sendContext());
    fake.plan('orders:post', { hold: true });
    const lost = await vendorError(impatient.submitOrder({ packageId: 'merhaba-7days-1gb', description: 'sale-1' }, sendContext()));
    expect(lost.kind).toBe('retry');
    expect(lost.message).toMatch(/did not answer POST \/orders/);
    expect(fake.heldCount).toBe(1);

    const found = await client.findOrderByDescription('sale-1', sendContext());
    expect(found?.description).toBe('sale-1');
    expect(found?.sims[0]?.iccid).toBe(fake.orders[1]!.iccids[0]);
    expect(fake.callsTo('orders:get')[0]!.query).toEqual({ 'filter[description]': 'sale-1', include: 'sims', limit: '50', page: '1' });
    expect(fake.count('orders:post')).toBe(2);
    expect(await client.findOrderByDescription('sale-2', sendContext())).toBeNull();
    fake.releaseHeld();
  });

  it('calls two orders for one sale a case for a person', async () => {
    await client.submitOrder({ packageId: 'merhaba-7days-1gb', description: 'sale-B2' }, sendContext());
    await client.submitOrder({ packageId: 'merhaba-7days-1gb', description: 'sale-B2' }, sendContext());
    const error = await vendorError(client.findOrderByDescription('sale-B2', sendContext()));
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/holds 2 orders for sale sale-B2/);
  });

  it('reads an eSIM, its usage and its installation instructions', async () => {
    const order = await client.submitOrder({ packageId: 'merhaba-7days-1gb', description: 'sale-C3' }, sendContext());
    const iccid = order.sims[0]!.iccid;
    expect(await client.getSim(iccid, sendContext())).toMatchObject({ iccid, lpa: 'lpa.airalo.test', matchingId: order.sims[0]!.matchingId, apnType: 'automatic', isRoaming: true });
    expect(await client.getUsage(iccid, sendContext())).toEqual({
      remainingMb: 1024,
      totalMb: 1024,
      expiredAt: '2027-01-07 12:00:00',
      isUnlimited: false,
      status: 'NOT_ACTIVE',
      remainingVoice: null,
      remainingText: null,
      totalVoice: null,
      totalText: null,
    });
    const instructions = await client.getInstructions(iccid, sendContext());
    expect(instructions.language).toBe('EN');
    expect(instructions.ios[0]).toMatchObject({
      qrCodeSteps: ['Go to Settings > Cellular > Add eSIM.', 'Scan the QR code.'],
      qrCodeData: `LPA:1$lpa.airalo.test$${order.sims[0]!.matchingId}`,
      smdpAddressAndActivationCode: `lpa.airalo.test ${order.sims[0]!.matchingId}`,
      networkSteps: ['Turn on data roaming.'],
    });
  });

  describe('failures, as the outbox reads them', () => {
    it('a 500 is tried again', async () => {
      fake.plan('packages', { status: 500, message: 'Server Error' });
      const error = await vendorError(client.getPackages({}, sendContext()));
      expect(error).toMatchObject({ kind: 'retry', options: { status: 500 } });
      expect(error.message).toMatch(/failed the package list \(500: Server Error\); the hub tries again/);
    });

    it('a 429 waits as long as Retry-After asks', async () => {
      fake.plan('usage', { status: 429, message: 'Too Many Attempts.', retryAfter: '840' });
      const order = await client.submitOrder({ packageId: 'merhaba-7days-1gb', description: 'sale-D4' }, sendContext());
      const error = await vendorError(client.getUsage(order.sims[0]!.iccid, sendContext()));
      expect(error).toMatchObject({ kind: 'rate_limited', options: { status: 429, retryAfterMs: 840_000 } });
    });

    it('a package Airalo no longer sells is a 422 for a person, in Airalo words, and orders nothing', async () => {
      fake.unavailable.add('merhaba-7days-1gb');
      const error = await vendorError(client.submitOrder({ packageId: 'merhaba-7days-1gb', description: 'sale-E5' }, sendContext()));
      expect(error).toMatchObject({ kind: 'permanent', options: { status: 422 } });
      expect(error.message).toBe('Airalo refused the order (422: The package merhaba-7days-1gb is currently not available.).');
      expect(fake.orders).toHaveLength(0);
    });

    it('an unknown eSIM is a 404 for a person', async () => {
      const error = await vendorError(client.getSim('8944465400000099999', sendContext()));
      expect(error).toMatchObject({ kind: 'permanent', options: { status: 404 } });
      expect(error.message).toMatch(/ICCID 8944465400000099999 was not found/);
    });

    it('an HTML page instead of JSON is tried again, whatever its status', async () => {
      fake.plan('packages', { raw: '<html><body>Bad gateway</body></html>', status: 502 }, { raw: '<html><body>Maintenance</body></html>', status: 200 });
      expect(await vendorError(client.getPackages({}, sendContext()))).toMatchObject({ kind: 'retry', options: { status: 502 } });
      const error = await vendorError(client.getPackages({}, sendContext()));
      expect(error).toMatchObject({ kind: 'retry', options: { status: 200 } });
      expect(error.message).toMatch(/not JSON/);
    });

    it('an order answer of the wrong shape is tried again after a lookup, never recorded half', async () => {
      fake.plan('orders:post', { raw: JSON.stringify({ data: { id: 'x', package_id: 7, sims: 'none' }, meta: { message: 'success' } }), contentType: 'application/json' });
      const error = await vendorError(client.submitOrder({ packageId: 'merhaba-7days-1gb', description: 'sale-F6' }, sendContext()));
      expect(error.kind).toBe('retry');
      expect(error.message).toMatch(/no readable eSIM; the hub looks the order up/);
    });

    it('a package list of the wrong shape is tried again', async () => {
      fake.plan('packages', { raw: JSON.stringify({ data: 'none' }), contentType: 'application/json' });
      const error = await vendorError(client.getPackages({}, sendContext()));
      expect(error.kind).toBe('retry');
      expect(error.message).toMatch(/shape the hub cannot read/);
    });

    it('usage of the wrong types is tried again', async () => {
      const order = await client.submitOrder({ packageId: 'merhaba-7days-1gb', description: 'sale-G7' }, sendContext());
      fake.plan('usage', { raw: JSON.stringify({ data: { remaining: 'lots', is_unlimited: 'no' } }), contentType: 'application/json' });
      expect(await vendorError(client.getUsage(order.sims[0]!.iccid, sendContext()))).toMatchObject({ kind: 'retry' });
    });

    it('an Airalo that cannot be reached is tried again', async () => {
      const nowhere = new AiraloClient({ baseUrl: 'http://127.0.0.1:9/v2', tokens: { token: async () => 'unused', invalidate: () => {} }, timeoutMs: 2_000 });
      const error = await vendorError(nowhere.getPackages({}, sendContext()));
      expect(error.kind).toBe('retry');
      expect(error.message).toMatch(/could not be reached/);
    });
  });
});

describe('decimal prices as minor units', () => {
  it('reads the decimal text, never a float product', () => {
    expect(decimalToMinor(4.5)).toBe(450);
    expect(decimalToMinor('9.50')).toBe(950);
    expect(decimalToMinor(2.3)).toBe(230);
    expect(decimalToMinor(0.29)).toBe(29);
    expect(decimalToMinor(19)).toBe(1900);
    // A fraction of a cent is refused, never rounded (the money rules' habit).
    expect(decimalToMinor('4.125')).toBeNull();
    expect(decimalToMinor('4.120')).toBe(412);
  });

  it('refuses what is not a plain non-negative decimal', () => {
    for (const value of [-1, '-1.00', 'free', '', null, undefined, 1e-7, Number.NaN, '1,50', { amount: 1 }]) expect(decimalToMinor(value)).toBeNull();
  });
});
