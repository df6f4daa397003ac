/**
 * The keyboard as a bump bar: digits 1–9 pick one of the first nine cards, arrows move the
 * selection through the grid, Enter bumps the selected card, R recalls the last bump, Escape clears.
 *
 * The selection follows a ticket (by order id), not a slot, so a new rush ticket arriving in front
 * does not move the cursor onto another table's food. When the selected ticket leaves (bumped here
 * or elsewhere) the cursor stays in its slot, i.e. lands on the next ticket, as on a real bump bar.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TicketView } from './ticket-model.ts';

interface BumpBarOptions {
  tickets: TicketView[];
  /** Columns in the grid now, for up/down. */
  columns: () => number;
  onBump: (orderId: string) => void;
  onRecallLast: () => void;
  onEscape: () => void;
  enabled: boolean;
}

export interface BumpBar {
  selectedId: string | null;
  select: (orderId: string | null) => void;
}

type Selection = { id: string; index: number } | null;

/** Where the selection is in the list: the same ticket, else the same slot, else nowhere. */
function resolve(selection: Selection, tickets: TicketView[]): number {
  if (!selection || tickets.length === 0) return -1;
  const index = tickets.findIndex((t) => t.orderId === selection.id);
  return index >= 0 ? index : Math.min(selection.index, tickets.length - 1);
}

export function useBumpBar({ tickets, columns, onBump, onRecallLast, onEscape, enabled }: BumpBarOptions): BumpBar {
  const [selection, setSelectionState] = useState<Selection>(null);
  // Keys can come faster than renders (a bump bar sends "3, Enter" at once): the ref is always current.
  const selectionRef = useRef<Selection>(null);
  const setSelection = (next: Selection) => {
    selectionRef.current = next;
    setSelectionState(next);
  };

  const selectedIndex = resolve(selection, tickets);
  const selectedId = selectedIndex >= 0 ? tickets[selectedIndex]!.orderId : null;

  // Follow the ticket: keep the slot up to date, and move onto the next one when it leaves.
  useEffect(() => {
    if (!selection) return;
    if (selectedId === null) setSelection(null);
    else if (selectedId !== selection.id || selectedIndex !== selection.index) setSelection({ id: selectedId, index: selectedIndex });
  }, [selection, selectedId, selectedIndex]);

  // The handler reads the newest values through a ref, so it is attached once.
  const state = useRef({ tickets, columns, onBump, onRecallLast, onEscape, enabled });
  state.current = { tickets, columns, onBump, onRecallLast, onEscape, enabled };

  useEffect(() => {
    const selectIndex = (index: number) => {
      const list = state.current.tickets;
      if (list.length === 0) return;
      const clamped = Math.max(0, Math.min(list.length - 1, index));
      setSelection({ id: list[clamped]!.orderId, index: clamped });
    };

    const onKey = (event: KeyboardEvent) => {
      const current = state.current;
      if (!current.enabled || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      const index = resolve(selectionRef.current, current.tickets);
      const key = event.key;
      if (/^[1-9]$/.test(key)) {
        const wanted = Number(key) - 1;
        if (wanted < current.tickets.length) selectIndex(wanted);
      } else if (key === 'ArrowRight') selectIndex(index < 0 ? 0 : index + 1);
      else if (key === 'ArrowLeft') selectIndex(index < 0 ? 0 : index - 1);
      else if (key === 'ArrowDown') selectIndex(index < 0 ? 0 : index + current.columns());
      else if (key === 'ArrowUp') selectIndex(index < 0 ? 0 : index - current.columns());
      else if (key === 'Enter') {
        // preventDefault below also stops Enter from clicking whichever button has the focus.
        const ticket = index >= 0 ? current.tickets[index] : undefined;
        if (ticket) current.onBump(ticket.orderId);
        else selectIndex(0);
      } else if (key === 'r' || key === 'R') current.onRecallLast();
      else if (key === 'Escape') {
        setSelection(null);
        current.onEscape();
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return {
    selectedId,
    select: (orderId) => {
      if (orderId === null) return setSelection(null);
      const index = state.current.tickets.findIndex((t) => t.orderId === orderId);
      if (index >= 0) setSelection({ id: orderId, index });
    },
  };
}
