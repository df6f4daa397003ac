import type { ComponentChildren } from 'preact';
import type { IconName } from './icons.tsx';
import { Icon } from './icons.tsx';

/** A full-page message (joining, table not open, dead QR, thank you), centred and calm. */
export function StatusScreen(props: {
  icon?: IconName;
  title: string;
  body?: string;
  busy?: boolean;
  tone?: 'neutral' | 'warn' | 'ok';
  children?: ComponentChildren;
}) {
  return (
    <main class={`screen screen--${props.tone ?? 'neutral'}`} aria-live="polite">
      <div class="screen__card">
        {props.busy ? <span class="spinner" aria-hidden="true" /> : props.icon && <Icon name={props.icon} size={44} class="screen__icon" />}
        <h1 class="screen__title">{props.title}</h1>
        {props.body && <p class="screen__body">{props.body}</p>}
        {props.children}
      </div>
    </main>
  );
}
