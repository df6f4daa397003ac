// The Whisper models a venue can download: the published whisper.cpp (ggml) files, with the size and
// checksum that let the hub tell a complete, untouched file from a damaged one.
//
// Checksums: the SHA-1 column of whisper.cpp's models/README.md ("Available models"), the same in the
// ggerganov/whisper.cpp and ggml-org/whisper.cpp copies of that file. Sizes: the exact byte counts of
// the files on the Hugging Face repository ggerganov/whisper.cpp (the README rounds them to MiB:
// 75, 142 and 466 MiB, which these match), as recorded by many independent projects that pin them.
// medium and large are left out on purpose: 1.5–2.9 GiB is too slow for a venue's small hub to run live.

export interface CatalogModel {
  /** What the manager types: `npm run models:download -- base`. */
  name: string;
  /** The file name on the server and in the models folder. */
  file: string;
  sizeBytes: number;
  /** Lower-case hex SHA-1 of the whole file. */
  sha1: string;
  /** False for the English-only `.en` models. */
  multilingual: boolean;
  /** One line for the command's help and the admin page. */
  summary: string;
}

export const DEFAULT_MODELS_BASE_URL = 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main';

export const WHISPER_MODELS: readonly CatalogModel[] = [
  {
    name: 'tiny',
    file: 'ggml-tiny.bin',
    sizeBytes: 77_691_713,
    sha1: 'bd577a113a864445d4c299885e0cb97d4ba92b5f',
    multilingual: true,
    summary: 'fastest, least accurate; fine for short phrases on a small hub',
  },
  {
    name: 'base',
    file: 'ggml-base.bin',
    sizeBytes: 147_951_465,
    sha1: '465707469ff3a37a2b9b8d8f89f2f99de7299dac',
    multilingual: true,
    summary: 'the usual choice: clearly better than tiny, still quick',
  },
  {
    name: 'small',
    file: 'ggml-small.bin',
    sizeBytes: 487_601_967,
    sha1: '55356645c2b361a969dfd0ef2c5a50d530afd8d5',
    multilingual: true,
    summary: 'most accurate here; needs a faster hub',
  },
  {
    name: 'tiny.en',
    file: 'ggml-tiny.en.bin',
    sizeBytes: 77_704_715,
    sha1: 'c78c86eb1a8faa21b369bcd33207cc90d64ae9df',
    multilingual: false,
    summary: 'English only, like tiny',
  },
  {
    name: 'base.en',
    file: 'ggml-base.en.bin',
    sizeBytes: 147_964_211,
    sha1: '137c40403d78fd54d454da0f9bd998f78703390c',
    multilingual: false,
    summary: 'English only, like base',
  },
  {
    name: 'small.en',
    file: 'ggml-small.en.bin',
    sizeBytes: 487_614_201,
    sha1: 'db8a495a91d927739e50b3fc1cc4c6b8f6c2d022',
    multilingual: false,
    summary: 'English only, like small',
  },
];

export function findCatalogModel(name: string, catalog: readonly CatalogModel[] = WHISPER_MODELS): CatalogModel | null {
  return catalog.find((model) => model.name === name) ?? null;
}

/** MODELS_BASE_URL points downloads at a mirror (a venue group's own server, or a test server). */
export function modelsBaseUrl(env: Record<string, string | undefined> = process.env): string {
  const override = env.MODELS_BASE_URL?.trim();
  return override ? override : DEFAULT_MODELS_BASE_URL;
}

export function modelDownloadUrl(model: CatalogModel, baseUrl: string = DEFAULT_MODELS_BASE_URL): string {
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(model.file)}`;
}

/** 147951465 → "148.0 MB": decimal megabytes, as download tools and disks show them. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
