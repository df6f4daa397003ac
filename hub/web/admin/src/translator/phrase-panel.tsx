/**
 * The phrasebook for staff: a category at a time, each phrase in the staff's language with the guest's
 * version under it. A tap sends it in the guest's language (curated, no machine translation); a phrase
 * with blanks opens a one-line form first.
 *
 * "Guest phrases" swaps in what a guest says ("Could we have the bill, please?"), for a guest at the
 * front desk to point at: those chips lead with the guest's language, and a tap sends the guest's words,
 * translated for staff.
 */
import type { PhraseAudience, PhrasebookPhrase, Speaker } from '@onemoment/shared/schemas/translator';
import { useState } from 'preact/hooks';
import {
  fillPhrase,
  missingValues,
  phraseLabel,
  phraseParts,
  phraseSpeaker,
  phraseText,
  phraseValues,
  phrasesByCategory,
  phrasesFor,
} from '../../../common/translator/phrases.ts';
import { MAX_PLACEHOLDER_VALUE, type Phrasebook } from '../../../common/translator/translator-api.ts';
import { categoryLabel } from './labels.ts';

export interface PhrasePanelProps {
  phrasebook: Phrasebook;
  staffLanguage: string;
  guestLanguage: string;
  /** `speaker` is the phrase's: staff for a staff phrase, the guest for a guest phrase. */
  onSend(phrase: PhrasebookPhrase, values: Record<string, string>, preview: string, speaker: Speaker): void;
}

export function PhrasePanel(props: PhrasePanelProps) {
  const [audience, setAudience] = useState<PhraseAudience>('staff');
  const [category, setCategory] = useState<string | null>(null);
  const [filling, setFilling] = useState<PhrasebookPhrase | null>(null);
  const groups = phrasesByCategory(props.phrasebook.categories, phrasesFor(props.phrasebook.phrases, audience));
  const group = groups.find((candidate) => candidate.category === category) ?? groups[0];
  const forGuest = audience === 'guest';
  const guestHas = props.phrasebook.languages.includes(props.guestLanguage);
  const bothLanguages = guestHas && props.guestLanguage !== props.staffLanguage;
  // The speaker's words, as the hub will store them (a language the phrasebook lacks falls back to English).
  const spokenText = (phrase: PhrasebookPhrase) => phraseText(phrase, [phraseSpeaker(phrase) === 'guest' ? props.guestLanguage : props.staffLanguage]);

  const send = (phrase: PhrasebookPhrase, values: Record<string, string>) => {
    setFilling(null);
    props.onSend(phrase, phraseValues(phrase, values), fillPhrase(spokenText(phrase), values), phraseSpeaker(phrase));
  };
  const tap = (phrase: PhrasebookPhrase) => {
    if (phrase.placeholders.length > 0) setFilling(phrase);
    else send(phrase, {});
  };

  return (
    <section class={`phrase-panel ${forGuest ? 'phrase-panel-for-guest' : ''}`} aria-labelledby="phrasebook-title">
      <h3 id="phrasebook-title">Phrasebook</h3>
      {!guestHas && <p class="form-note">The phrasebook has no {props.guestLanguage.toUpperCase()}: phrases are translated by machine instead.</p>}
      <label class="detect-toggle small">
        <input
          type="checkbox"
          checked={forGuest}
          onChange={(event) => {
            setAudience(event.currentTarget.checked ? 'guest' : 'staff');
            setFilling(null);
          }}
          data-testid="phrase-audience-guest"
        />
        Guest phrases (for the guest to point at; sent as the guest's words)
      </label>
      {group ? (
        <>
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
            {group.phrases.map((phrase) => {
              const staffLine = <span class="phrase-staff">{phraseLabel(phraseText(phrase, [props.staffLanguage]))}</span>;
              const guestLine = bothLanguages && (
                <span class="phrase-guest" lang={props.guestLanguage} dir="auto">
                  {phraseLabel(phraseText(phrase, [props.guestLanguage]))}
                </span>
              );
              return (
                <li key={phrase.id}>
                  <button
                    type="button"
                    class="phrase"
                    onClick={() => tap(phrase)}
                    aria-expanded={phrase.placeholders.length > 0 ? filling?.id === phrase.id : undefined}
                    data-testid={`phrase-${phrase.id}`}
                  >
                    {forGuest ? guestLine : staffLine}
                    {forGuest ? staffLine : guestLine}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p class="muted">The phrasebook is empty.</p>
      )}
      {filling && (
        <FillForm key={filling.id} phrase={filling} template={spokenText(filling)} onCancel={() => setFilling(null)} onSend={(values) => send(filling, values)} />
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
      <p class="phrase-fill-sentence" dir="auto">
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
