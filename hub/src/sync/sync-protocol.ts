import { deflateRawSync, inflateRawSync } from 'node:zlib';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';

/**
 * The frames the hub and the cloud exchange on one document's WebSocket: the y-websocket sync
 * messages (type 0, carrying Yjs V1 updates as y-protocols defines them) plus two of our own, so the
 * hub knows which of its updates the cloud has stored durably:
 *   101 client update: varUint clientUpdateId, varUint8Array update (Yjs V2: about half the bytes of V1)
 *   102 compressed client update: as 101, the update deflated (raw DEFLATE): merged updates of many
 *       orders repeat the same keys and names, so a resend after an outage shrinks several times
 *   100 ack:           varUint clientUpdateId, sent once the cloud has committed that update
 * The hub's clientUpdateId is the sync_updates row id of the last update the frame carries.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_ACK = 100;
export const MESSAGE_CLIENT_UPDATE = 101;
export const MESSAGE_COMPRESSED_CLIENT_UPDATE = 102;

/** Updates smaller than this go as they are: deflate would save little and cost a call. */
const COMPRESS_FROM_BYTES = 256;

export type SyncFrame =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'ack'; clientUpdateId: number }
  | { kind: 'clientUpdate'; clientUpdateId: number; update: Uint8Array }
  | { kind: 'other'; type: number; text: string | null };

export function encodeStep1(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/** A step 2 or an update message: both carry a V1 update. */
export function encodeSyncUpdate(kind: 'step2' | 'update', updateV1: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, kind === 'step2' ? messageYjsSyncStep2 : messageYjsUpdate);
  encoding.writeVarUint8Array(encoder, updateV1);
  return encoding.toUint8Array(encoder);
}

export function encodeClientUpdate(clientUpdateId: number, updateV2: Uint8Array): Uint8Array {
  const compressed = updateV2.length >= COMPRESS_FROM_BYTES ? deflateRawSync(updateV2) : null;
  const useCompressed = compressed !== null && compressed.length < updateV2.length;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, useCompressed ? MESSAGE_COMPRESSED_CLIENT_UPDATE : MESSAGE_CLIENT_UPDATE);
  encoding.writeVarUint(encoder, clientUpdateId);
  encoding.writeVarUint8Array(encoder, useCompressed ? compressed : updateV2);
  return encoding.toUint8Array(encoder);
}

export function encodeAck(clientUpdateId: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_ACK);
  encoding.writeVarUint(encoder, clientUpdateId);
  return encoding.toUint8Array(encoder);
}

/** Reads one frame; throws on a truncated or unknown sync message (the caller logs and drops it). */
export function decodeFrame(data: Uint8Array): SyncFrame {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === messageYjsSyncStep1) return { kind: 'step1', stateVector: payload };
      if (step === messageYjsSyncStep2) return { kind: 'step2', update: payload };
      if (step === messageYjsUpdate) return { kind: 'update', update: payload };
      throw new Error(`unknown sync message step ${step}`);
    }
    case MESSAGE_ACK:
      return { kind: 'ack', clientUpdateId: decoding.readVarUint(decoder) };
    case MESSAGE_CLIENT_UPDATE: {
      const clientUpdateId = decoding.readVarUint(decoder);
      return { kind: 'clientUpdate', clientUpdateId, update: decoding.readVarUint8Array(decoder) };
    }
    case MESSAGE_COMPRESSED_CLIENT_UPDATE: {
      const clientUpdateId = decoding.readVarUint(decoder);
      return { kind: 'clientUpdate', clientUpdateId, update: new Uint8Array(inflateRawSync(decoding.readVarUint8Array(decoder))) };
    }
    default: {
      // Awareness, auth (permission denied carries a reason) or an error frame: kept for the log.
      let text: string | null = null;
      try {
        if (type === MESSAGE_AUTH) decoding.readVarUint(decoder); // 0: permission denied, then the reason
        if (decoding.hasContent(decoder)) text = decoding.readVarString(decoder);
      } catch {
        text = null;
      }
      return { kind: 'other', type, text };
    }
  }
}
