/**
 * The guest's phrase chips ("Could we have the bill, please?"), in the guest's language, a category at
 * a time; the staff's own phrases are not offered here. A phrase with blanks ("I am allergic to
 * {allergen}") opens a small sheet with the blanks as inputs; the hub fills the same values into the
 * staff's language.
 */
import type { PhrasebookPhrase } from '@onemoment/shared/schemas/translator';
import { useState } from 'preact/hooks';
import {
  fillPhrase,
  missingValues,
  phraseLabel,
  phraseParts,
  phraseText,
  phraseValues,
  phrasesByCategory,
  phrasesFor,
} from '../../../common/translator/phrases.ts';
import { MAX_PLACEHOLDER_VALUE, type Phrasebook } from '../../../common/translator/translator-api.ts';
import { Sheet } from '../components/sheet.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { useLocale } from '../locale-context.ts';

export interface TalkPhrasesProps {
  phrasebook: Phrasebook;
  /** The languages the guest reads, best first. */
  readLanguages: readonly string[];
  onSend(phrase: PhrasebookPhrase, values: Record<string, string>, preview: string): void;
}

export function TalkPhrases(props: TalkPhrasesProps) {
  const { t } = useLocale();
  const groups = phrasesByCategory(props.phrasebook.categories, phrasesFor(props.phrasebook.phrases, 'guest'));
  const [chosen, setChosen] = useState<string | null>(null);
  const [filling, setFilling] = useState<PhrasebookPhrase | null>(null);
  const group = groups.find((candidate) => candidate.category === chosen) ?? groups[0];
  if (!group) return null;
  const textOf = (phrase: PhrasebookPhrase) => phraseText(phrase, props.readLanguages);
  const categoryName = (category: string) => {
    const key = `phraseCategory_${category}` as MessageKey; // a category the hub added later shows its code
    const name = t(key);
    return name === key ? category : name;
  };

  const tap = (phrase: PhrasebookPhrase) => {
    if (phrase.placeholders.length > 0) setFilling(phrase);
    else props.onSend(phrase, {}, textOf(phrase));
  };

  return (
    <section class="talk-phrases" aria-labelledby="talk-phrases-title">
      <h3 id="talk-phrases-title" class="section-label">
        {t('talkPhrases')}
      </h3>
      <div class="talk-phrases__categories" role="group" aria-label={t('talkPhrases')}>
        {groups.map((candidate) => (
          <button
            key={candidate.category}
            type="button"
            class="talk-chip talk-chip--category"
            aria-pressed={candidate === group}
            onClick={() => setChosen(candidate.category)}
            data-testid={`phrase-category-${candidate.category}`}
          >
            {categoryName(candidate.category)}
          </button>
        ))}
      </div>
      <ul class="talk-phrases__list">
        {group.phrases.map((phrase) => (
          <li key={phrase.id}>
            <button type="button" class="talk-chip" dir="auto" onClick={() => tap(phrase)} data-testid={`phrase-${phrase.id}`}>
              {phraseLabel(textOf(phrase))}
            </button>
          </li>
        ))}
      </ul>
      {filling && (
        <FillSheet
          phrase={filling}
          template={textOf(filling)}
          onClose={() => setFilling(null)}
          onSend={(values) => {
            props.onSend(filling, phraseValues(filling, values), fillPhrase(textOf(filling), values));
            setFilling(null);
          }}
        />
      )}
    </section>
  );
}

function FillSheet(props: { phrase: PhrasebookPhrase; template: string; onClose(): void; onSend(values: Record<string, string>): void }) {
  const { t } = useLocale();
  const [values, setValues] = useState<Record<string, string>>({});
  const missing = missingValues(props.phrase, values);
  const submit = (event: Event) => {
    event.preventDefault();
    if (missing.length === 0) props.onSend(values);
  };
  return (
    <Sheet title={t('talkFill')} label={t('talkFill')} onClose={props.onClose}>
      <form class="talk-fill" onSubmit={submit} data-testid="phrase-fill">
        <p class="talk-fill__sentence" dir="auto">
          {phraseParts(props.template).map((part, index) =>
            part.kind === 'text' ? (
              <span key={index}>{part.text}</span>
            ) : (
              <input
                key={index}
                class="talk-fill__slot"
                type="text"
                aria-label={part.name}
                maxLength={MAX_PLACEHOLDER_VALUE}
                size={Math.max(4, (values[part.name] ?? '').length + 1)}
                value={values[part.name] ?? ''}
                onInput={(event) => setValues((current) => ({ ...current, [part.name]: event.currentTarget.value }))}
                data-testid={`phrase-slot-${part.name}`}
              />
            ),
          )}
        </p>
        <button type="submit" class="button button--primary button--block" disabled={missing.length > 0} data-testid="phrase-fill-send">
          {t('talkSend')}
        </button>
      </form>
    </Sheet>
  );
}
