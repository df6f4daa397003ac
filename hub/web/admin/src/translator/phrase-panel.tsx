/**
 * The phrasebook for staff: a category at a time, each phrase in the staff's language with the guest's
 * version under it. A tap sends it in the guest's language (curated, no machine translation); a phrase
 * with blanks opens a one-line form first.
 */
import type { PhrasebookPhrase } from '@onemoment/shared/schemas/translator';
import { useState } from 'preact/hooks';
import { fillPhrase, missingValues, phraseLabel, phraseParts, phraseText, phraseValues, phrasesByCategory } from '../../../common/translator/phrases.ts';
import { MAX_PLACEHOLDER_VALUE, type Phrasebook } from '../../../common/translator/translator-api.ts';
import { categoryLabel } from './labels.ts';

export interface PhrasePanelProps {
  phrasebook: Phrasebook;
  staffLanguage: string;
  guestLanguage: string;
  onSend(phrase: PhrasebookPhrase, values: Record<string, string>, preview: string): void;
}

export function PhrasePanel(props: PhrasePanelProps) {
  const groups = phrasesByCategory(props.phrasebook.categories, props.phrasebook.phrases);
  const [category, setCategory] = useState<string | null>(null);
  const [filling, setFilling] = useState<PhrasebookPhrase | null>(null);
  const group = groups.find((candidate) => candidate.category === category) ?? groups[0];
  if (!group) return <p class="muted">The phrasebook is empty.</p>;
  const staffText = (phrase: PhrasebookPhrase) => phraseText(phrase, [props.staffLanguage]);
  const guestHas = props.phrasebook.languages.includes(props.guestLanguage);

  const tap = (phrase: PhrasebookPhrase) => {
    if (phrase.placeholders.length > 0) setFilling(phrase);
    else {
      setFilling(null);
      props.onSend(phrase, {}, staffText(phrase));
    }
  };

  return (
    <section class="phrase-panel" aria-labelledby="phrasebook-title">
      <h3 id="phrasebook-title">Phrasebook</h3>
      {!guestHas && <p class="form-note">The phrasebook has no {props.guestLanguage.toUpperCase()}: phrases are translated by machine instead.</p>}
      <div class="chips" role="group" aria-label="Phrase categories">
        {groups.map((candidate) => (
          <button
            key={candidate.category}
            type="button"
            class={`chip-button ${candidate === group ? 'chip-button-on' : ''}`}
            aria-pressed={candidate === group}
            onClick={() => {
              setCategory(candidate.category);
              setFilling(null);
            }}
            data-testid={`phrase-category-${candidate.category}`}
          >
            {categoryLabel(candidate.category)}
          </button>
        ))}
      </div>
      <ul class="phrase-grid">
        {group.phrases.map((phrase) => (
          <li key={phrase.id}>
            <button type="button" class="phrase" onClick={() => tap(phrase)} aria-expanded={phrase.placeholders.length > 0 ? filling?.id === phrase.id : undefined} data-testid={`phrase-${phrase.id}`}>
              <span class="phrase-staff">{phraseLabel(staffText(phrase))}</span>
              {guestHas && props.guestLanguage !== props.staffLanguage && (
                <span class="phrase-guest" lang={props.guestLanguage} dir="auto">
                  {phraseLabel(phraseText(phrase, [props.guestLanguage]))}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      {filling && (
        <FillForm
          key={filling.id}
          phrase={filling}
          template={staffText(filling)}
          onCancel={() => setFilling(null)}
          onSend={(values) => {
            props.onSend(filling, phraseValues(filling, values), fillPhrase(staffText(filling), values));
            setFilling(null);
          }}
        />
      )}
    </section>
  );
}

function FillForm(props: { phrase: PhrasebookPhrase; template: string; onCancel(): void; onSend(values: Record<string, string>): void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const missing = missingValues(props.phrase, values);
  let first = true;
  return (
    <form
      class="phrase-fill"
      onSubmit={(event) => {
        event.preventDefault();
        if (missing.length === 0) props.onSend(values);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onCancel();
      }}
      aria-label="Fill in the phrase"
      data-testid="phrase-fill"
    >
      <p class="phrase-fill-sentence">
        {phraseParts(props.template).map((part, index) => {
          if (part.kind === 'text') return <span key={index}>{part.text}</span>;
          const autoFocus = first;
          first = false;
          return (
            <input
              key={index}
              type="text"
              class="phrase-slot"
              aria-label={part.name}
              placeholder={part.name}
              autoFocus={autoFocus}
              maxLength={MAX_PLACEHOLDER_VALUE}
              size={Math.max(6, (values[part.name] ?? '').length + 1)}
              value={values[part.name] ?? ''}
              onInput={(event) => setValues((current) => ({ ...current, [part.name]: event.currentTarget.value }))}
              data-testid={`phrase-slot-${part.name}`}
            />
          );
        })}
      </p>
      <div class="panel-actions">
        <button type="submit" class="btn btn-primary" disabled={missing.length > 0} data-testid="phrase-fill-send">
          Send
        </button>
        <button type="button" class="btn btn-quiet" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
