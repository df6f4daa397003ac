import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { backoffDelay, socketBase } from './sync-client.ts';
import { decodeFrame, encodeAck, encodeClientUpdate, encodeStep1, encodeSyncUpdate, MESSAGE_CLIENT_UPDATE, MESSAGE_COMPRESSED_CLIENT_UPDATE } from './sync-protocol.ts';

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
    const frame = encodeSyncUpdate('update', update);
    const decoder = { arr: frame, pos: 1 };
    // Skip our message type (0) and hand the rest to y-protocols, as a y-websocket peer does.
    syncProtocol.readSyncMessage(decoder as never, encoding.createEncoder(), replica, null);
    expect(replica.getMap('menuItems').get('x')).toBe(1);
    expect(decodeFrame(encodeSyncUpdate('step2', update))).toEqual({ kind: 'step2', update });
    expect(decodeFrame(encodeStep1(Y.encodeStateVector(doc)))).toEqual({ kind: 'step1', stateVector: Y.encodeStateVector(doc) });
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
});

describe('reconnecting', () => {
  it('doubles the wait from 1 s to 30 s, with jitter between half and all of it', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 40].map((attempt) => backoffDelay(attempt, 1_000, 30_000, () => 1));
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(backoffDelay(0, 1_000, 30_000, () => 0)).toBe(500);
    for (let i = 0; i < 100; i += 1) {
      const delay = backoffDelay(3, 1_000, 30_000);
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });

  it('turns the cloud address into its socket address', () => {
    expect(socketBase('http://127.0.0.1:8090/')).toBe('ws://127.0.0.1:8090');
    expect(socketBase('https://cloud.example.com')).toBe('wss://cloud.example.com');
    expect(socketBase('https://cloud.example.com/onemoment/')).toBe('wss://cloud.example.com/onemoment');
  });
});

describe('compressed client updates', () => {
  it('deflates a large update into a 102 frame that decodes to the same bytes, and leaves a small one as 101', () => {
    const large = new TextEncoder().encode('classic-burger lemonade Table 7 '.repeat(200));
    const frame = encodeClientUpdate(42, large);
    expect(frame[0]).toBe(MESSAGE_COMPRESSED_CLIENT_UPDATE);
    expect(frame.length).toBeLessThan(large.length / 4);
    expect(decodeFrame(frame)).toEqual({ kind: 'clientUpdate', clientUpdateId: 42, update: large });
    const small = new Uint8Array([1, 2, 3]);
    expect(encodeClientUpdate(7, small)[0]).toBe(MESSAGE_CLIENT_UPDATE);
  });
});
