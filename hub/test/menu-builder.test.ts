import sharp from 'sharp';
import { newId } from '@onemoment/shared/ids';
import { readMenuItems } from '@onemoment/shared/sync/config-doc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.ts';

interface Item {
  id: string;
  name: string;
  names: Record<string, string>;
  priceMinor: number;
  station: string;
  allergens: string[];
  available: boolean;
  taxRateBp: number;
  categoryId: string;
  photoUrl: string | null;
  thumbnailUrl: string | null;
  modifierGroups: Array<{ id: string; name: string; minChoices: number; maxChoices: number; modifiers: Array<{ id: string; name: string; priceMinor: number }> }>;
}
interface MenuBody {
  categories: Array<{ id: string; name: string; items: Item[] }>;
}

const itemsOf = (menu: MenuBody) => menu.categories.flatMap((category) => category.items);
const findItem = (menu: MenuBody, id: string) => itemsOf(menu).find((item) => item.id === id);

/** A photo made here: a gradient, so it is not trivially compressible. */
async function photo(width: number, height: number, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i += 3) {
    const pixel = i / 3;
    raw[i] = pixel % 256;
    raw[i + 1] = Math.floor(pixel / width) % 256;
    raw[i + 2] = 128;
  }
  const image = sharp(raw, { raw: { width, height, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg().toBuffer();
}

describe('the menu builder', () => {
  let t: TestHub;
  let manager: string;
  let waiter: string;
  let guest: string;

  beforeAll(async () => {
    t = await startTestHub();
    manager = await t.login('1111');
    waiter = await t.login('2222');
    guest = await t.guestToken('table-4');
  });
  afterAll(() => t.close());

  const sql = () => t.hub.context.store.sqlite;
  const guestMenu = async () => (await t.request<MenuBody>('GET', '/api/guest/menu', undefined, guest)).body;
  const staffMenu = async () => (await t.request<MenuBody>('GET', '/api/menu', undefined, waiter)).body;
  const post = (path: string, body: unknown, token = manager) => t.request('POST', path, body, token);
  const patch = (path: string, body: unknown, token = manager) => t.request('PATCH', path, body, token);
  /** Every menu table's rows, to prove a refusal wrote nothing. */
  const menuRows = () =>
    ['menu_categories', 'menu_items', 'modifier_groups', 'modifiers', 'menu_photos', 'events'].map(
      (table) => sql().prepare(`SELECT group_concat(x, '|') FROM (SELECT json_array(*) AS x FROM (SELECT * FROM ${table}))`).pluck().get() as string,
    );
  const configItems = () => {
    const sync = t.hub.modules.sync!;
    return readMenuItems(sync.documents.get(sync.recorder.configDocName()!));
  };
  const menuEvents = (afterSeq: number) =>
    (sql().prepare("SELECT payload FROM events WHERE seq > ? AND type = 'menu.changed' ORDER BY seq").pluck().all(afterSeq) as string[]).map((p) => JSON.parse(p));
  const lastSeq = () => sql().prepare('SELECT COALESCE(MAX(seq), 0) FROM events').pluck().get() as number;

  it('adds an item with the contract body: 201, and it is on the guest menu at once', async () => {
    const response = await post('/api/menu/items', { categoryId: 'mains', name: 'Lamb kofta', priceMinor: 1590, station: 'grill' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: 'Lamb kofta', names: { en: 'Lamb kofta' }, priceMinor: 1590, station: 'grill', categoryId: 'mains', taxRateBp: 0, available: true, photoUrl: null, allergens: [], modifierGroups: [] });
    const mains = (await guestMenu()).categories.find((category) => category.id === 'mains')!;
    expect(mains.items.at(-1)).toMatchObject({ id: response.body.id, name: 'Lamb kofta', priceMinor: 1590 });
  });

  it('lets a guest order a new item with its modifiers, priced from the menu', async () => {
    const created = await post('/api/menu/items', {
      categoryId: 'drinks',
      names: { en: 'Flat white', ru: 'Флэт уайт' },
      priceMinor: 380,
      station: 'bar',
      allergens: ['milk'],
      taxRateBp: 1000,
      modifierGroups: [{ name: 'Milk', minChoices: 1, maxChoices: 1, modifiers: [{ name: 'Whole milk', priceMinor: 0 }, { name: 'Oat milk', priceMinor: 60 }] }],
    });
    expect(created.status).toBe(201);
    const oat = created.body.modifierGroups[0].modifiers[1];
    expect(oat).toMatchObject({ name: 'Oat milk', priceMinor: 60 });
    const order = await t.request('POST', '/api/guest/orders', { id: newId(), items: [{ menuItemId: created.body.id, quantity: 2, modifierIds: [oat.id] }] }, guest);
    expect(order.status).toBe(201);
    expect(order.body.items[0]).toMatchObject({ menuItemId: created.body.id, unitPriceMinor: 440, totalMinor: 880 });
    // The rule the manager set holds: one milk must be chosen.
    const none = await t.request('POST', '/api/guest/orders', { id: newId(), items: [{ menuItemId: created.body.id, quantity: 1 }] }, guest);
    expect(none.status).toBe(400);
  });

  it('edits every field of an item, replacing its modifier groups but keeping the ids it is sent', async () => {
    const created = await post('/api/menu/items', { categoryId: 'starters', name: 'Soup of the day', priceMinor: 600, station: 'grill' });
    const id = created.body.id as string;
    const first = await patch(`/api/menu/items/${id}`, {
      names: { en: 'Pumpkin soup', ru: 'Тыквенный суп' },
      descriptions: { en: 'With pumpkin seeds' },
      priceMinor: 650,
      station: 'cold',
      allergens: ['milk', 'celery', 'gluten'],
      taxRateBp: 2000,
      categoryId: 'mains',
      modifierGroups: [{ id: 'soup--bread', name: 'Bread', minChoices: 0, maxChoices: 2, modifiers: [{ id: 'soup--sourdough', name: 'Sourdough', priceMinor: 100 }, { name: 'Rye', priceMinor: 100 }] }],
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      name: 'Pumpkin soup',
      names: { en: 'Pumpkin soup', ru: 'Тыквенный суп' },
      description: 'With pumpkin seeds',
      priceMinor: 650,
      station: 'cold',
      allergens: ['gluten', 'milk', 'celery'],
      taxRateBp: 2000,
      categoryId: 'mains',
    });
    const staff = await staffMenu();
    expect(staff.categories.find((c) => c.id === 'starters')!.items.map((i) => i.id)).not.toContain(id);
    expect(staff.categories.find((c) => c.id === 'mains')!.items.at(-1)!.id).toBe(id);

    const second = await patch(`/api/menu/items/${id}`, {
      name: 'Pumpkin soup (large)',
      modifierGroups: [{ id: 'soup--bread', name: 'Bread', minChoices: 1, maxChoices: 1, modifiers: [{ id: 'soup--sourdough', name: 'Sourdough', priceMinor: 150 }] }],
    });
    expect(second.status).toBe(200);
    expect(second.body.names).toEqual({ en: 'Pumpkin soup (large)', ru: 'Тыквенный суп' });
    expect(second.body.modifierGroups).toEqual([
      { id: 'soup--bread', name: 'Bread', names: { en: 'Bread' }, minChoices: 1, maxChoices: 1, modifiers: [{ id: 'soup--sourdough', name: 'Sourdough', names: { en: 'Sourdough' }, priceMinor: 150 }] },
    ]);
    expect(sql().prepare("SELECT COUNT(*) FROM modifiers WHERE group_id = 'soup--bread'").pluck().get()).toBe(1);
  });

  it('stores markup in a name as literal text', async () => {
    const response = await post('/api/menu/items', { categoryId: 'desserts', name: '<img src=x onerror=alert(1)>Tart', priceMinor: 500, station: 'cold' });
    expect(response.status).toBe(201);
    expect(findItem(await guestMenu(), response.body.id)!.name).toBe('<img src=x onerror=alert(1)>Tart');
  });

  it('keeps an empty category from guests, shows it to staff, and shows it to guests once it has an item', async () => {
    const created = await post('/api/menu/categories', { name: 'Specials' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Specials', items: [] });
    const id = created.body.id as string;
    expect((await staffMenu()).categories.at(-1)).toMatchObject({ id, name: 'Specials' });
    expect((await guestMenu()).categories.map((c) => c.id)).not.toContain(id);

    await post('/api/menu/items', { categoryId: id, name: 'Oysters', priceMinor: 1800, station: 'cold' });
    expect((await guestMenu()).categories.map((c) => c.id)).toContain(id);

    const renamed = await patch(`/api/menu/categories/${id}`, { names: { en: "Chef's specials", ru: 'От шефа' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Chef's specials", items: [{ name: 'Oysters' }] });
  });

  it('answers a retried create with the same id with 200 and the first record', async () => {
    const id = newId();
    const body = { id, categoryId: 'drinks', name: 'Kombucha', priceMinor: 450, station: 'bar' };
    expect((await post('/api/menu/items', body)).status).toBe(201);
    const again = await post('/api/menu/items', { ...body, priceMinor: 1 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id, priceMinor: 450 });
    expect(itemsOf(await staffMenu()).filter((item) => item.id === id)).toHaveLength(1);
  });

  it('archives an item: it leaves both menus, a second archive is refused, and old orders keep its name', async () => {
    const created = await post('/api/menu/items', { categoryId: 'mains', name: 'Seasonal pie', priceMinor: 1200, station: 'grill' });
    const id = created.body.id as string;
    const order = await t.request('POST', '/api/guest/orders', { id: newId(), items: [{ menuItemId: id, quantity: 1 }] }, guest);
    expect(order.status).toBe(201);

    const archived = await post(`/api/menu/items/${id}/archive`, undefined);
    expect(archived.status).toBe(200);
    expect(archived.body).toEqual({ id, archivedAt: expect.any(String) });
    expect(findItem(await guestMenu(), id)).toBeUndefined();
    expect(findItem(await staffMenu(), id)).toBeUndefined();

    const before = menuRows();
    const again = await post(`/api/menu/items/${id}/archive`, undefined);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('already_archived');
    expect((await patch(`/api/menu/items/${id}`, { priceMinor: 1 })).status).toBe(409);
    expect(menuRows()).toEqual(before);

    const read = await t.request('GET', `/api/guest/orders/${order.body.id}`, undefined, guest);
    expect(read.body.items[0]).toMatchObject({ menuItemId: id, name: 'Seasonal pie' });
    const reorder = await t.request('POST', '/api/guest/orders', { id: newId(), items: [{ menuItemId: id, quantity: 1 }] }, guest);
    expect(reorder.status).toBeGreaterThanOrEqual(400);
    expect(reorder.status).toBeLessThan(500);
  });

  it('archives a category with its items', async () => {
    const category = (await post('/api/menu/categories', { name: 'Brunch' })).body.id as string;
    const item = (await post('/api/menu/items', { categoryId: category, name: 'Eggs Benedict', priceMinor: 1100, station: 'grill' })).body.id as string;
    const archived = await post(`/api/menu/categories/${category}/archive`, undefined);
    expect(archived.status).toBe(200);
    expect((await staffMenu()).categories.map((c) => c.id)).not.toContain(category);
    expect(findItem(await staffMenu(), item)).toBeUndefined();
    expect((await post(`/api/menu/categories/${category}/archive`, undefined)).status).toBe(409);
    const into = await post('/api/menu/items', { categoryId: category, name: 'Pancakes', priceMinor: 900, station: 'grill' });
    expect(into.status).toBe(409);
    expect(into.body.error).toBe('category_archived');
  });

  it('orders categories and the items of a category, and refuses an order that leaves one out', async () => {
    const ids = (await staffMenu()).categories.map((c) => c.id);
    const reversed = [...ids].reverse();
    const response = await post('/api/menu/categories/order', { ids: reversed });
    expect(response.status).toBe(200);
    expect((await staffMenu()).categories.map((c) => c.id)).toEqual(reversed);

    const drinks = (await staffMenu()).categories.find((c) => c.id === 'drinks')!.items.map((i) => i.id);
    const moved = [drinks.at(-1)!, ...drinks.slice(0, -1)];
    const items = await post('/api/menu/categories/drinks/items/order', { ids: moved });
    expect(items.status).toBe(200);
    expect(items.body.items.map((i: Item) => i.id)).toEqual(moved);
    expect((await guestMenu()).categories.find((c) => c.id === 'drinks')!.items.map((i) => i.id)).toEqual(moved.filter((id) => findItem({ categories: [items.body] }, id)!.available));

    const before = menuRows();
    for (const [path, ids] of [
      ['/api/menu/categories/order', reversed.slice(1)],
      ['/api/menu/categories/order', [...reversed, 'nope']],
      ['/api/menu/categories/drinks/items/order', moved.slice(1)],
      ['/api/menu/categories/drinks/items/order', [...moved.slice(1), 'classic-burger']],
    ] as const) {
      const refused = await post(path, { ids });
      expect({ path, status: refused.status, error: refused.body.error }).toEqual({ path, status: 400, error: 'bad_order' });
    }
    expect((await post('/api/menu/categories/nope/items/order', { ids: ['a'] })).status).toBe(404);
    expect(menuRows()).toEqual(before);
  });

  it.each([
    ['a waiter', { categoryId: 'mains', name: 'X', priceMinor: 100, station: 'grill' }, 403, 'forbidden', 'waiter'],
    ['an unknown category', { categoryId: 'nope', name: 'X', priceMinor: 100, station: 'grill' }, 400, 'unknown_category', 'manager'],
    ['a station that does not exist', { categoryId: 'mains', name: 'X', priceMinor: 100, station: 'pastry' }, 400, 'unknown_station', 'manager'],
    ['a price as text', { categoryId: 'mains', name: 'X', priceMinor: '100', station: 'grill' }, 400, 'bad_request', 'manager'],
    ['a negative price', { categoryId: 'mains', name: 'X', priceMinor: -1, station: 'grill' }, 400, 'bad_request', 'manager'],
    ['no name', { categoryId: 'mains', priceMinor: 100, station: 'grill' }, 400, 'bad_request', 'manager'],
    ['name and names', { categoryId: 'mains', name: 'X', names: { en: 'Y' }, priceMinor: 100, station: 'grill' }, 400, 'bad_request', 'manager'],
    ['an allergen outside the EU list', { categoryId: 'mains', name: 'X', priceMinor: 100, station: 'grill', allergens: ['garlic'] }, 400, 'bad_request', 'manager'],
    ['a tax rate over 100 %', { categoryId: 'mains', name: 'X', priceMinor: 100, station: 'grill', taxRateBp: 10_001 }, 400, 'bad_request', 'manager'],
    ['a group asking more than its options', { categoryId: 'mains', name: 'X', priceMinor: 100, station: 'grill', modifierGroups: [{ name: 'G', minChoices: 2, maxChoices: 2, modifiers: [{ name: 'A', priceMinor: 0 }] }] }, 400, 'bad_request', 'manager'],
    ["another item's modifier id", { categoryId: 'mains', name: 'X', priceMinor: 100, station: 'grill', modifierGroups: [{ name: 'G', minChoices: 0, maxChoices: 1, modifiers: [{ id: 'classic-burger--medium', name: 'A', priceMinor: 0 }] }] }, 409, 'id_in_use', 'manager'],
    ['an unknown field', { categoryId: 'mains', name: 'X', priceMinor: 100, station: 'grill', secret: true }, 400, 'bad_request', 'manager'],
  ])('refuses a new item with %s, changing nothing', async (_case, body, status, error, who) => {
    const before = menuRows();
    const response = await post('/api/menu/items', body, who === 'waiter' ? waiter : manager);
    expect({ status: response.status, error: response.body.error }).toEqual({ status, error });
    expect(typeof response.body.message).toBe('string');
    expect(menuRows()).toEqual(before);
  });

  it('refuses a huge body with 413 and an empty patch with 400', async () => {
    const before = menuRows();
    const huge = await post('/api/menu/items', { categoryId: 'mains', name: 'X', priceMinor: 100, station: 'grill', note: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    const empty = await patch('/api/menu/items/lemonade', {});
    expect(empty.status).toBe(400);
    expect((await patch('/api/menu/categories/mains', {})).status).toBe(400);
    expect((await patch('/api/menu/items/nope', { priceMinor: 1 })).status).toBe(404);
    expect(menuRows()).toEqual(before);
  });

  it('tells screens: an item event for items, an arrangement event for categories', async () => {
    const seq = lastSeq();
    const category = (await post('/api/menu/categories', { name: 'Late night' })).body.id as string;
    const item = (await post('/api/menu/items', { categoryId: category, name: 'Toastie', priceMinor: 700, station: 'grill' })).body.id as string;
    expect(menuEvents(seq)).toEqual([
      { arranged: 'category_added', categoryId: category },
      { itemId: item, available: true, priceMinor: 700 },
    ]);
  });

  it('writes new and archived items into the config document HQ reads, and still applies what HQ changes', async () => {
    const category = (await post('/api/menu/categories', { name: 'Bar snacks' })).body.id as string;
    const item = (await post('/api/menu/items', { categoryId: category, name: 'Olives', priceMinor: 400, station: 'bar' })).body.id as string;
    expect(configItems().find((record) => record.id === item)).toMatchObject({ priceMinor: 400, available: true, name: 'Olives', category: 'Bar snacks', archived: false });

    await patch(`/api/menu/categories/${category}`, { name: 'Nibbles' });
    expect(configItems().find((record) => record.id === item)).toMatchObject({ category: 'Nibbles' });

    // HQ's price reaches the hub's rows through the menu module, as before.
    const menu = t.hub.modules.restaurant!.menu;
    const hqRecord = { ...configItems().find((record) => record.id === item)!, priceMinor: 450 };
    await t.hub.context.commands.run((tx) => menu.applyCloudFields(tx, [hqRecord]));
    expect(findItem(await guestMenu(), item)!.priceMinor).toBe(450);

    await post(`/api/menu/items/${item}/archive`, undefined);
    expect(configItems().find((record) => record.id === item)).toMatchObject({ archived: true, priceMinor: 450 });
  });

  describe('photos', () => {
    const put = (id: string, body: Buffer | string, contentType: string | null, token = manager) =>
      fetch(`${t.baseUrl}/api/menu/items/${id}/photo`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) },
        body,
      });

    it('resizes an upload, serves it and a thumbnail with long caching, and shows it on the guest menu', async () => {
      const response = await put('greek-salad', await photo(2400, 1600), 'image/png');
      expect(response.status).toBe(200);
      const item = (await response.json()) as Item;
      expect(item.photoUrl).toMatch(/^\/api\/menu\/photos\/[0-9a-f-]+$/);
      expect(findItem(await guestMenu(), 'greek-salad')).toMatchObject({ photoUrl: item.photoUrl, thumbnailUrl: item.thumbnailUrl });

      const full = await fetch(t.baseUrl + item.photoUrl);
      expect(full.status).toBe(200);
      expect(full.headers.get('content-type')).toBe('image/webp');
      expect(full.headers.get('cache-control')).toContain('immutable');
      const fullSize = await sharp(Buffer.from(await full.arrayBuffer())).metadata();
      expect([fullSize.format, fullSize.width, fullSize.height]).toEqual(['webp', 1200, 800]);

      const thumb = await fetch(t.baseUrl + item.thumbnailUrl!);
      const thumbSize = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
      expect([thumbSize.width, thumbSize.height]).toEqual([320, 213]);

      const cached = await fetch(t.baseUrl + item.photoUrl, { headers: { 'if-none-match': full.headers.get('etag')! } });
      expect(cached.status).toBe(304);
    });

    it('replaces a photo (the old one is gone) and removes it', async () => {
      const first = (await (await put('hummus', await photo(300, 200, 'jpeg'), 'image/jpeg')).json()) as Item;
      const second = (await (await put('hummus', await photo(200, 300), 'image/png')).json()) as Item;
      expect(second.photoUrl).not.toBe(first.photoUrl);
      expect((await fetch(t.baseUrl + first.photoUrl!)).status).toBe(404);
      const small = await sharp(Buffer.from(await (await fetch(t.baseUrl + second.photoUrl!)).arrayBuffer())).metadata();
      expect([small.width, small.height]).toEqual([200, 300]); // never enlarged

      const removed = await t.request('DELETE', '/api/menu/items/hummus/photo', undefined, manager);
      expect(removed.status).toBe(200);
      expect(removed.body.photoUrl).toBeNull();
      expect((await fetch(t.baseUrl + second.photoUrl!)).status).toBe(404);
      expect((await t.request('DELETE', '/api/menu/items/hummus/photo', undefined, manager)).status).toBe(404);
    });

    it.each([
      ['text as the content type', 'hello', 'text/plain', 415],
      ['no content type', 'hello', null, 415],
      ['bytes that are not an image', 'definitely not a png', 'image/png', 415],
      ['an SVG claiming to be a PNG', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', 'image/png', 415],
      ['an empty body', '', 'image/png', 400],
    ] as const)('refuses %s, changing nothing', async (_case, body, contentType, status) => {
      const before = menuRows();
      const response = await put('tomato-soup', body, contentType);
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
      expect(menuRows()).toEqual(before);
    });

    it('refuses a body over 8 MB with 413, and a waiter', async () => {
      const before = menuRows();
      const big = await put('tomato-soup', Buffer.alloc(8 * 1024 * 1024 + 1, 1), 'image/jpeg');
      expect(big.status).toBe(413);
      expect(((await big.json()) as { error: string }).error).toBe('payload_too_large');
      expect((await put('tomato-soup', await photo(10, 10), 'image/png', waiter)).status).toBe(403);
      expect((await put('nope', await photo(10, 10), 'image/png')).status).toBe(404);
      expect(menuRows()).toEqual(before);
    });
  });
});
