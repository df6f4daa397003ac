/** Short messages after an action ("Order #4 accepted", or the hub's sentence when it refused). */
import { useEffect, useState } from 'preact/hooks';

export type ToastKind = 'info' | 'error';
interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

let nextId = 1;
const listeners = new Set<(toast: Toast) => void>();

export function notify(text: string, kind: ToastKind = 'info'): void {
  const toast = { id: nextId++, kind, text };
  for (const listener of listeners) listener(toast);
}

export function Toasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEffect(() => {
    const listener = (toast: Toast) => {
      setToasts((list) => [...list.slice(-3), toast]);
      setTimeout(() => setToasts((list) => list.filter((t) => t.id !== toast.id)), toast.kind === 'error' ? 7000 : 3500);
    };
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} class={`toast toast-${toast.kind}`}>
          {toast.text}
        </div>
      ))}
    </div>
  );
}
