import { deflateRawSync } from 'node:zlib';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import {
  decodeFrame,
  encodeAck,
  encodeClientUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  inflateUpdate,
  MESSAGE_CLIENT_UPDATE,
  MESSAGE_COMPRESSED_CLIENT_UPDATE,
} from './protocol.ts';

describe('sync frames', () => {
  const doc = new Y.Doc();
  doc.getMap('menuItems').set('x', 1);

  it('reads what y-protocols writes, and y-protocols reads what we write', () => {
    const theirs = encoding.createEncoder();
    encoding.writeVarUint(theirs, 0);
    syncProtocol.writeSyncStep1(theirs, doc);
    expect(decodeFrame(encoding.toUint8Array(theirs))).toEqual({ kind: 'step1', stateVector: Y.encodeStateVector(doc) });

    const update = Y.encodeStateAsUpdate(doc);
    const replica = new Y.Doc();
    const frame = encodeSyncUpdate(update);
    const decoder = { arr: frame, pos: 1 };
    // Skip our message type (0) and hand the rest to y-protocols, as a y-websocket peer does.
    syncProtocol.readSyncMessage(decoder as never, encoding.createEncoder(), replica, null);
    expect(replica.getMap('menuItems').get('x')).toBe(1);
    expect(decodeFrame(encodeSyncStep2(update))).toEqual({ kind: 'step2', update });
    expect(decodeFrame(encodeSyncStep1(Y.encodeStateVector(doc)))).toEqual({ kind: 'step1', stateVector: Y.encodeStateVector(doc) });
  });

  it('carries client updates and acks with their ids, large ids included', () => {
    const update = Y.encodeStateAsUpdateV2(doc);
    expect(decodeFrame(encodeClientUpdate(2 ** 40, update))).toEqual({ kind: 'clientUpdate', clientUpdateId: 2 ** 40, update });
    expect(decodeFrame(encodeAck(7))).toEqual({ kind: 'ack', clientUpdateId: 7 });
  });

  it('keeps the reason of an auth refusal and refuses a truncated frame', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarString(encoder, 'permission denied');
    expect(decodeFrame(encoding.toUint8Array(encoder))).toEqual({ kind: 'other', type: 2, text: 'permission denied' });
    expect(() => decodeFrame(encodeClientUpdate(3, new Uint8Array(10)).subarray(0, 4))).toThrow();
  });

  it('reads what a hub sends and writes what the cloud answers', () => {
    expect(decodeFrame(encodeClientUpdate(300, new Uint8Array([1, 2, 3])))).toEqual({ kind: 'clientUpdate', clientUpdateId: 300, update: new Uint8Array([1, 2, 3]) });
    expect(decodeFrame(encodeSyncStep1(new Uint8Array([0])))).toEqual({ kind: 'step1', stateVector: new Uint8Array([0]) });
    expect(decodeFrame(encodeSyncUpdate(new Uint8Array([7])))).toEqual({ kind: 'update', update: new Uint8Array([7]) });
    expect(decodeFrame(new Uint8Array([1, 0]))).toEqual({ kind: 'awareness' });
    expect(decodeFrame(new Uint8Array([55]))).toEqual({ kind: 'other', type: 55, text: null });
    expect(Array.from(encodeAck(300))).toEqual([100, 0xac, 0x02]);
    expect(() => decodeFrame(new Uint8Array([101, 5]))).toThrow();
    expect(() => decodeFrame(new Uint8Array([0, 9]))).toThrow();
  });
});

describe('compressed client updates', () => {
  it('deflates a large update into a 102 frame that inflates to the same bytes, and leaves a small one as 101', async () => {
    const large = new TextEncoder().encode('classic-burger lemonade Table 7 '.repeat(200));
    const frame = encodeClientUpdate(42, large);
    expect(frame[0]).toBe(MESSAGE_COMPRESSED_CLIENT_UPDATE);
    expect(frame.length).toBeLessThan(large.length / 4);
    const decoded = decodeFrame(frame);
    expect(decoded).toMatchObject({ kind: 'compressedClientUpdate', clientUpdateId: 42 });
    expect(decoded.kind === 'compressedClientUpdate' && (await inflateUpdate(decoded.deflated, large.length))).toEqual({ ok: true, update: large });
    const small = new Uint8Array([1, 2, 3]);
    expect(encodeClientUpdate(7, small)[0]).toBe(MESSAGE_CLIENT_UPDATE);
  });

  it('are decoded without inflating: that happens later, off the event loop', () => {
    const deflated = deflateRawSync(Buffer.alloc(1024, 7));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_COMPRESSED_CLIENT_UPDATE);
    encoding.writeVarUint(encoder, 42);
    encoding.writeVarUint8Array(encoder, deflated);
    expect(decodeFrame(encoding.toUint8Array(encoder))).toEqual({ kind: 'compressedClientUpdate', clientUpdateId: 42, deflated: new Uint8Array(deflated) });
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
