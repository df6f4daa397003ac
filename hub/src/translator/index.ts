import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { HubContext } from '../context.ts';
import { conversationRoutes } from './conversations/routes.ts';
import { translatorRoutes } from './routes.ts';
import { SpeechService } from './speech/speech-service.ts';
import type { SpeechRecognizer } from './speech/speech-types.ts';
import { createTextTranslation, type TextEngine, type TextTranslation } from './text/index.ts';

export interface TranslatorOptions {
  /** Extra text engines ahead of Apertium (another MT engine later). */
  textEngines?: TextEngine[];
  /** false: no Apertium even when installed. */
  apertium?: false;
  /**
   * The recognizer conversations use; Whisper (SpeechService) by default. Conversation tests give a
   * scripted one, since they test lines and rooms, not recognition.
   */
  conversationSpeech?: SpeechRecognizer;
  /** Called with the translator's parts once built (tests read the text translation's engine runs). */
  onReady?: (parts: { speech: SpeechService; text: TextTranslation }) => void;
}

/**
 * The translator: Whisper speech recognition (in recognizer processes, queued), offline text
 * translation (phrasebook, cache, Apertium), and guest–staff conversations over both.
 */
export function translatorModule(context: HubContext, options: TranslatorOptions = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    const speech = new SpeechService(context);
    const text = createTextTranslation(context, {
      ...(options.textEngines ? { engines: options.textEngines } : {}),
      ...(options.apertium === false ? { apertium: false as const } : {}),
    });
    await app.register(translatorRoutes(context, speech, text));
    await app.register(
      conversationRoutes(context, { speech: options.conversationSpeech ?? speech, text, staffLanguage: context.config.staffLanguage }),
    );
    options.onReady?.({ speech, text });
    app.addHook('onClose', async () => {
      speech.close();
      text.close();
    });
  };
}
