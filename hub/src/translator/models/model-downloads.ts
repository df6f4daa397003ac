// Model downloads a manager starts from the Translator page. Each runs in the background (the request
// that starts it answers at once: the internet is a bonus, nothing waits on it), one per model at a time,
// through the same downloadModel as `npm run models:download`, so a finished file is checked and in
// place exactly as the CLI leaves it. The state lives in memory: after a restart a download is simply
// started again, and a part file kept from a cut connection lets it continue where it stopped.
import { rm } from 'node:fs/promises';
import type { ModelDownload } from '@onemoment/shared/schemas/translator';
import { findCatalogModel, type CatalogModel } from '@onemoment/speech/models/catalog';
import { downloadModel } from '@onemoment/speech/models/download';
import { listInstalledModels, modelPath } from '@onemoment/speech/models/model-files';
import type { Clock } from '../../clock.ts';
import { conflict, HubError } from '../../errors.ts';
import { describeDownloadFailure } from './download-failure.ts';
import { stallGuard } from './stall-guard.ts';

export interface ModelDownloadsOptions {
  modelsDir: string;
  baseUrl: string;
  catalog: readonly CatalogModel[];
  clock: Clock;
  /** No byte (nor the answer's headers) for this long: the download stops as interrupted. */
  stallMs?: number;
  fetchImpl?: typeof fetch;
  log?: { info(object: object, message: string): void; warn(object: object, message: string): void };
}

interface Job {
  view: ModelDownload;
  model: CatalogModel;
  controller: AbortController;
  cancelled: boolean;
  /** Settles when the download has stopped and its files are tidied. */
  settled: Promise<void>;
}

// A venue's internet can be slow, but not silent for this long while a file is being sent.
const DEFAULT_STALL_MS = 30_000;

export class ModelDownloads {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly options: ModelDownloadsOptions) {}

  get catalog(): readonly CatalogModel[] {
    return this.options.catalog;
  }

  list(): ModelDownload[] {
    return [...this.jobs.values()].map((job) => ({ ...job.view }));
  }

  get(name: string): ModelDownload | null {
    const job = this.jobs.get(name);
    return job ? { ...job.view } : null;
  }

  /**
   * Starts downloading a catalogue model; `started` is false when one for this model is running
   * already (that one's state is returned, and no second download begins).
   */
  async start(name: string): Promise<{ started: boolean; download: ModelDownload }> {
    const model = findCatalogModel(name, this.options.catalog);
    if (!model) {
      throw new HubError(
        404,
        'unknown_model',
        `There is no speech model "${name}" to download: choose one of ${this.options.catalog.map((entry) => entry.name).join(', ')}.`,
      );
    }
    const running = this.running(name);
    if (running) return { started: false, download: { ...running.view } };
    const installed = (await listInstalledModels(this.options.modelsDir)).find((entry) => entry.name === name && entry.valid);
    if (installed) {
      throw conflict('model_installed', `The ${name} model is already installed: choose it under Speech model to use it.`);
    }
    // A second request may have started it while the folder was being read.
    const raced = this.running(name);
    if (raced) return { started: false, download: { ...raced.view } };
    const job = this.begin(model);
    return { started: true, download: { ...job.view } };
  }

  /** Stops a running download and deletes what it had fetched; null when none is running. */
  async cancel(name: string): Promise<ModelDownload | null> {
    const job = this.running(name);
    if (!job) return null;
    job.cancelled = true;
    job.controller.abort(new Error('cancelled by a manager'));
    await job.settled;
    return { ...job.view };
  }

  /** The hub is closing: stop every download (part files stay, so a later download continues). */
  async close(): Promise<void> {
    const running = [...this.jobs.values()].filter((job) => job.view.state === 'downloading');
    for (const job of running) job.controller.abort(new Error('the hub is closing'));
    await Promise.all(running.map((job) => job.settled));
  }

  private running(name: string): Job | null {
    const job = this.jobs.get(name);
    return job?.view.state === 'downloading' ? job : null;
  }

  private begin(model: CatalogModel): Job {
    const job: Job = {
      model,
      controller: new AbortController(),
      cancelled: false,
      settled: Promise.resolve(),
      view: {
        name: model.name,
        state: 'downloading',
        receivedBytes: 0,
        totalBytes: model.sizeBytes,
        startedAt: this.options.clock.now().toISOString(),
        finishedAt: null,
        errorCode: null,
        message: null,
      },
    };
    this.jobs.set(model.name, job);
    job.settled = this.run(job);
    return job;
  }

  private async run(job: Job): Promise<void> {
    const { modelsDir, baseUrl, catalog, log } = this.options;
    const guard = stallGuard(this.options.stallMs ?? DEFAULT_STALL_MS, this.options.fetchImpl ?? fetch);
    try {
      await downloadModel({
        name: job.model.name,
        modelsDir,
        baseUrl,
        catalog,
        signal: job.controller.signal,
        fetchImpl: guard.fetch,
        onProgress: (progress) => {
          guard.touch();
          job.view.receivedBytes = progress.receivedBytes;
        },
      });
      this.finish(job, { state: 'done', receivedBytes: job.model.sizeBytes });
      log?.info({ model: job.model.name }, 'speech model downloaded');
    } catch (error) {
      if (job.controller.signal.aborted) {
        // Cancelled: nothing of it stays. Closing: the part stays for the next attempt to continue.
        if (job.cancelled) await this.removePart(job);
        this.finish(job, { state: 'cancelled' });
        return;
      }
      const failure = describeDownloadFailure(error, job.model);
      if (!failure.keepPart) await this.removePart(job);
      this.finish(job, { state: 'failed', errorCode: failure.code, message: failure.message });
      log?.warn({ model: job.model.name, err: error, code: failure.code }, 'speech model download failed');
    } finally {
      guard.stop();
    }
  }

  private finish(job: Job, change: Partial<ModelDownload>): void {
    job.view = { ...job.view, ...change, finishedAt: this.options.clock.now().toISOString() };
  }

  private async removePart(job: Job): Promise<void> {
    await rm(`${modelPath(this.options.modelsDir, job.model.name)}.part`, { force: true }).catch(() => undefined);
  }
}
