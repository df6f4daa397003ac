import { deflateRawSync, inflateRaw } from 'node:zlib';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';

/**
 * The wire protocol between a hub and the cloud at `/sync/<docName>`, one WebSocket per document.
 * Both sides import it from here. Every frame is binary and starts with a varUint message type:
 *
 * - 0 `MESSAGE_SYNC` (y-protocols/sync, Yjs V1 updates, as plain y-websocket clients speak it):
 *   0 syncStep1 (state vector) → answered with 1 syncStep2 (what the sender lacks); 2 update.
 *   On connect the cloud sends its syncStep1, and every change stored later (from another hub,
 *   another node, or HQ) is pushed as a 2 update. A hub's step 2 or update is stored but not
 *   acknowledged.
 * - 1 `MESSAGE_AWARENESS`: accepted and ignored (hubs share no cursors).
 * - 2 `MESSAGE_AUTH` + 0 permissionDenied + varString reason: the cloud refused something (a frame
 *   that does not decode, an update that does not fit the document). The document is unchanged.
 * - 101 `MESSAGE_CLIENT_UPDATE` (hub → cloud): varUint clientUpdateId, varUint8Array update in Yjs
 *   **V2** encoding (about half the bytes of V1 for our maps of short fields; the hub stores V2 too,
 *   so it sends its rows as they are). The clientUpdateId is the hub's sync_updates row id of the
 *   last update the frame carries.
 * - 102 `MESSAGE_COMPRESSED_CLIENT_UPDATE` (hub → cloud): as 101 with the update raw-DEFLATEd. Merged
 *   updates of many orders repeat the same keys and names, so a resend after an outage shrinks several
 *   times and the wire stays small without WebSocket compression (see the cloud's SYNC_DEFLATE for
 *   why that is off). The cloud inflates it off the event loop (`inflateUpdate`) and refuses an update
 *   that would inflate past SYNC_MAX_MESSAGE_BYTES, the same limit an uncompressed frame has.
 * - 100 `MESSAGE_ACK` (cloud → hub): varUint clientUpdateId, sent once the update of that 101/102 is
 *   committed in Postgres (or was already there: a resent update is acknowledged, never stored twice).
 *
 * Node only (it uses node:zlib): the hub and the cloud import it; no browser bundle does.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_ACK = 100;
export const MESSAGE_CLIENT_UPDATE = 101;
/** As 101, with the update deflated (raw DEFLATE) by the hub: merged resends shrink several times. */
export const MESSAGE_COMPRESSED_CLIENT_UPDATE = 102;

/** The token is unknown, or belongs to another venue than the document's. */
export const CLOSE_UNAUTHORIZED = 4401;
/** The address is not a document name. */
export const CLOSE_BAD_DOCUMENT = 4400;
/** The cloud is shutting down. */
export const CLOSE_GOING_AWAY = 1001;

/** Updates smaller than this go as they are: deflate would save little and cost a call. */
const COMPRESS_FROM_BYTES = 256;

/** One frame as read from the wire, in either direction; each side handles the kinds it expects. */
export type SyncFrame =
  | { kind: 'step1'; stateVector: Uint8Array }
  /** A V1 update: what the receiver lacked, answering its step 1. */
  | { kind: 'step2'; update: Uint8Array }
  /** A V1 update. */
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'ack'; clientUpdateId: number }
  /** A V2 update (101). */
  | { kind: 'clientUpdate'; clientUpdateId: number; update: Uint8Array }
  /** A V2 update still deflated (102): see inflateUpdate. */
  | { kind: 'compressedClientUpdate'; clientUpdateId: number; deflated: Uint8Array }
  /** Awareness (1): nothing either side uses. */
  | { kind: 'awareness' }
  /** Auth (2, with the refusal's reason as text) or a type this protocol does not know. */
  | { kind: 'other'; type: number; text: string | null };

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

/** A 101 frame, or a 102 when deflating makes a large update smaller. */
export function encodeClientUpdate(clientUpdateId: number, updateV2: Uint8Array): Uint8Array {
  const compressed = updateV2.length >= COMPRESS_FROM_BYTES ? deflateRawSync(updateV2) : null;
  const useCompressed = compressed !== null && compressed.length < updateV2.length;
  return frame((e) => {
    encoding.writeVarUint(e, useCompressed ? MESSAGE_COMPRESSED_CLIENT_UPDATE : MESSAGE_CLIENT_UPDATE);
    encoding.writeVarUint(e, clientUpdateId);
    encoding.writeVarUint8Array(e, useCompressed ? compressed : updateV2);
  });
}

export const encodePermissionDenied = (reason: string) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AUTH);
    authProtocol.writePermissionDenied(e, reason);
  });

/**
 * Reads one frame; throws on a truncated frame or an unknown sync step (the caller refuses or drops
 * it). A 102's update is left deflated: the receiver inflates it with inflateUpdate, off the event loop.
 */
export function decodeFrame(data: Uint8Array): SyncFrame {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncProtocol.messageYjsSyncStep1) return { kind: 'step1', stateVector: payload };
      if (step === syncProtocol.messageYjsSyncStep2) return { kind: 'step2', update: payload };
      if (step === syncProtocol.messageYjsUpdate) return { kind: 'update', update: payload };
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
      return { kind: 'compressedClientUpdate', clientUpdateId, deflated: decoding.readVarUint8Array(decoder) };
    }
    case MESSAGE_AWARENESS:
      return { kind: 'awareness' };
    default: {
      // Auth (permission denied carries a reason) or an error frame: kept for the log.
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
