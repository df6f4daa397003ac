/**
 * The visit's calls for the waiter and the bill, so a call leaves a trace after its toast and after a
 * reload: read on start (and on a socket resync), added when the guest calls, seen when staff
 * acknowledge (`request.acknowledged`).
 */
import type { ApiClient } from '@onemoment/shared/client/api-client';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { mergeCalls, upsertCall } from './calls-state.ts';
import type { GuestCall, GuestCallsResponse, GuestRequest, RequestKind } from './types.ts';

export function useCalls(api: ApiClient) {
  const [calls, setCalls] = useState<GuestCall[]>([]);

  const reload = useCallback(() => {
    api.get<GuestCallsResponse>('/api/guest/requests').then(
      (response) => setCalls((list) => mergeCalls(list, response.calls)),
      () => undefined, // offline or an older hub: the page simply shows no trace yet
    );
  }, [api]);

  useEffect(reload, [reload]);

  const called = useCallback((call: Omit<GuestCall, 'acknowledgedAt'>) => {
    setCalls((list) => upsertCall(list, { id: call.id, kind: call.kind, createdAt: call.createdAt, acknowledgedAt: null }));
  }, []);

  const acknowledged = useCallback((request: GuestRequest) => {
    const { id, kind, createdAt, acknowledgedAt } = request;
    setCalls((list) => upsertCall(list, { id, kind, createdAt, acknowledgedAt }));
  }, []);

  /** Calls the waiter, or asks for the bill (the bill view's "cash or card" asks this way too). */
  const send = useCallback(
    async (kind: RequestKind) => {
      const call = await api.post<Omit<GuestCall, 'acknowledgedAt'>>('/api/guest/requests', { kind });
      called(call);
      return call;
    },
    [api, called],
  );

  return { calls, reload, called, acknowledged, send };
}
