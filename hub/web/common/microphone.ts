/**
 * The browser side of hold-to-talk: getUserMedia into Web Audio, samples handed over by an AudioWorklet
 * (loaded from a Blob URL, so the apps need no extra file) or, where there is none (Safari before 14.1),
 * a ScriptProcessorNode. The recorder in `recorder.ts` turns the chunks into a 16 kHz WAV.
 */
import { downmixToMono, microphoneSupportProblem, type MicrophoneProblem, type OpenCapture } from './recorder.ts';

type AudioContextConstructor = typeof AudioContext;

function audioContextClass(): AudioContextConstructor | undefined {
  if (typeof window === 'undefined') return undefined;
  return window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioContextConstructor }).webkitAudioContext;
}

export function browserMicrophoneProblem(): MicrophoneProblem | null {
  if (typeof window === 'undefined') return 'unsupported';
  return microphoneSupportProblem({
    isSecureContext: window.isSecureContext,
    hasGetUserMedia: typeof navigator.mediaDevices?.getUserMedia === 'function',
    hasAudioContext: audioContextClass() !== undefined,
  });
}

const WORKLET_NAME = 'onemoment-capture';
// Loaded from a Blob URL so the apps need no extra file. It hands over ~40 ms batches rather than every
// 128-frame quantum, and answers 'flush' with what it holds and then 'flushed'.
const WORKLET_SOURCE = `
const FRAMES = 2048;
class Capture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.buffers = null;
    this.filled = 0;
    this.port.onmessage = (event) => {
      if (event.data !== 'flush') return;
      this.flush();
      this.port.postMessage('flushed');
    };
  }
  flush() {
    if (!this.buffers || this.filled === 0) return;
    const out = this.buffers.map((buffer) => buffer.slice(0, this.filled));
    this.filled = 0;
    this.port.postMessage(out, out.map((channel) => channel.buffer));
  }
  process(inputs) {
    const input = inputs[0];
    if (!input || input.length === 0) return true;
    if (!this.buffers || this.buffers.length !== input.length) {
      this.flush();
      this.buffers = input.map(() => new Float32Array(FRAMES));
    }
    const frames = input[0].length;
    let offset = 0;
    while (offset < frames) {
      const take = Math.min(frames - offset, FRAMES - this.filled);
      for (let c = 0; c < input.length; c++) this.buffers[c].set(input[c].subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === FRAMES) this.flush();
    }
    return true;
  }
}
registerProcessor('${WORKLET_NAME}', Capture);
`;

const FLUSH_WAIT_MS = 250;
const RESUME_WAIT_MS = 2000;

async function connectWorklet(context: AudioContext, source: MediaStreamAudioSourceNode, onChunk: (mono: Float32Array) => void) {
  const url = URL.createObjectURL(new Blob([WORKLET_SOURCE], { type: 'text/javascript' }));
  try {
    await context.audioWorklet.addModule(url);
  } finally {
    URL.revokeObjectURL(url);
  }
  const node = new AudioWorkletNode(context, WORKLET_NAME, { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
  let flushed: (() => void) | null = null;
  node.port.onmessage = (event: MessageEvent<Float32Array[] | 'flushed'>) => {
    if (event.data === 'flushed') flushed?.();
    else onChunk(downmixToMono(event.data));
  };
  source.connect(node);
  return {
    node,
    flush: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, FLUSH_WAIT_MS); // a suspended graph never answers
        flushed = () => {
          clearTimeout(timer);
          resolve();
        };
        node.port.postMessage('flush');
      }),
  };
}

function connectScriptProcessor(context: AudioContext, source: MediaStreamAudioSourceNode, onChunk: (mono: Float32Array) => void) {
  const node = context.createScriptProcessor(4096, Math.max(1, Math.min(2, source.channelCount)), 1);
  node.onaudioprocess = (event) => {
    const input = event.inputBuffer;
    const channels: Float32Array[] = [];
    for (let c = 0; c < input.numberOfChannels; c++) channels.push(input.getChannelData(c).slice());
    onChunk(downmixToMono(channels));
  };
  source.connect(node);
  return { node, flush: async () => undefined };
}

/**
 * Opens the microphone into Web Audio. The context is made after the permission is granted: Safari then
 * lets it run (a capturing page may play audio) and it takes the device's own rate, which Firefox needs
 * to connect a microphone at all; resampling to 16 kHz happens afterwards, in `encodeWav16k`.
 */
export const openMicrophoneCapture: OpenCapture = async (onChunk) => {
  const Context = audioContextClass();
  if (!Context || typeof navigator.mediaDevices?.getUserMedia !== 'function') throw Object.assign(new Error('no getUserMedia'), { name: 'NotSupportedError' });
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
  let context: AudioContext | null = null;
  const release = () => {
    for (const track of stream.getTracks()) track.stop();
    void context?.close().catch(() => undefined);
  };
  try {
    context = new Context();
    // A context made outside a gesture may start suspended; a capturing page may resume it, but an engine
    // that never answers must not hold the button in "starting" for ever: a dead graph ends as no-audio.
    if (context.state === 'suspended') await Promise.race([context.resume(), new Promise((resolve) => setTimeout(resolve, RESUME_WAIT_MS))]);
    const source = context.createMediaStreamSource(stream);
    const capture =
      typeof AudioWorkletNode === 'function' && context.audioWorklet
        ? await connectWorklet(context, source, onChunk).catch(() => connectScriptProcessor(context!, source, onChunk))
        : connectScriptProcessor(context, source, onChunk);
    // Some engines only pull nodes that reach the destination; a silent gain keeps the speaker quiet.
    const mute = context.createGain();
    mute.gain.value = 0;
    capture.node.connect(mute);
    mute.connect(context.destination);
    let stopping: Promise<void> | null = null;
    return {
      sampleRate: context.sampleRate,
      stop: () =>
        (stopping ??= capture.flush().finally(() => {
          source.disconnect();
          capture.node.disconnect();
          release();
        })),
    };
  } catch (error) {
    release();
    throw error;
  }
};
