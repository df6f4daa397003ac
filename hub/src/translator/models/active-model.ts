// Which installed Whisper model the hub listens with. The manager's choice is a translator setting;
// the files decide whether that choice still stands (a model deleted from the folder is not active).
import type Database from 'better-sqlite3';
import { listInstalledModels, modelPath, type InstalledModel, type ModelArchitecture } from '@onemoment/speech/models/model-files';
import { HubError } from '../../errors.ts';

export const ACTIVE_MODEL_SETTING = 'active_model';

export interface ActiveModel extends InstalledModel {
  /** manager: chosen on the admin page; only-model: the one valid file; best-guess: see pickBestGuess. */
  selectedBy: 'manager' | 'only-model' | 'best-guess';
}

export class ModelNotUsableError extends HubError {
  constructor(
    code: 'model_not_installed' | 'model_not_valid',
    message: string,
    readonly modelName: string,
  ) {
    super(409, code, message);
    this.name = 'ModelNotUsableError';
  }
}

export async function activeModel(sqlite: Database.Database, modelsDir: string): Promise<ActiveModel | null> {
  const usable = (await listInstalledModels(modelsDir)).filter((model) => model.valid);
  const chosenName = readChoice(sqlite);
  const chosen = usable.find((model) => model.name === chosenName);
  if (chosen) return { ...chosen, selectedBy: 'manager' };
  const [only] = usable;
  if (only && usable.length === 1) return { ...only, selectedBy: 'only-model' };
  const guess = pickBestGuess(usable);
  return guess ? { ...guess, selectedBy: 'best-guess' } : null;
}

const ARCHITECTURE_RANK: Readonly<Record<ModelArchitecture, number>> = {
  unknown: 0,
  tiny: 1,
  base: 2,
  small: 3,
  medium: 4,
  large: 5,
};

/**
 * Several models on disk and none chosen (or the chosen one removed): guessing beats going deaf. A
 * venue installs a model in order to use it, and a guest may speak any language, so the pick is the
 * multilingual model before an English-only one, then the largest architecture (the most accurate of
 * those the venue was willing to download), then the larger file. The admin page shows the pick and
 * the manager can choose another.
 */
export function pickBestGuess(models: readonly InstalledModel[]): InstalledModel | null {
  const ranked = models
    .filter((model) => model.valid)
    .sort(
      (a, b) =>
        Number(b.multilingual) - Number(a.multilingual) ||
        ARCHITECTURE_RANK[b.architecture] - ARCHITECTURE_RANK[a.architecture] ||
        b.sizeBytes - a.sizeBytes ||
        a.name.localeCompare(b.name),
    );
  return ranked[0] ?? null;
}

/** Records the manager's choice; a model that is not in the folder, or cannot be loaded, is refused. */
export async function chooseActiveModel(sqlite: Database.Database, modelsDir: string, name: string, now: Date): Promise<ActiveModel> {
  modelPath(modelsDir, name); // throws InvalidModelNameError for a name that is no model name
  const installed = await listInstalledModels(modelsDir);
  const model = installed.find((candidate) => candidate.name === name);
  if (!model) {
    const usable = installed.filter((candidate) => candidate.valid).map((candidate) => candidate.name);
    throw new ModelNotUsableError(
      'model_not_installed',
      `The model "${name}" is not installed. ` +
        (usable.length > 0
          ? `Installed: ${usable.join(', ')}.`
          : 'Download one first with a Download button under Speech model on the Translator page.'),
      name,
    );
  }
  if (!model.valid) {
    throw new ModelNotUsableError('model_not_valid', `${model.file} cannot be used: ${model.problem ?? 'its header is not a Whisper model'}.`, name);
  }
  const updatedAt = now.toISOString();
  sqlite
    .prepare(
      `INSERT INTO translator_settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    .run(ACTIVE_MODEL_SETTING, name, updatedAt);
  return { ...model, selectedBy: 'manager' };
}

function readChoice(sqlite: Database.Database): string | null {
  const value = sqlite.prepare('SELECT value FROM translator_settings WHERE key = ?').pluck().get(ACTIVE_MODEL_SETTING) as string | undefined;
  return value ?? null;
}
