/**
 * Rate plans (managers): each room type's plans, the one that prices a night first, and Add rate plan
 * (a price in the venue's money, the nights of the week as seven toggles, optional dates, the shortest
 * stay and the priority). A night is priced by the highest priority plan covering it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { EVERY_DAY } from '@onemoment/shared/hotel/rate-rules';
import type { RatePlan, RoomType } from '@onemoment/shared/schemas/hotel';
import { api, describeError } from '../api.ts';
import { money } from '../format.ts';
import { notify } from '../toasts.tsx';
import {
  WEEKDAY_SHORT,
  WEEKEND_NIGHTS,
  WEEK_NIGHTS,
  checkRatePlanDraft,
  newRatePlanDraft,
  plansByRoomType,
  ratePlanLine,
  ratePlanTerms,
  toggleDay,
  togglesOf,
  type RatePlanDraft,
} from './rate-plan-words.ts';

const PRESETS: ReadonlyArray<{ label: string; mask: number }> = [
  { label: 'Every night', mask: EVERY_DAY },
  { label: 'Weekend (Fri, Sat)', mask: WEEKEND_NIGHTS },
  { label: 'Week (Sun–Thu)', mask: WEEK_NIGHTS },
];

export function RatePlansCard({ currency }: { currency: string }) {
  const [roomTypes, setRoomTypes] = useState<RoomType[] | null>(null);
  const [plans, setPlans] = useState<RatePlan[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<RatePlanDraft>(newRatePlanDraft(''));
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const sending = useRef(false);

  const load = async () => {
    try {
      const [types, list] = await Promise.all([api.get<RoomType[]>('/api/hotel/room-types'), api.get<RatePlan[]>('/api/hotel/rate-plans')]);
      setRoomTypes(types);
      setPlans(list);
      setDraft((now) => (now.roomTypeId ? now : { ...now, roomTypeId: types[0]?.id ?? '' }));
      setLoadError(null);
    } catch (failure) {
      setLoadError(describeError(failure));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  if (!roomTypes) return <section class="card hotel-card">{loadError ? <p class="form-error">{loadError}</p> : <p class="muted">Reading the rate plans…</p>}</section>;

  const checked = checkRatePlanDraft(draft, roomTypes, currency);
  const set = (change: Partial<RatePlanDraft>) => setDraft((now) => ({ ...now, ...change }));
  const fieldError = (field: string) => (touched && !checked.ok && checked.field === field ? <p class="form-error" data-field={field}>{checked.problem}</p> : null);

  const add = async () => {
    setTouched(true);
    if (!checked.ok || sending.current) return;
    sending.current = true;
    setBusy(true);
    setRefusal(null);
    try {
      const plan = await api.post<RatePlan>('/api/hotel/rate-plans', checked.body);
      const typeName = roomTypes.find((type) => type.id === plan.roomTypeId)?.name ?? plan.roomTypeId;
      notify(`Added to ${typeName}: ${ratePlanLine(plan, currency)}.`);
      setDraft(newRatePlanDraft(plan.roomTypeId));
      setTouched(false);
      await load();
    } catch (failure) {
      setRefusal(describeError(failure));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  return (
    <section class="card hotel-card rate-plans" aria-label="Rate plans">
      <h2>Rate plans</h2>
      <p class="form-note">A night is priced by the plan with the highest priority that covers it; a stay too short for a plan, or outside its dates, falls to the next.</p>
      {loadError && <p class="form-error">{loadError}</p>}
      {plansByRoomType(plans, roomTypes).map(({ roomType, plans: typePlans }) => (
        <div key={roomType.id} class="rate-type" data-room-type={roomType.id}>
          <h3>{roomType.name}</h3>
          {typePlans.length === 0 ? (
            <p class="muted small">No rate plan: this room type cannot be booked.</p>
          ) : (
            <table class="rate-table">
              <tbody>
                {typePlans.map((plan) => (
                  <tr key={plan.id} data-plan-id={plan.id}>
                    <th scope="row">{plan.name}</th>
                    <td class="num">{money(plan.priceMinor, currency)}</td>
                    <td class="rate-terms">{ratePlanTerms(plan)}</td>
                    <td class="num muted" title="Priority: the highest covering plan prices a night">
                      {plan.priority}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}

      <form
        class="hotel-form rate-form"
        aria-label="Add rate plan"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <h3>Add rate plan</h3>
        <div class="hotel-form-grid">
          <label class="field">
            Room type
            <select name="roomTypeId" value={draft.roomTypeId} onChange={(e) => set({ roomTypeId: e.currentTarget.value })}>
              {roomTypes.map((type) => (
                <option key={type.id} value={type.id}>
                  {type.name}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            Name
            <input type="text" name="name" maxLength={80} value={draft.name} onInput={(e) => set({ name: e.currentTarget.value })} />
          </label>
          <label class="field">
            Price a night ({currency})
            <input type="text" name="price" inputMode="decimal" autoComplete="off" value={draft.price} onInput={(e) => set({ price: e.currentTarget.value })} />
          </label>
        </div>
        {fieldError('roomTypeId')}
        {fieldError('name')}
        {fieldError('price')}
        <div class="field">
          Nights of the week
          <div class="weekday-toggles" role="group" aria-label="Nights of the week">
            {togglesOf(draft.weekdays).map((on, day) => (
              <button key={day} type="button" class="chip-button" aria-pressed={on} data-day={day} onClick={() => set({ weekdays: toggleDay(draft.weekdays, day) })}>
                {WEEKDAY_SHORT[day]}
              </button>
            ))}
          </div>
          <div class="weekday-presets">
            {PRESETS.map((preset) => (
              <button key={preset.label} type="button" class="btn btn-tiny btn-quiet" aria-pressed={draft.weekdays === preset.mask} onClick={() => set({ weekdays: preset.mask })}>
                {preset.label}
              </button>
            ))}
          </div>
        </div>
        {fieldError('weekdays')}
        <div class="hotel-form-grid">
          <label class="field">
            From night <small class="muted">(optional)</small>
            <input type="date" name="validFrom" value={draft.validFrom} onInput={(e) => set({ validFrom: e.currentTarget.value })} />
          </label>
          <label class="field">
            Until, not including <small class="muted">(optional)</small>
            <input type="date" name="validTo" value={draft.validTo} onInput={(e) => set({ validTo: e.currentTarget.value })} />
          </label>
          <label class="field">
            Shortest stay (nights)
            <input type="number" name="minNights" min={1} max={365} value={draft.minNights} onInput={(e) => set({ minNights: e.currentTarget.value })} />
          </label>
          <label class="field">
            Priority
            <input type="number" name="priority" min={0} max={1000} value={draft.priority} onInput={(e) => set({ priority: e.currentTarget.value })} />
          </label>
        </div>
        {fieldError('validFrom')}
        {fieldError('validTo')}
        {fieldError('minNights')}
        {fieldError('priority')}
        {refusal && (
          <p class="form-error" role="alert">
            {refusal}
          </p>
        )}
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add rate plan'}
        </button>
      </form>
    </section>
  );
}
