/**
 * The Speech model card's view of model downloads, as pure functions: which to show, which just
 * finished (the card then fetches the translator's status, where the new model appears), which
 * catalogue models can still be downloaded.
 */
import type { ModelDownload, TranslatorStatus } from '@onemoment/shared/schemas/translator';

/** The list with one download put in (a POST or DELETE answer arrives before the next poll). */
export function withDownload(list: readonly ModelDownload[], download: ModelDownload): ModelDownload[] {
  return [...list.filter((entry) => entry.name !== download.name), download];
}

/** Names that are done now and were not before. */
export function justFinished(previous: readonly ModelDownload[], next: readonly ModelDownload[]): string[] {
  return next
    .filter((download) => download.state === 'done' && previous.find((entry) => entry.name === download.name)?.state !== 'done')
    .map((download) => download.name);
}

/** Running and failed downloads: a done one shows as an installed model, a cancelled one as nothing. */
export function shownDownloads(list: readonly ModelDownload[]): ModelDownload[] {
  return list.filter((download) => download.state === 'downloading' || download.state === 'failed');
}

export function isDownloading(list: readonly ModelDownload[], name: string): boolean {
  return list.some((download) => download.name === name && download.state === 'downloading');
}

/** Catalogue models without a usable installed file (a damaged file can be downloaded again). */
export function notInstalled(status: Pick<TranslatorStatus, 'downloadable' | 'installedModels'>): TranslatorStatus['downloadable'] {
  const usable = new Set(status.installedModels.filter((model) => model.valid).map((model) => model.name));
  return status.downloadable.filter((model) => !usable.has(model.name));
}
