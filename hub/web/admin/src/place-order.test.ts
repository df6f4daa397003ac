import { describe, expect, it } from 'vitest';
import { ApiError, type ApiClient } from './api.ts';
import { placeOrderWithRetry } from './place-order.ts';
import type { Order } from './types.ts';

function fakeApi(answers: Array<'lost' | 'ok' | 409>): { api: ApiClient; bodies: unknown[] } {
  const bodies: unknown[] = [];
  const post = async <T>(_path: string, body?: unknown): Promise<T> => {
    bodies.push(body);
    const answer = answers.shift();
    if (answer === 'lost') throw new ApiError(0, 'network', 'lost');
    if (answer === 409) throw new ApiError(409, 'item_unavailable', 'Burger is off');
    return { id: (body as { id: string }).id } as T;
  };
  const api = { post, get: post, patch: post, request: (_m: string, p: string, b?: unknown) => post(p, b) } as ApiClient;
  return { api, bodies };
}

const request = { id: '0190a0b0-0000-7000-8000-000000000001', tableId: 'table-3', items: [{ menuItemId: 'soup', quantity: 1 }] };
const noWait = { wait: async () => {} };

describe('placing a waiter order', () => {
  it('repeats a lost answer with the same id', async () => {
    const { api, bodies } = fakeApi(['lost', 'lost', 'ok']);
    const order = await placeOrderWithRetry(api, request, noWait);
    expect((order as Order).id).toBe(request.id);
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies.map((b) => (b as { id: string }).id))).toEqual(new Set([request.id]));
  });

  it('does not repeat a refusal', async () => {
    const { api, bodies } = fakeApi([409, 'ok']);
    await expect(placeOrderWithRetry(api, request, noWait)).rejects.toMatchObject({ code: 'item_unavailable' });
    expect(bodies).toHaveLength(1);
  });

  it('gives up after the last attempt and says so', async () => {
    const { api, bodies } = fakeApi(['lost', 'lost', 'lost']);
    await expect(placeOrderWithRetry(api, request, { ...noWait, attempts: 3 })).rejects.toMatchObject({ isNetwork: true });
    expect(bodies).toHaveLength(3);
  });
});
