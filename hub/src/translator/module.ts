import type { SpeechRecognizer } from '@onemoment/speech/recognition/speech-types';
import type { HubModule } from '../modules/hub-module.ts';
import { conversationRoutes } from './conversations/routes.ts';
import { translatorRoutes } from './routes.ts';
import { SpeechService } from './speech/speech-service.ts';
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
}

export interface TranslatorApi {
  speech: SpeechService;
  text: TextTranslation;
}

declare module '../modules/hub-module.ts' {
  interface ModuleApis {
    translator: TranslatorApi;
  }
}

/**
 * The translator: Whisper speech recognition (in recognizer processes, queued), offline text
 * translation (phrasebook, cache, Apertium), and guest–staff conversations over both. It runs without
 * the restaurant too (a front desk's walk-up guests); with it, a table's guests talk within their visit.
 */
export function translatorModule(options: TranslatorOptions = {}): HubModule<'translator'> {
  return {
    name: 'translator',
    namespaces: ['/guest'],
    subscribes: [],
    timers: ['a recognition past TRANSLATOR_TIMEOUT_SECONDS is stopped'],
    async setup({ app, context, modules }) {
      const speech = new SpeechService(context);
      const text = createTextTranslation(context, {
        ...(options.textEngines ? { engines: options.textEngines } : {}),
        ...(options.apertium === false ? { apertium: false as const } : {}),
      });
      await app.register(translatorRoutes(context, speech, text));
      await app.register(
        conversationRoutes(context, {
          speech: options.conversationSpeech ?? speech,
          text,
          staffLanguage: context.config.staffLanguage,
          visits: modules.restaurant?.visits ?? null,
        }),
      );
      app.addHook('onClose', async () => {
        speech.close();
        text.close();
      });
      return { speech, text };
    },
  };
}
