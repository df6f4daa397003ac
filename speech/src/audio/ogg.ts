// Ogg Opus (RFC 7845), what Firefox's MediaRecorder makes: pages are reassembled into packets for
// the first Opus stream; its first packet is the OpusHead, its second the tags, the rest audio.
import { invalidAudio, truncatedAudio } from './audio-error.ts';

export interface OggOpusStream {
  head: Uint8Array;
  packets: Uint8Array[];
  /** The stream's last granule position: samples at 48 kHz including the pre-skip, or undefined. */
  lastGranule?: number;
}

const PAGE_HEADER_BYTES = 27;
const CONTINUED = 0x01;

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + offset, Math.max(0, Math.min(length, bytes.length - offset))).toString('latin1');
}

export function looksLikeOgg(body: Uint8Array): boolean {
  return ascii(body, 0, 4) === 'OggS';
}

export function demuxOggOpus(body: Uint8Array): OggOpusStream {
  if (!looksLikeOgg(body)) throw invalidAudio('This is not an Ogg file: it does not start with an Ogg page.');
  const data = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let serial: number | undefined;
  const packets: Uint8Array[] = [];
  let partial: Uint8Array[] = [];
  let lastGranule: number | undefined;
  let offset = 0;
  while (offset < body.length) {
    if (offset + PAGE_HEADER_BYTES > body.length) throw cutShort();
    if (ascii(body, offset, 4) !== 'OggS') throw invalidAudio('This Ogg file is damaged: a page does not start where one should.');
    const flags = data.getUint8(offset + 5);
    const granule = data.getBigInt64(offset + 6, true);
    const pageSerial = data.getUint32(offset + 14, true);
    const segmentCount = data.getUint8(offset + 26);
    const tableEnd = offset + PAGE_HEADER_BYTES + segmentCount;
    if (tableEnd > body.length) throw cutShort();
    const lacing = body.subarray(offset + PAGE_HEADER_BYTES, tableEnd);
    const pageEnd = tableEnd + lacing.reduce((sum, size) => sum + size, 0);
    if (pageEnd > body.length) throw cutShort();
    // The first stream that opens with an OpusHead is the one to read; other streams are skipped.
    if (serial === undefined && ascii(body, tableEnd, 8) === 'OpusHead') serial = pageSerial;
    if (pageSerial === serial) {
      if ((flags & CONTINUED) === 0) partial = [];
      let position = tableEnd;
      for (const size of lacing) {
        partial.push(body.subarray(position, position + size));
        position += size;
        // A lacing value under 255 ends a packet; 255 means it goes on in the next segment.
        if (size < 255) {
          packets.push(partial.length === 1 ? partial[0]! : Buffer.concat(partial));
          partial = [];
        }
      }
      if (granule >= 0n) lastGranule = Number(granule); // -1: no packet ends on this page
    }
    offset = pageEnd;
  }
  const [head, , ...audio] = packets;
  if (serial === undefined || !head) throw invalidAudio('This Ogg file holds no Opus audio.');
  return { head, packets: audio, lastGranule };
}

function cutShort() {
  return truncatedAudio('This Ogg recording ends in the middle of a page: the upload was cut short.');
}
