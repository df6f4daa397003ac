import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.ts';

interface MenuBody {
  currency: string;
  language: string;
  categories: Array<{ id: string; name: string; items: Array<{ id: string; name: string; available: boolean; priceMinor: number; [key: string]: unknown }> }>;
}

const itemIds = (menu: MenuBody) => menu.categories.flatMap((c) => c.items.map((i) => i.id));
const findItem = (menu: MenuBody, id: string) => menu.categories.flatMap((c) => c.items).find((i) => i.id === id);

interface HubEventMessage {
  seq: number;
  type: string;
  payload: any;
  at: string;
}

/** Connects to a namespace and resolves once the hub says the socket is ready (rooms joined). */
function connect(t: TestHub, namespace: string, token: string): Promise<Socket> {
  const socket = io(`${t.baseUrl}${namespace}`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('ready', () => resolve(socket));
    socket.once('connect_error', (error) => reject(error));
  });
}

function nextEvent(socket: Socket, type: string): Promise<HubEventMessage> {
  return new Promise((resolve) => {
    const onEvent = (event: HubEventMessage) => {
      if (event.type !== type) return;
      socket.off('event', onEvent);
      resolve(event);
    };
    socket.on('event', onEvent);
  });
}

describe('the menu', () => {
  let t: TestHub;
  let manager: string;
  let waiter: string;
  let guest: string;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestHub();
    manager = await t.login('1111');
    waiter = await t.login('2222');
    guest = await t.guestToken('table-3');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t.close();
  });

  const guestMenu = (query = '') => t.request<MenuBody>('GET', `/api/guest/menu${query}`, undefined, guest);
  const staffMenu = (query = '') => t.request<MenuBody>('GET', `/api/menu${query}`, undefined, waiter);
  const patchItem = (id: string, body: unknown, token = manager) => t.request('PATCH', `/api/menu/items/${encodeURIComponent(id)}`, body, token);

  it('serves the guest menu in English by default, with every field the pages read', async () => {
    const response = await guestMenu();
    expect(response.status).toBe(200);
    expect(response.body.currency).toBe('EUR');
    expect(response.body.language).toBe('en');
    expect(response.body.categories.map((c) => c.id)).toEqual(['starters', 'mains', 'desserts', 'drinks']);
    expect(findItem(response.body, 'classic-burger')).toEqual({
      id: 'classic-burger',
      name: 'Classic burger',
      names: { en: 'Classic burger', ru: 'Классический бургер' },
      description: 'Beef patty, cheddar, pickles, brioche bun',
      descriptions: { en: 'Beef patty, cheddar, pickles, brioche bun', ru: 'Говяжья котлета, чеддер, огурцы, бриошь' },
      priceMinor: 1450,
      currency: 'EUR',
      station: 'grill',
      allergens: ['gluten', 'milk', 'mustard', 'sesame'],
      available: true,
      categoryId: 'mains',
      taxRateBp: 700,
      photoUrl: null,
      thumbnailUrl: null,
      modifierGroups: [
        {
          id: 'classic-burger--doneness',
          name: 'Doneness',
          names: { en: 'Doneness', ru: 'Прожарка' },
          minChoices: 1,
          maxChoices: 1,
          modifiers: [
            { id: 'classic-burger--rare', name: 'Rare', names: { en: 'Rare', ru: 'С кровью' }, priceMinor: 0 },
            { id: 'classic-burger--medium', name: 'Medium', names: { en: 'Medium', ru: 'Средняя' }, priceMinor: 0 },
            { id: 'classic-burger--well-done', name: 'Well done', names: { en: 'Well done', ru: 'Полная' }, priceMinor: 0 },
          ],
        },
        {
          id: 'classic-burger--side',
          name: 'Side',
          names: { en: 'Side', ru: 'Гарнир' },
          minChoices: 0,
          maxChoices: 1,
          modifiers: [
            { id: 'classic-burger--burger-fries', name: 'Fries', names: { en: 'Fries', ru: 'Картофель фри' }, priceMinor: 350 },
            { id: 'classic-burger--burger-salad', name: 'Side salad', names: { en: 'Side salad', ru: 'Салат' }, priceMinor: 300 },
          ],
        },
      ],
    });
  });

  it('serves Russian names for lang=ru and ru-RU, and English for a language the venue does not write', async () => {
    for (const lang of ['ru', 'ru-RU']) {
      const ru = await guestMenu(`?lang=${lang}`);
      expect(ru.body.language).toBe('ru');
      expect(ru.body.categories[0]!.name).toBe('Закуски');
      const burger = findItem(ru.body, 'classic-burger') as any;
      expect(burger.name).toBe('Классический бургер');
      expect(burger.description).toBe('Говяжья котлета, чеддер, огурцы, бриошь');
      expect(burger.modifierGroups[0].name).toBe('Прожарка');
      expect(burger.modifierGroups[0].modifiers[0].name).toBe('С кровью');
    }
    const de = await guestMenu('?lang=de');
    expect(de.body.language).toBe('en');
    expect(findItem(de.body, 'classic-burger')!.name).toBe('Classic burger');
  });

  it.each(['RU', 'english', 'r', '../etc', 'ru_RU', 'ru-RUSSIA', '%3Cscript%3E'])('refuses a malformed language "%s"', async (lang) => {
    const response = await t.request('GET', `/api/guest/menu?lang=${lang}`, undefined, guest);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('bad_request');
  });

  it('refuses unknown query parameters', async () => {
    expect((await guestMenu('?lang=en&admin=1')).status).toBe(400);
  });

  it('keeps the guest menu for guests and the staff menu for staff', async () => {
    expect((await t.request('GET', '/api/guest/menu')).status).toBe(401);
    expect((await t.request('GET', '/api/guest/menu', undefined, waiter)).status).toBe(401);
    expect((await t.request('GET', '/api/menu')).status).toBe(401);
    expect((await t.request('GET', '/api/menu', undefined, guest)).status).toBe(401);
    const kitchen = await t.login('3333');
    expect((await t.request('GET', '/api/menu', undefined, kitchen)).status).toBe(200);
  });

  it("hides an 86'd item from guests, shows it to staff as unavailable, and brings it back", async () => {
    const off = await patchItem('greek-salad', { available: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: 'greek-salad', name: 'Greek salad', available: false, priceMinor: 850 });

    expect(itemIds((await guestMenu()).body)).not.toContain('greek-salad');
    expect(findItem((await staffMenu()).body, 'greek-salad')).toMatchObject({ available: false });

    expect((await patchItem('greek-salad', { available: true })).body.available).toBe(true);
    expect(findItem((await guestMenu()).body, 'greek-salad')).toMatchObject({ available: true });
  });

  it('leaves a category out of the guest menu when every item in it is sold out', async () => {
    const desserts = ['cheesecake', 'chocolate-fondant', 'ice-cream', 'apple-strudel'];
    for (const id of desserts) await patchItem(id, { available: false });
    expect((await guestMenu()).body.categories.map((c) => c.id)).toEqual(['starters', 'mains', 'drinks']);
    expect((await staffMenu()).body.categories.map((c) => c.id)).toContain('desserts');
    for (const id of desserts) await patchItem(id, { available: true });
  });

  it('changes a price, names and descriptions, trimmed, and the menus show the change at once', async () => {
    const response = await patchItem('lemonade', {
      priceMinor: 490,
      names: { en: '  Lemonade ', ru: 'Лимонад 🍋' },
      descriptions: { en: 'Lemon, mint' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: 'lemonade',
      name: 'Lemonade',
      names: { en: 'Lemonade', ru: 'Лимонад 🍋' },
      description: 'Lemon, mint',
      descriptions: { en: 'Lemon, mint' },
      priceMinor: 490,
      available: true,
    });
    const ru = findItem((await guestMenu('?lang=ru')).body, 'lemonade') as any;
    expect(ru).toMatchObject({ name: 'Лимонад 🍋', priceMinor: 490, description: 'Lemon, mint' });
    expect(findItem((await staffMenu()).body, 'lemonade')!.priceMinor).toBe(490);
  });

  it('answers a PATCH in the asked language', async () => {
    const response = await patchItem('espresso', { priceMinor: 290 }, manager);
    expect(response.body.name).toBe('Espresso');
    const ru = await t.request('PATCH', '/api/menu/items/espresso?lang=ru', { priceMinor: 280 }, manager);
    expect(ru.body).toMatchObject({ name: 'Эспрессо', priceMinor: 280 });
  });

  it('keeps HTML in a name as literal text in the JSON', async () => {
    const name = '<img src=x onerror="alert(1)">Soup & <b>bread</b>';
    const response = await patchItem('tomato-soup', { names: { en: name, ru: 'Томатный суп' } });
    expect(response.status).toBe(200);
    expect(response.body.name).toBe(name);
    expect(findItem((await guestMenu()).body, 'tomato-soup')!.name).toBe(name);
    const raw = await fetch(`${t.baseUrl}/api/guest/menu`, { headers: { authorization: `Bearer ${guest}` } });
    expect(raw.headers.get('content-type')).toContain('application/json');
    expect(await raw.text()).toContain(JSON.stringify(name));
  });

  it.each([
    ['a negative price', { priceMinor: -1 }],
    ['a fractional price', { priceMinor: 12.5 }],
    ['a price as text', { priceMinor: '450' }],
    ['a huge price', { priceMinor: 1e12 }],
    ['availability as text', { available: 'false' }],
    ['an unknown field', { priceMinor: 100, kitchenColour: 'red' }],
    ['names without English', { names: { ru: 'Суп' } }],
    ['names with an upper-case language', { names: { EN: 'Soup' } }],
    ['names with a region code', { names: { en: 'Soup', 'pt-BR': 'Sopa' } }],
    ['an empty name', { names: { en: '' } }],
    ['a blank name', { names: { en: '   ' } }],
    ['a name of 121 characters', { names: { en: 'x'.repeat(121) } }],
    ['a name that is not text', { names: { en: 42 } }],
    ['names as a list', { names: ['Soup'] }],
    ['no names at all', { names: {} }],
    ['a blank description', { descriptions: { en: ' ' } }],
    ['no fields', {}],
  ])('refuses a PATCH with %s, changing nothing', async (_name, body) => {
    const before = findItem((await staffMenu()).body, 'black-tea');
    const response = await patchItem('black-tea', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'bad_request', message: expect.any(String) });
    expect(findItem((await staffMenu()).body, 'black-tea')).toEqual(before);
  });

  it('explains a missing English name in a sentence', async () => {
    const response = await patchItem('black-tea', { names: { ru: 'Чай' } });
    expect(response.body.message).toBe('names needs an English text ("en"): it is what the kitchen sees.');
  });

  it('refuses a PATCH from a waiter, from a guest, and for an item that does not exist', async () => {
    expect((await patchItem('black-tea', { available: false }, waiter)).status).toBe(403);
    expect((await patchItem('black-tea', { available: false }, guest)).status).toBe(401);
    const missing = await patchItem('unicorn-steak', { available: false });
    expect(missing).toMatchObject({ status: 404, body: { error: 'not_found', message: 'The menu item "unicorn-steak" was not found.' } });
    expect((await patchItem('☃️🍔', { available: false })).status).toBe(400);
    expect((await t.request('PATCH', '/api/menu/items/black-tea', '{"available":', manager)).status).toBe(400);
  });

  it('announces menu.changed to a connected guest socket and to staff', async () => {
    const guestSocket = await connect(t, '/guest', guest);
    const staffSocket = await connect(t, '/staff', waiter);
    sockets.push(guestSocket, staffSocket);
    const toGuest = nextEvent(guestSocket, 'menu.changed');
    const toStaff = nextEvent(staffSocket, 'menu.changed');

    await patchItem('craft-beer', { available: false, priceMinor: 600 });

    const [guestEvent, staffEvent] = await Promise.all([toGuest, toStaff]);
    expect(guestEvent).toEqual({ seq: expect.any(Number), type: 'menu.changed', payload: { itemId: 'craft-beer', available: false, priceMinor: 600 }, at: expect.any(String) });
    expect(staffEvent.seq).toBe(guestEvent.seq);
  });

  it('replays a missed menu.changed to a guest that reconnects with its last seq', async () => {
    const first = await connect(t, '/guest', guest);
    sockets.push(first);
    const seen = nextEvent(first, 'menu.changed');
    await patchItem('house-red', { available: false });
    const lastSeq = (await seen).seq;
    first.disconnect();

    await patchItem('house-red', { available: true });
    const socket = io(`${t.baseUrl}/guest`, { transports: ['websocket'], auth: { token: guest, lastSeq }, reconnection: false, forceNew: true });
    sockets.push(socket);
    const replayed = await nextEvent(socket, 'menu.changed');
    expect(replayed.seq).toBeGreaterThan(lastSeq);
    expect(replayed.payload).toEqual({ itemId: 'house-red', available: true, priceMinor: 650 });
  });

  it('refuses a socket with a staff token on the guest namespace', async () => {
    await expect(connect(t, '/guest', waiter)).rejects.toThrow('unauthorized');
  });

  it("gives ordering the cached items, and the hub's one MenuService sees a change at once", async () => {
    const menu = t.hub.modules.restaurant!.menu;
    const found = menu.itemsForOrder(['cappuccino', 'espresso', 'unicorn-steak']);
    expect([...found.keys()]).toEqual(['cappuccino', 'espresso']);
    expect(found.get('cappuccino')).toMatchObject({ priceMinor: 380, currency: 'EUR', station: 'bar', available: true, allergens: ['milk'] });

    await patchItem('cappuccino', { available: false, priceMinor: 400 });
    expect(menu.itemsForOrder(['cappuccino']).get('cappuccino')).toMatchObject({ available: false, priceMinor: 400 });

    const espresso = menu.itemsForOrder(['espresso']).get('espresso')!;
    expect(menu.checkModifiers(espresso, ['cappuccino--oat-milk'])).toEqual({ ok: false, message: 'Oat milk is not an option for Espresso.' });
    const cappuccino = menu.itemsForOrder(['cappuccino']).get('cappuccino')!;
    expect(menu.checkModifiers(cappuccino, ['cappuccino--oat-milk'])).toEqual({
      ok: true,
      modifiers: [{ id: 'cappuccino--oat-milk', names: { en: 'Oat milk', ru: 'Овсяное молоко' }, priceMinor: 50 }],
    });
  });

  it('keeps up with many PATCHes at once: the last write of each item wins, none is lost', async () => {
    const prices = [510, 520, 530, 540, 550];
    const responses = await Promise.all(prices.map((priceMinor) => patchItem('sparkling-water', { priceMinor })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(findItem((await staffMenu()).body, 'sparkling-water')!.priceMinor).toBe(550);
  });
});
