import { WHISPER_MODELS, type CatalogModel } from '@onemoment/speech/models/catalog';
import type { SpeechRecognizer } from '@onemoment/speech/recognition/speech-types';
import type { HubModule } from '../modules/hub-module.ts';
import { conversationRoutes } from './conversations/routes.ts';
import { modelDownloadRoutes } from './models/download-routes.ts';
import { ModelDownloads } from './models/model-downloads.ts';
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
  /**
   * The models a manager may download; the published Whisper models by default. Tests give small
   * entries of their own (served by a fake model server through MODELS_BASE_URL).
   */
  modelCatalog?: readonly CatalogModel[];
  /** Silence from the model server that stops a download (30 s by default); tests shorten it. */
  downloadStallMs?: number;
}

export interface TranslatorApi {
  speech: SpeechService;
  text: TextTranslation;
  downloads: ModelDownloads;
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
      const downloads = new ModelDownloads({
        modelsDir: speech.modelsDir,
        baseUrl: context.config.translator.modelsBaseUrl,
        catalog: options.modelCatalog ?? WHISPER_MODELS,
        clock: context.clock,
        ...(options.downloadStallMs ? { stallMs: options.downloadStallMs } : {}),
        log: context.log,
      });
      await app.register(translatorRoutes(context, speech, text, downloads.catalog));
      await app.register(modelDownloadRoutes(context, downloads));
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
        await downloads.close();
      });
      return { speech, text, downloads };
    },
  };
}
