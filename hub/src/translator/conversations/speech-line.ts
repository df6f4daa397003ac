// A spoken line, from the uploaded audio to the words and their translation: decode, recognise in
// the speaker's language, translate for the other side. Nothing here writes; the service stores the
// result in one command, so a failure at any step leaves no trace.
import type { ConversationLine, Speaker, TranslatorJob, TranslatorProgressEvent } from '@onemoment/shared/schemas/translator';
import type { DecodedAudio } from '@onemoment/speech/audio/decode-audio';
import type { SpeechRecognizer } from '@onemoment/speech/recognition/speech-types';
import { HubError } from '../../errors.ts';
import { normaliseLanguage, type TextTranslation } from '../text/index.ts';
import { heardLanguage, spokenWords, type SideLanguages } from './conversation-rules.ts';

/** A line ready to be stored: everything but the time it is stored at. */
export type LineDraft = Omit<ConversationLine, 'createdAt'>;

export interface SpeechTurn {
  lineId: string;
  conversationId: string;
  speaker: Speaker;
  languages: SideLanguages;
  /** The language the client asked Whisper to hear (`auto` to detect); the speaker's side when absent. */
  askedLanguage: string | undefined;
  /** Who owns the recognition job (see ownerOf in who-is-asking.ts). */
  owner: string;
  body: Buffer;
  contentType: string | undefined;
  onProgress(event: TranslatorProgressEvent): void;
}

export interface SpeechEngines {
  speech: SpeechRecognizer;
  text: TextTranslation;
}

export const noSpeech = () =>
  new HubError(422, 'no_speech', 'No words were recognised: try again closer to the microphone.');

export async function hearLine(engines: SpeechEngines, turn: SpeechTurn): Promise<LineDraft> {
  const audio = await engines.speech.decode(turn.body, turn.contentType);
  const onProgress = (job: TranslatorJob) =>
    turn.onProgress({
      conversationId: turn.conversationId,
      lineId: turn.lineId,
      speaker: turn.speaker,
      state: job.state,
      position: job.position,
      progress: job.progress,
    });
  const heard = await engines.speech.recognize({
    audio,
    task: 'transcribe',
    language: turn.askedLanguage ?? turn.languages.own,
    owner: turn.owner,
    // The line id is the job id, so the client can follow and cancel the recognition of its line.
    jobId: turn.lineId,
    onProgress,
  });
  const text = spokenWords(heard.text);
  if (text === '') throw noSpeech();
  const language = heardLanguage(heard.language, turn.askedLanguage, turn.languages.own);
  const translation = await translateHeard(engines, { lineId: turn.lineId, audio, text, language, to: turn.languages.other, owner: turn.owner, onProgress });
  return {
    id: turn.lineId,
    conversationId: turn.conversationId,
    speaker: turn.speaker,
    source: 'speech',
    language,
    text,
    translatedLanguage: turn.languages.other,
    translatedText: translation?.text ?? null,
    translationEngine: translation?.engine ?? null,
    partial: translation?.partial ?? false,
    untranslatedWords: translation?.untranslatedWords ?? [],
    phraseId: null,
    audioMs: Math.round(audio.durationMs),
  };
}

type HeardTranslation = Pick<LineDraft, 'partial' | 'untranslatedWords'> & { text: string; engine: string };

interface HeardWords {
  lineId: string;
  audio: DecodedAudio;
  text: string;
  language: string;
  to: string;
  owner: string;
  onProgress(job: TranslatorJob): void;
}

/**
 * Text translation first (the phrasebook, the cache, Apertium). When none has the pair and the other
 * side reads English, Whisper can still translate the speech itself: its `translate` task hears any
 * language it knows and writes English.
 */
async function translateHeard(engines: SpeechEngines, heard: HeardWords): Promise<HeardTranslation | null> {
  const result = await engines.text.translate({ text: heard.text, from: heard.language, to: heard.to });
  if (result) return { text: result.text, engine: result.engine, partial: result.partial, untranslatedWords: result.untranslatedWords };
  if (normaliseLanguage(heard.to) !== 'en') return null;
  // Under the line's id again (the first job has finished, so the id is free): the client follows and
  // cancels its line's recognition by that id, whichever pass is running.
  const english = await engines.speech.recognize({
    audio: heard.audio,
    task: 'translate',
    language: heard.language,
    owner: heard.owner,
    jobId: heard.lineId,
    onProgress: heard.onProgress,
  });
  const text = spokenWords(english.text);
  // Whisper writes every word in English; it gives no sign of words it could not translate.
  return text === '' ? null : { text, engine: 'whisper', partial: false, untranslatedWords: [] };
}
