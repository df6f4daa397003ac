import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useLocale } from '../locale-context.ts';
import { Icon } from './icons.tsx';

let openSheets = 0;
let lockedScrollY = 0;

/*
 * While a sheet is open the page behind must not scroll (iOS ignores overflow:hidden on body): the app
 * becomes a viewport-sized clip scrolled to where the guest was, and the window scroll is put back when
 * the last sheet closes, so the guest keeps their place in the menu.
 */
function lockPage(): void {
  if (openSheets++ > 0) return;
  lockedScrollY = window.scrollY;
  const app = document.getElementById('app');
  if (!app) return;
  app.classList.add('app--locked');
  app.scrollTop = lockedScrollY;
}

function unlockPage(): void {
  if (--openSheets > 0) return;
  document.getElementById('app')?.classList.remove('app--locked');
  window.scrollTo(0, lockedScrollY);
}

export function Sheet(props: { title: string; label: string; onClose: () => void; children: ComponentChildren; footer?: ComponentChildren }) {
  const { t } = useLocale();
  const panel = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    lockPage();
    panel.current?.focus({ preventScroll: true });
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      unlockPage();
      previous?.focus?.({ preventScroll: true });
    };
  }, []);

  return (
    <div class="sheet-layer">
      <div class="sheet-backdrop" onClick={() => props.onClose()} />
      <div class="sheet" role="dialog" aria-modal="true" aria-label={props.label} tabIndex={-1} ref={panel}>
        <header class="sheet__head">
          <h2 class="sheet__title">{props.title}</h2>
          <button type="button" class="icon-button" onClick={() => props.onClose()} aria-label={t('close')}>
            <Icon name="close" size={22} />
          </button>
        </header>
        <div class="sheet__body">{props.children}</div>
        {props.footer && <footer class="sheet__foot">{props.footer}</footer>}
      </div>
    </div>
  );
}

/** A quantity with − and +; `describedBy` names the text that says why + stopped (a limit). */
export function QuantityStepper(props: { value: number; min: number; max: number; onChange: (value: number) => void; label: string; describedBy?: string }) {
  const { t } = useLocale();
  return (
    <div class="stepper" role="group" aria-label={props.label}>
      <button type="button" class="stepper__btn" aria-label={t('fewer')} disabled={props.value <= props.min} onClick={() => props.onChange(props.value - 1)}>
        <Icon name="minus" />
      </button>
      <output class="stepper__value" aria-live="polite">
        {props.value}
      </output>
      <button
        type="button"
        class="stepper__btn"
        aria-label={t('more')}
        aria-describedby={props.describedBy}
        disabled={props.value >= props.max}
        onClick={() => props.onChange(props.value + 1)}
        data-testid="more"
      >
        <Icon name="plus" />
      </button>
    </div>
  );
}
