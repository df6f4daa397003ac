/**
 * Splitting what is due from the phone: equally by the number of people, by amounts each names (with
 * what is left to assign, live), or by dishes (each person taps theirs; a dish tapped by several is
 * shared among them). The preview is what the hub will make of it; the split goes as one request whose
 * id is made once, so a retry after a lost answer splits once.
 */
import { ApiError } from '@onemoment/shared/client/api-client';
import { newId } from '@onemoment/shared/ids';
import { minorDigits } from '@onemoment/shared/money';
import type { BillView, SplitBody } from '@onemoment/shared/schemas/payments';
import { useRef, useState } from 'preact/hooks';
import { QuantityStepper, Sheet } from '../components/sheet.tsx';
import { useLocale } from '../locale-context.ts';
import type { LineName } from './bill-breakdown.tsx';
import { amountText, checkAmounts, checkItems, equalParts, keepPeople, MAX_PEOPLE, splitBody, togglePick, type ItemPicks, type SplitPlan } from './split-plan.ts';

type Mode = 'equal' | 'amounts' | 'items';
const MODES: Mode[] = ['equal', 'amounts', 'items'];

export function SplitSheet(props: { bill: BillView; lineName: LineName; onSplit: (body: SplitBody) => Promise<void>; onClose: () => void }) {
  const { t, money, decimal } = useLocale();
  const { bill } = props;
  const digits = minorDigits(bill.currency);
  const [mode, setMode] = useState<Mode>('equal');
  const [people, setPeople] = useState(2);
  const [texts, setTexts] = useState<string[]>(['', '']);
  const [picks, setPicks] = useState<ItemPicks>({});
  const [picker, setPicker] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const attempt = useRef<{ id: string; body: string } | null>(null);
  const m = (minor: number) => money(minor, bill.currency);
  const lines = bill.lines.map((line) => ({ itemId: line.itemId, totalMinor: line.totalMinor }));

  const changePeople = (next: number) => {
    setPeople(next);
    setTexts((list) => Array.from({ length: next }, (_, i) => list[i] ?? ''));
    setPicks((current) => keepPeople(current, next));
    setPicker((current) => Math.min(current, next - 1));
    setProblem(null);
  };

  const amounts = checkAmounts(texts, bill.dueMinor, digits);
  const items = checkItems(lines, picks, people, bill.dueMinor);
  const preview = mode === 'equal' ? equalParts(bill.dueMinor, people) : mode === 'amounts' ? amounts.amounts.map((a) => a ?? 0) : items.preview;
  const ready = mode === 'equal' ? true : mode === 'amounts' ? amounts.ready : items.ready;
  const plan: SplitPlan =
    mode === 'equal'
      ? { kind: 'equal', people }
      : mode === 'amounts'
        ? { kind: 'amounts', amountsMinor: amounts.amounts.map((a) => a ?? 0) }
        : { kind: 'items', lines, picks, people };

  const submit = async () => {
    if (!ready || busy) return;
    // The same split tapped again after a lost answer keeps its id; a changed one is a new split.
    const body = JSON.stringify(splitBody('', plan));
    const id = attempt.current?.body === body ? attempt.current.id : newId();
    attempt.current = { id, body };
    setBusy(true);
    setProblem(null);
    try {
      await props.onSplit(splitBody(id, plan));
    } catch (error) {
      if (error instanceof ApiError && !error.isNetwork) {
        attempt.current = null;
        setProblem(t('splitRefused', { message: error.message }));
      } else setProblem(t('requestFailed'));
    } finally {
      setBusy(false);
    }
  };

  const fillRest = (index: number) => {
    const own = amounts.amounts[index] ?? 0;
    const next = own + amounts.leftMinor;
    if (next <= 0) return;
    setTexts((list) => list.map((text, i) => (i === index ? amountText(next, digits, decimal) : text)));
  };

  return (
    <Sheet
      title={t('splitBill')}
      label={t('splitBill')}
      onClose={props.onClose}
      footer={
        <div class="split-foot">
          {problem && (
            <p class="split-problem" role="alert">
              {problem}
            </p>
          )}
          <button type="button" class="button button--primary button--block button--grow" disabled={!ready || busy} onClick={() => void submit()} data-testid="confirm-split">
            <span>{t('splitInto', { n: people })}</span>
            <span class="button__price">{m(bill.dueMinor)}</span>
          </button>
        </div>
      }
    >
      <div class="segmented" role="group" aria-label={t('splitHow')}>
        {MODES.map((each) => (
          <button key={each} type="button" class="segmented__option" aria-pressed={mode === each} onClick={() => (setMode(each), setProblem(null))} data-testid={`split-mode-${each}`}>
            {t(each === 'equal' ? 'splitKindEqual' : each === 'amounts' ? 'splitKindAmounts' : 'splitKindItems')}
          </button>
        ))}
      </div>

      <div class="split-people">
        <span class="split-people__label">
          {t('splitPeople')}
        </span>
        <QuantityStepper value={people} min={2} max={MAX_PEOPLE} onChange={changePeople} label={t('splitPeople')} />
      </div>

      {mode === 'equal' && <Preview amounts={preview} format={m} />}

      {mode === 'amounts' && (
        <>
          <ul class="split-amounts">
            {texts.map((text, index) => {
              const bad = text.trim() !== '' && amounts.amounts[index] === null;
              return (
                <li key={index} class="split-amount">
                  <label class="split-amount__label" for={`split-amount-${index}`}>
                    {t('person', { n: index + 1 })}
                  </label>
                  <input
                    id={`split-amount-${index}`}
                    class={bad ? 'split-amount__input split-amount__input--bad' : 'split-amount__input'}
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    placeholder={amountText(0, digits, decimal)}
                    value={text}
                    aria-invalid={bad}
                    onInput={(event) => setTexts((list) => list.map((old, i) => (i === index ? (event.currentTarget as HTMLInputElement).value : old)))}
                    data-testid="split-amount"
                  />
                  <button type="button" class="split-amount__rest" disabled={amounts.leftMinor <= 0} onClick={() => fillRest(index)}>
                    {t('splitRest')}
                  </button>
                </li>
              );
            })}
          </ul>
          <p class={`split-left${amounts.leftMinor === 0 ? ' split-left--ok' : amounts.leftMinor < 0 ? ' split-left--over' : ''}`} aria-live="polite" data-testid="split-left">
            {amounts.leftMinor === 0 ? t('splitAddsUp') : amounts.leftMinor > 0 ? t('splitLeft', { amount: m(amounts.leftMinor) }) : t('splitOver', { amount: m(-amounts.leftMinor) })}
          </p>
        </>
      )}

      {mode === 'items' && (
        <>
          <div class="split-pickers" role="radiogroup" aria-label={t('splitWhoPicks')}>
            {Array.from({ length: people }, (_, person) => (
              <button key={person} type="button" role="radio" aria-checked={picker === person} class="split-picker" onClick={() => setPicker(person)} data-testid="split-picker">
                {t('person', { n: person + 1 })}
                <span class="split-picker__sum">{m(items.preview[person] ?? 0)}</span>
              </button>
            ))}
          </div>
          <p class="split-hint">{t('splitItemsHint', { person: t('person', { n: picker + 1 }) })}</p>
          <ul class="split-items">
            {bill.lines.map((line) => {
              const who = picks[line.itemId] ?? [];
              const mine = who.includes(picker);
              return (
                <li key={line.itemId}>
                  <button
                    type="button"
                    class="split-item"
                    aria-pressed={mine}
                    onClick={() => (setPicks((current) => togglePick(current, line.itemId, picker)), setProblem(null))}
                    data-testid="split-item"
                  >
                    <span class="split-item__name">
                      {line.quantity}× {props.lineName(line)}
                    </span>
                    <span class="split-item__price">{m(line.totalMinor)}</span>
                    <span class="split-item__who">
                      {who.length === 0
                        ? t('splitNobody')
                        : who.length === 1
                          ? t('person', { n: who[0]! + 1 })
                          : t('splitShared', { people: who.map((p) => t('person', { n: p + 1 })).join(' + ') })}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          <p class={`split-left${items.ready ? ' split-left--ok' : ''}`} aria-live="polite" data-testid="split-left">
            {items.untaken.length > 0
              ? t('splitUntaken', { n: items.untaken.length })
              : items.empty.length > 0
                ? t('splitPersonEmpty', { person: t('person', { n: items.empty[0]! + 1 }) })
                : t('splitAddsUp')}
          </p>
        </>
      )}
    </Sheet>
  );
}

function Preview(props: { amounts: readonly number[]; format: (minor: number) => string }) {
  const { t } = useLocale();
  return (
    <ol class="split-preview" data-testid="split-preview">
      {props.amounts.map((amount, index) => (
        <li key={index}>
          <span>{t('person', { n: index + 1 })}</span>
          <span class="split-preview__amount">{props.format(amount)}</span>
        </li>
      ))}
    </ol>
  );
}
