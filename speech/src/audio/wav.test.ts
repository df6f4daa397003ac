import { describe, expect, it } from 'vitest';
import { AudioError } from './audio-error.ts';
import { decodeWavSamples, encodeWav, readWavHeader, type WavEncoding } from './wav.ts';

// Builds RIFF files by hand, so the reader is tested on layouts our own encoder never writes.
function riff(chunks: [id: string, data: Buffer][], riffSize?: number): Buffer {
  const parts = chunks.map(([id, data]) => {
    const header = Buffer.alloc(8);
    header.write(id, 0, 'latin1');
    header.writeUInt32LE(data.length, 4);
    return Buffer.concat([header, data, Buffer.alloc(data.length % 2)]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(riffSize ?? body.length + 4, 4);
  head.write('WAVE', 8, 'latin1');
  return Buffer.concat([head, body]);
}

function fmt(tag: number, channels: number, sampleRate: number, bits: number, blockAlign = channels * Math.ceil(bits / 8)): Buffer {
  const data = Buffer.alloc(16);
  data.writeUInt16LE(tag, 0);
  data.writeUInt16LE(channels, 2);
  data.writeUInt32LE(sampleRate, 4);
  data.writeUInt32LE(sampleRate * blockAlign, 8);
  data.writeUInt16LE(blockAlign, 12);
  data.writeUInt16LE(bits, 14);
  return data;
}

function refusal(run: () => unknown): AudioError {
  try {
    run();
  } catch (error) {
    if (error instanceof AudioError) return error;
    throw error;
  }
  throw new Error('expected an AudioError');
}

function decode(file: Buffer): { header: ReturnType<typeof readWavHeader>; channels: Float32Array[] } {
  const header = readWavHeader(file);
  return { header, channels: decodeWavSamples(file, header) };
}

// A signal that uses the whole range, both signs and full scale, different on every channel.
function testSignal(channel: number, length = 4000): Float32Array {
  return Float32Array.from({ length }, (_, i) => {
    if (i === 0) return -1;
    if (i === 1) return 0.999;
    return 0.7 * Math.sin((2 * Math.PI * (200 + 150 * channel) * i) / 16000) + 0.2 * Math.sin(i * 0.37 + channel);
  });
}

describe('readWavHeader and decodeWavSamples', () => {
  const steps: Record<WavEncoding, number> = {
    pcm8: 1 / 128,
    pcm16: 1 / 32768,
    pcm24: 1 / 8388608,
    pcm32: 1e-7, // float32 holds 24 bits of the 32
    float32: 0,
    float64: 0,
  };

  it.each(Object.entries(steps) as [WavEncoding, number][])('%s round-trips through encodeWav, plain and extensible', (encoding, step) => {
    for (const extensible of [false, true]) {
      const input = [testSignal(0), testSignal(1)];
      const { header, channels } = decode(encodeWav(input, 44_100, { encoding, extensible }));
      expect(header).toMatchObject({ encoding, channels: 2, sampleRate: 44_100, declaredFrames: 4000, availableFrames: 4000 });
      for (const [index, channel] of channels.entries()) {
        const expected = input[index]!;
        let worst = 0;
        for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(channel[i]! - Math.min(expected[i]!, 1 - step)));
        expect(worst, `channel ${index}, extensible ${extensible}`).toBeLessThanOrEqual(step);
      }
    }
  });

  it('reads each encoding from known bytes: unsigned 8-bit, signed 16/24/32-bit, little-endian floats', () => {
    const cases: [tag: number, bits: number, bytes: number[], expected: number[]][] = [
      [1, 8, [0x00, 0x80, 0xff], [-1, 0, 127 / 128]],
      [1, 16, [0x00, 0x80, 0xff, 0x7f, 0x00, 0x40], [-1, 32767 / 32768, 0.5]],
      [1, 24, [0x00, 0x00, 0x80, 0xff, 0xff, 0xff, 0x00, 0x00, 0x40], [-1, -1 / 8388608, 0.5]],
      [1, 32, [0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0xc0], [-1, -0.5]],
      [3, 32, [0x00, 0x00, 0x00, 0x3f, 0x00, 0x00, 0x80, 0xbe], [0.5, -0.25]],
      [3, 64, [0, 0, 0, 0, 0, 0, 0xe0, 0x3f, 0, 0, 0, 0, 0, 0, 0xd0, 0xbf], [0.5, -0.25]],
    ];
    for (const [tag, bits, bytes, expected] of cases) {
      const { header, channels } = decode(riff([['fmt ', fmt(tag, 1, 8000, bits)], ['data', Buffer.from(bytes)]]));
      expect(Array.from(channels[0]!), `${tag}/${bits}`).toEqual(expected.map((value) => Math.fround(value)));
      expect(header.availableFrames).toBe(expected.length);
    }
  });

  it('reads every channel count from 1 to 8 in order, and rates from 8,000 to 192,000 Hz', () => {
    for (let count = 1; count <= 8; count++) {
      const input = Array.from({ length: count }, (_, channel) => testSignal(channel, 100));
      const { header, channels } = decode(encodeWav(input, 8000 + count));
      expect(header.channels).toBe(count);
      for (let channel = 0; channel < count; channel++) expect(channels[channel]![7]).toBeCloseTo(input[channel]![7]!, 4);
    }
    for (const rate of [8_000, 11_025, 44_100, 96_000, 192_000]) expect(readWavHeader(encodeWav(new Int16Array(10), rate)).sampleRate).toBe(rate);
  });

  it('takes the format from an extensible header\'s sub-format GUID, and 24-bit audio in 4-byte containers', () => {
    const extensible = Buffer.alloc(40);
    fmt(0xfffe, 1, 48_000, 32).copy(extensible);
    extensible.writeUInt16LE(22, 16);
    extensible.writeUInt16LE(24, 18); // 24 valid bits...
    extensible.writeUInt16LE(1, 24); // ...of integer PCM, left-justified in 32
    const samples = Buffer.alloc(8);
    samples.writeInt32LE(0x40000000, 0);
    samples.writeInt32LE(-0x80000000, 4);
    const { header, channels } = decode(riff([['fmt ', extensible], ['data', samples]]));
    expect(header.encoding).toBe('pcm32');
    expect(Array.from(channels[0]!)).toEqual([0.5, -1]);
  });

  it('finds chunks in any order, skips LIST and unknown chunks, and honours odd-size padding', () => {
    const info = Buffer.from('INFOISFT\u0005\u0000\u0000\u0000odd!!', 'latin1'); // odd length: padded
    const samples = Buffer.alloc(6);
    [1000, -2000, 3000].forEach((value, i) => samples.writeInt16LE(value, i * 2));
    const file = riff([
      ['LIST', info],
      ['junk', Buffer.from([1, 2, 3])], // odd again, before the data
      ['data', samples],
      ['bext', Buffer.alloc(5)],
      ['fmt ', fmt(1, 1, 16_000, 16)], // fmt after data is legal
    ]);
    const { header, channels } = decode(file);
    expect(header).toMatchObject({ encoding: 'pcm16', sampleRate: 16_000, declaredFrames: 3, availableFrames: 3 });
    expect(Array.from(channels[0]!, (value) => Math.round(value * 32768))).toEqual([1000, -2000, 3000]);
  });

  it('reads a data size of 0 or 0xFFFFFFFF, as streaming recorders write, as "to the end of the file"', () => {
    for (const streamingSize of [0, 0xffffffff]) {
      const file = encodeWav(new Int16Array([5, 6, 7, 8, 9]), 16_000);
      file.writeUInt32LE(streamingSize, 40); // the data chunk's size
      file.writeUInt32LE(streamingSize, 4); // and the RIFF size, which such recorders also leave open
      const trailingHalfFrame = Buffer.concat([file, Buffer.from([0x01])]);
      const { header, channels } = decode(trailingHalfFrame);
      expect(header.declaredFrames).toBe(5);
      expect(header.availableFrames).toBe(5);
      expect(Array.from(channels[0]!, (value) => value * 32768)).toEqual([5, 6, 7, 8, 9]);
    }
  });

  it('reports a data chunk that runs past the end as fewer frames than declared', () => {
    const file = encodeWav(new Int16Array(1000), 16_000).subarray(0, 44 + 600);
    expect(readWavHeader(file)).toMatchObject({ declaredFrames: 1000, availableFrames: 300 });
  });

  it('refuses what is not a WAV it can read, in words a person understands', () => {
    const cases: [Buffer, string, RegExp][] = [
      [Buffer.from('ID3\u0004 this is an mp3'), 'invalid_audio', /not a WAV file/],
      [riff([['fmt ', fmt(1, 1, 16_000, 16)]]), 'invalid_audio', /no data chunk/],
      [riff([['data', Buffer.alloc(4)]]), 'invalid_audio', /no format \(fmt\) chunk/],
      [riff([['fmt ', fmt(0x55, 1, 16_000, 0, 1)], ['data', Buffer.alloc(4)]]), 'invalid_audio', /MP3-encoded.*send PCM/],
      [riff([['fmt ', fmt(7, 1, 8000, 8)], ['data', Buffer.alloc(4)]]), 'invalid_audio', /µ-law/],
      [riff([['fmt ', fmt(1, 0, 16_000, 16, 2)], ['data', Buffer.alloc(4)]]), 'invalid_audio', /0 channels/],
      [riff([['fmt ', fmt(1, 9, 16_000, 16)], ['data', Buffer.alloc(18)]]), 'invalid_audio', /9 channels; the hub reads up to 8/],
      [riff([['fmt ', fmt(1, 1, 4000, 16)], ['data', Buffer.alloc(4)]]), 'invalid_audio', /4000 Hz; the hub reads 8,000 to 192,000 Hz/],
      [riff([['fmt ', fmt(3, 1, 16_000, 16)], ['data', Buffer.alloc(4)]]), 'invalid_audio', /16-bit float/],
      [riff([['fmt ', fmt(1, 1, 16_000, 16)], ['data', Buffer.alloc(4)]]).subarray(0, 30), 'truncated_audio', /ends inside its format header/],
      [riff([['LIST', Buffer.alloc(100)], ['fmt ', fmt(1, 1, 16_000, 16)]]).subarray(0, 60), 'truncated_audio', /ends inside its "LIST" chunk/],
    ];
    for (const [file, code, message] of cases) {
      const error = refusal(() => readWavHeader(file));
      expect(error.code, String(message)).toBe(code);
      expect(error.statusCode).toBe(400);
      expect(error.message).toMatch(message);
    }
  });
});

describe('encodeWav', () => {
  it('writes a canonical 16-bit PCM file from mono Int16 samples', () => {
    const file = encodeWav(new Int16Array([0, 1, -1, 32767, -32768]), 16_000);
    expect(file.length).toBe(44 + 10);
    expect(file.toString('latin1', 0, 4)).toBe('RIFF');
    expect(file.readUInt32LE(4)).toBe(file.length - 8);
    expect(file.toString('latin1', 8, 16)).toBe('WAVEfmt ');
    expect([file.readUInt16LE(20), file.readUInt16LE(22), file.readUInt32LE(24), file.readUInt32LE(28), file.readUInt16LE(32), file.readUInt16LE(34)]).toEqual([
      1, 1, 16_000, 32_000, 2, 16,
    ]);
    expect(file.toString('latin1', 36, 40)).toBe('data');
    expect(Array.from({ length: 5 }, (_, i) => file.readInt16LE(44 + i * 2))).toEqual([0, 1, -1, 32767, -32768]);
  });

  it('interleaves channels and clips what is beyond full scale', () => {
    const file = encodeWav([Float32Array.from([0.5, 2]), Float32Array.from([-0.5, -2])], 8000);
    expect(file.readUInt16LE(22)).toBe(2);
    expect([file.readInt16LE(44), file.readInt16LE(46), file.readInt16LE(48), file.readInt16LE(50)]).toEqual([16384, -16384, 32767, -32768]);
  });

  it('refuses channels of different lengths', () => {
    expect(() => encodeWav([new Float32Array(3), new Float32Array(4)], 8000)).toThrow(/same length/);
  });
});
