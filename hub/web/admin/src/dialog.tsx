/** A dialog sheet over the page: titled for screen readers, closed by Escape or its ✕. */
import type { ComponentChildren } from 'preact';

export function Dialog({ title, onClose, children, class: extra = '' }: { title: string; onClose: () => void; children: ComponentChildren; class?: string }) {
  return (
    <div
      class="overlay"
      role="dialog"
      aria-modal="true"
      aria-label={title}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div class={`sheet sheet-narrow ${extra}`}>
        <header class="sheet-head">
          <h2>{title}</h2>
          <button type="button" class="btn btn-quiet" aria-label="Close" onClick={onClose}>
            ✕
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
