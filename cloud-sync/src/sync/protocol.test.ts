import { deflateRawSync } from 'node:zlib';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { decodeClientMessage, inflateUpdate, MESSAGE_COMPRESSED_CLIENT_UPDATE } from './protocol.ts';

describe('compressed client updates', () => {
  it('are decoded without inflating: that happens later, off the event loop', () => {
    const deflated = deflateRawSync(Buffer.alloc(1024, 7));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_COMPRESSED_CLIENT_UPDATE);
    encoding.writeVarUint(encoder, 42);
    encoding.writeVarUint8Array(encoder, deflated);
    expect(decodeClientMessage(encoding.toUint8Array(encoder))).toEqual({ type: 'compressed-client-update', clientUpdateId: 42, deflated: new Uint8Array(deflated) });
  });

  it('inflate up to the limit, and not a byte past it', async () => {
    const limit = 64 * 1024;
    const atLimit = await inflateUpdate(deflateRawSync(Buffer.alloc(limit, 1)), limit);
    expect(atLimit.ok && atLimit.update.byteLength).toBe(limit);
    expect(await inflateUpdate(deflateRawSync(Buffer.alloc(limit + 1, 1)), limit)).toEqual({
      ok: false,
      reason: `it inflates to more than ${limit} bytes, the largest update the cloud takes (SYNC_MAX_MESSAGE_BYTES)`,
    });
  });

  it('refuse what is not raw DEFLATE', async () => {
    expect(await inflateUpdate(new Uint8Array([0xff, 0xfe, 0xfd]), 1024)).toEqual({ ok: false, reason: 'its compressed update does not inflate (raw DEFLATE expected)' });
  });
});
