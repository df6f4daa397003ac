// `npm run models:download -- <model> [--dir <folder>]`: fetches a Whisper model into the hub's models
// folder. The last line on stdout is the installed file's path, so a setup script can use it.
import { findCatalogModel, formatMegabytes, modelDownloadUrl, modelsBaseUrl } from './catalog.ts';
import { catalogFromEnv, parseDownloadArgs, progressReporter, usageText } from './cli-support.ts';
import { downloadModel } from './download.ts';

async function main(): Promise<number> {
  const { catalog, testCatalogFile } = catalogFromEnv(process.env);
  const request = parseDownloadArgs(process.argv.slice(2), process.env);
  if (request.kind === 'help') {
    process.stdout.write(usageText(catalog));
    return 0;
  }
  if (request.kind === 'usage-error') {
    process.stderr.write(`${request.message}\n\n${usageText(catalog)}`);
    return 2;
  }
  if (testCatalogFile) process.stderr.write(`Test catalog from MODELS_TEST_CATALOG (${testCatalogFile}) in use.\n`);

  const model = findCatalogModel(request.name, catalog);
  const baseUrl = modelsBaseUrl(process.env);
  if (model) {
    process.stdout.write(
      `Downloading ${model.name} (${formatMegabytes(model.sizeBytes)}) from ${modelDownloadUrl(model, baseUrl)} into ${request.modelsDir}\n`,
    );
  }
  const progress = progressReporter(process.stdout);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  let announcedResume = false;
  try {
    const result = await downloadModel({
      name: request.name,
      modelsDir: request.modelsDir,
      baseUrl,
      catalog,
      signal: stop.signal,
      onProgress: (update) => {
        if (!announcedResume && update.resumedFromBytes > 0) {
          announcedResume = true;
          process.stdout.write(`Resuming after ${formatMegabytes(update.resumedFromBytes)} already downloaded.\n`);
        }
        progress.update(update);
      },
    });
    progress.finish();
    process.stdout.write(result.downloaded ? 'Checksum OK. Installed:\n' : 'Already installed, checksum OK:\n');
    process.stdout.write(`${result.path}\n`);
    return 0;
  } catch (error) {
    progress.finish();
    if (stop.signal.aborted) {
      process.stderr.write('Stopped. Run the same command again to continue where it stopped.\n');
      return 130;
    }
    throw error;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`models:download: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = 1;
  },
);
