/**
 * Guests can start talking while the staff are on another page: count their lines for the nav badge and
 * say so in a toast. On the translator page itself the list shows what is new.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LiveStore } from '../live-store.ts';
import { notify } from '../toasts.tsx';
import { conversationTitle } from './labels.ts';

export function useTranslatorAttention(store: LiveStore, onTranslatorPage: boolean): number {
  const [count, setCount] = useState(0);
  const here = useRef(onTranslatorPage);
  here.current = onTranslatorPage;
  useEffect(() => {
    if (onTranslatorPage) setCount(0);
  }, [onTranslatorPage]);
  useEffect(
    () =>
      store.onEvent((event) => {
        if (event.type !== 'conversation.line' || here.current) return;
        const { conversation, line } = event.payload;
        if (line.speaker !== 'guest') return;
        setCount((n) => n + 1);
        notify(`${conversationTitle(conversation)}: a guest is talking in the translator`);
      }),
    [store],
  );
  return count;
}
