import { money } from '../format.ts';
import type { BillPart, BillView } from '../types.ts';

/** Whole bill, or one guest's part of the split (only parts that still owe something). */
export function PartChooser({ bill, parts, partId, onChange }: { bill: BillView; parts: BillPart[]; partId: string | null; onChange: (partId: string | null) => void }) {
  return (
    <div class="chips" role="group" aria-label="Pay for">
      <button type="button" class={`chip-button ${partId === null ? 'chip-button-on' : ''}`} aria-pressed={partId === null} onClick={() => onChange(null)}>
        Whole bill · {money(bill.dueMinor, bill.currency)}
      </button>
      {parts.map((part) => (
        <button key={part.id} type="button" class={`chip-button ${partId === part.id ? 'chip-button-on' : ''}`} aria-pressed={partId === part.id} onClick={() => onChange(part.id)}>
          {part.label} · {money(part.dueMinor, bill.currency)}
        </button>
      ))}
    </div>
  );
}
