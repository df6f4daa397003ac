import { useRef, useState } from 'preact/hooks';
import { lineKey, MAX_NOTE_LENGTH, MAX_QUANTITY, roomOnLine, unitPriceMinor, type Cart } from '../cart.ts';
import { useLocale } from '../locale-context.ts';
import { firstProblem, groupProblem, isRequired, isSingleChoice, ruleHint, toggleModifier, type GroupProblem } from '../modifier-rules.ts';
import type { MenuItem, ModifierGroup } from '../types.ts';
import { AllergenBadges } from './allergen-badges.tsx';
import { QuantityStepper, Sheet } from './sheet.tsx';

export interface ItemChoice {
  quantity: number;
  modifierIds: string[];
  note: string;
}

/** One menu item: photo, description, allergens, modifier groups with their rules, quantity and a note. */
export function ItemSheet(props: { item: MenuItem; currency: string; cart: Cart; onAdd: (choice: ItemChoice) => void; onClose: () => void }) {
  const { item } = props;
  const { t, money } = useLocale();
  const [selected, setSelected] = useState<string[]>([]);
  const [quantity, setQuantity] = useState(1);
  const [note, setNote] = useState('');
  const [showProblems, setShowProblems] = useState(false);
  const body = useRef<HTMLFormElement>(null);

  // The same choice already in the cart shares its line, and a line holds at most MAX_QUANTITY: the
  // stepper stops where the line would, and says so.
  const room = roomOnLine(props.cart, lineKey(item.id, selected, note.trim().slice(0, MAX_NOTE_LENGTH)));
  const count = Math.max(1, Math.min(quantity, room));
  const limit = room <= 0 ? t('lineFullSheet', { max: MAX_QUANTITY }) : count >= room ? limitHint(room) : null;
  const lineTotal = unitPriceMinor(item, selected) * count;

  function limitHint(fits: number): string {
    return fits === MAX_QUANTITY ? t('lineMax', { max: MAX_QUANTITY }) : t('lineRoom', { inCart: MAX_QUANTITY - fits, room: fits, max: MAX_QUANTITY });
  }

  const submit = (event: Event) => {
    event.preventDefault();
    const problem = firstProblem(item, selected);
    if (problem) {
      setShowProblems(true);
      const group = body.current?.querySelector<HTMLElement>(`[data-group="${CSS.escape(problem.groupId)}"]`);
      group?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      group?.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus({ preventScroll: true });
      return;
    }
    if (room <= 0) return;
    props.onAdd({ quantity: count, modifierIds: selected, note: note.trim() });
  };

  return (
    <Sheet
      title={item.name}
      label={item.name}
      onClose={props.onClose}
      footer={
        <>
          {limit && (
            <p class="limit-hint" id="quantity-limit" data-testid="quantity-limit">
              {limit}
            </p>
          )}
          <div class="sheet-actions">
            <QuantityStepper
              value={count}
              min={1}
              max={Math.max(1, room)}
              onChange={setQuantity}
              label={t('quantity')}
              describedBy={limit ? 'quantity-limit' : undefined}
            />
            <button type="submit" form="item-form" class="button button--primary button--grow" disabled={room <= 0} aria-describedby={room <= 0 ? 'quantity-limit' : undefined}>
            <span>{t('addToOrder')}</span>
            <span class="button__price">{money(lineTotal, props.currency)}</span>
            </button>
          </div>
        </>
      }
    >
      <form id="item-form" ref={body} onSubmit={submit} noValidate>
        {item.photoUrl && <img class="item-sheet__photo" src={item.photoUrl} alt="" loading="lazy" decoding="async" />}
        {item.description && <p class="item-sheet__desc">{item.description}</p>}
        <p class="item-sheet__price">{money(item.priceMinor, props.currency)}</p>
        <section class="item-sheet__allergens">
          <h3 class="section-label">{t('allergens')}</h3>
          {item.allergens.length > 0 ? <AllergenBadges allergens={item.allergens} /> : <p class="muted">{t('noAllergens')}</p>}
        </section>
        {item.modifierGroups.map((group) => (
          <ModifierGroupField
            key={group.id}
            group={group}
            currency={props.currency}
            selected={selected}
            problem={showProblems ? groupProblem(group, selected) : null}
            onToggle={(modifierId) => setSelected((current) => toggleModifier(group, current, modifierId))}
          />
        ))}
        <label class="field">
          <span class="section-label">{t('note')}</span>
          <textarea
            class="note-input"
            rows={2}
            maxLength={MAX_NOTE_LENGTH}
            placeholder={t('notePlaceholder')}
            value={note}
            onInput={(event) => setNote((event.currentTarget as HTMLTextAreaElement).value.slice(0, MAX_NOTE_LENGTH))}
          />
          <span class="field__counter">
            {note.length}/{MAX_NOTE_LENGTH}
          </span>
        </label>
      </form>
    </Sheet>
  );
}

function ModifierGroupField(props: {
  group: ModifierGroup;
  currency: string;
  selected: readonly string[];
  problem: GroupProblem | null;
  onToggle: (modifierId: string) => void;
}) {
  const { group, selected, problem } = props;
  const { t, money } = useLocale();
  const single = isSingleChoice(group);
  const hint = ruleHint(group);
  const chosen = group.modifiers.filter((m) => selected.includes(m.id)).length;
  const full = !single && group.maxChoices > 0 && chosen >= group.maxChoices;
  const problemText = !problem
    ? null
    : problem.kind === 'max'
      ? t('problemMax', { n: problem.n })
      : problem.n === 1
        ? t('problemMinOne')
        : t('problemMin', { n: problem.n });
  const errorId = `group-error-${group.id}`;

  return (
    <fieldset class={problem ? 'group group--problem' : 'group'} data-group={group.id} aria-describedby={problem ? errorId : undefined}>
      <legend class="group__legend">
        <span class="group__name">{group.name}</span>
        <span class="group__rule">
          {t(hint.key, hint.values)}
          <span class={isRequired(group) ? 'tag tag--required' : 'tag'}>{isRequired(group) ? t('required') : t('optional')}</span>
        </span>
      </legend>
      {problemText && (
        <p class="group__problem" id={errorId} role="alert">
          {problemText}
        </p>
      )}
      <div class="group__options">
        {group.modifiers.map((modifier) => {
          const checked = selected.includes(modifier.id);
          return (
            <label key={modifier.id} class={checked ? 'option option--checked' : 'option'}>
              <input
                type={single ? 'radio' : 'checkbox'}
                name={`group-${group.id}`}
                value={modifier.id}
                checked={checked}
                disabled={!checked && full}
                onClick={() => props.onToggle(modifier.id)}
              />
              <span class="option__name">{modifier.name}</span>
              {modifier.priceMinor > 0 && <span class="option__price">{t('priceExtra', { price: money(modifier.priceMinor, props.currency) })}</span>}
              {modifier.priceMinor < 0 && <span class="option__price">{money(modifier.priceMinor, props.currency)}</span>}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
