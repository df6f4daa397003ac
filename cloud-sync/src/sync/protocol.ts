import { inflateRaw } from 'node:zlib';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';

/**
 * The wire protocol of `/sync/<docName>`, one WebSocket per document. Every frame is binary and
 * starts with a varUint message type:
 *
 * - 0 `messageSync` (y-protocols/sync, Yjs V1 updates, as plain y-websocket clients speak it):
 *   0 syncStep1 (state vector) → answered with 1 syncStep2 (what the client lacks);
 *   1 syncStep2 / 2 update: an update from the client, stored but not acknowledged.
 *   On connect the cloud sends its syncStep1, and every change stored later (from another hub,
 *   another node, or HQ) is pushed as a 2 update.
 * - 1 `messageAwareness`: accepted and ignored (hubs share no cursors).
 * - 2 `messageAuth` + 0 permissionDenied + varString reason: the cloud refused something (a frame
 *   that does not decode, an update that does not fit the document). The document is unchanged.
 * - 101 `messageClientUpdate` (hub → cloud): varUint clientUpdateId, varUint8Array update in Yjs
 *   **V2** encoding (smaller than V1 for our maps of short fields; the hub stores V2 too, so it sends
 *   its rows as they are).
 * - 102 `messageCompressedClientUpdate` (hub → cloud): as 101 with the update raw-DEFLATEd; the hub
 *   uses it for larger frames (a resend of many orders shrinks several times), so the wire stays small
 *   without WebSocket compression (see SYNC_DEFLATE for why that is off). The cloud inflates it off
 *   the event loop and refuses (permission denied) an update that would inflate past
 *   SYNC_MAX_MESSAGE_BYTES, the same limit an uncompressed frame has.
 * - 100 `messageAck` (cloud → hub): varUint clientUpdateId, sent once the update of that 101 is
 *   committed in Postgres (or was already there: a resent update is acknowledged, never stored twice).
 *
 * Close codes: 4401 the token is unknown or belongs to another venue than the document's;
 * 4400 the address is not a document name; 1001 the cloud is shutting down.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_ACK = 100;
export const MESSAGE_CLIENT_UPDATE = 101;
/** As 101, with the update deflated (raw DEFLATE) by the hub: merged resends shrink several times. */
export const MESSAGE_COMPRESSED_CLIENT_UPDATE = 102;

export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_BAD_DOCUMENT = 4400;
export const CLOSE_GOING_AWAY = 1001;

export type ClientMessage =
  | { type: 'step1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array; format: 'v1' }
  | { type: 'client-update'; clientUpdateId: number; update: Uint8Array; format: 'v2' }
  /** Still deflated: see inflateUpdate. */
  | { type: 'compressed-client-update'; clientUpdateId: number; deflated: Uint8Array }
  | { type: 'awareness' }
  | { type: 'unknown'; messageType: number };

/** Reads one frame from a client; throws when it does not decode. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  const messageType = decoding.readVarUint(decoder);
  switch (messageType) {
    case MESSAGE_SYNC: {
      const syncType = decoding.readVarUint(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) return { type: 'step1', stateVector: decoding.readVarUint8Array(decoder) };
      if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        return { type: 'update', update: decoding.readVarUint8Array(decoder), format: 'v1' };
      }
      throw new Error(`unknown sync message ${syncType}`);
    }
    case MESSAGE_CLIENT_UPDATE: {
      const clientUpdateId = decoding.readVarUint(decoder);
      return { type: 'client-update', clientUpdateId, update: decoding.readVarUint8Array(decoder), format: 'v2' };
    }
    case MESSAGE_COMPRESSED_CLIENT_UPDATE: {
      const clientUpdateId = decoding.readVarUint(decoder);
      return { type: 'compressed-client-update', clientUpdateId, deflated: decoding.readVarUint8Array(decoder) };
    }
    case MESSAGE_AWARENESS:
      return { type: 'awareness' };
    default:
      return { type: 'unknown', messageType };
  }
}

export type InflateResult = { ok: true; update: Uint8Array } | { ok: false; reason: string };

/**
 * Inflates the update of a 102 in zlib's thread pool, so the event loop goes on serving other hubs
 * and HQ meanwhile (a 204 KB frame once inflated to 750 MB in one synchronous call, for 2 s). zlib
 * stops as soon as the output passes `maxBytes`, so a small frame costs no more than an uncompressed
 * frame of the largest size would.
 */
export function inflateUpdate(deflated: Uint8Array, maxBytes: number): Promise<InflateResult> {
  return new Promise((resolve) => {
    // 64 KB output chunks: with zlib's default of 16 KB a large update takes four times as many trips
    // to the thread pool (measured: 16 MB inflated in about 35 ms instead of 250 ms).
    inflateRaw(deflated, { maxOutputLength: maxBytes, chunkSize: 64 * 1024 }, (error, inflated) => {
      if (!error) resolve({ ok: true, update: new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength) });
      else if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        resolve({ ok: false, reason: `it inflates to more than ${maxBytes} bytes, the largest update the cloud takes (SYNC_MAX_MESSAGE_BYTES)` });
      } else resolve({ ok: false, reason: 'its compressed update does not inflate (raw DEFLATE expected)' });
    });
  });
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(e, stateVector);
  });

export const encodeSyncStep2 = (updateV1: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, updateV1);
  });

export const encodeSyncUpdate = (updateV1: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeUpdate(e, updateV1);
  });

export const encodeAck = (clientUpdateId: number) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_ACK);
    encoding.writeVarUint(e, clientUpdateId);
  });

export const encodeClientUpdate = (clientUpdateId: number, updateV2: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_CLIENT_UPDATE);
    encoding.writeVarUint(e, clientUpdateId);
    encoding.writeVarUint8Array(e, updateV2);
  });

export const encodePermissionDenied = (reason: string) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AUTH);
    authProtocol.writePermissionDenied(e, reason);
  });
