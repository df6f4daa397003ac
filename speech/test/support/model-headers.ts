// Hand-written ggml headers for tests: the published models' hyper-parameters, in file order.
import type { ModelHyperParameters } from '../../src/models/model-files.ts';

const shape = (
  nVocab: number,
  nState: number,
  nHead: number,
  nLayer: number,
  nMels = 80,
): ModelHyperParameters => ({
  nVocab,
  nAudioCtx: 1500,
  nAudioState: nState,
  nAudioHead: nHead,
  nAudioLayer: nLayer,
  nTextCtx: 448,
  nTextState: nState,
  nTextHead: nHead,
  nTextLayer: nLayer,
  nMels,
  ftype: 1,
});

export const HEADERS = {
  tiny: shape(51_865, 384, 6, 4),
  baseEn: shape(51_864, 512, 8, 6),
  base: shape(51_865, 512, 8, 6),
  small: shape(51_865, 768, 12, 12),
  smallEn: shape(51_864, 768, 12, 12),
  largeV3: shape(51_866, 1280, 20, 32, 128),
} as const;

/** The 48 bytes whisper.cpp reads first: the magic 0x67676d6c, then eleven little-endian int32. */
export function ggmlHeader(h: ModelHyperParameters): Uint8Array {
  const bytes = new Uint8Array(48);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x67676d6c, true);
  const values = [h.nVocab, h.nAudioCtx, h.nAudioState, h.nAudioHead, h.nAudioLayer, h.nTextCtx, h.nTextState, h.nTextHead, h.nTextLayer, h.nMels, h.ftype];
  values.forEach((value, index) => view.setInt32(4 + index * 4, value, true));
  return bytes;
}
