import type { FeedState } from '@onemoment/shared/client/realtime-feed';
import { useLocale } from '../locale-context.ts';

/** A small indicator of the live connection: status updates arrive only while it is green. */
export function ConnectionDot({ state }: { state: FeedState }) {
  const { t } = useLocale();
  const label = state === 'live' ? t('connLive') : state === 'connecting' ? t('connConnecting') : t('connOffline');
  return (
    <span class={`conn conn--${state}`} data-testid="connection" data-state={state}>
      <span class="conn__dot" aria-hidden="true" />
      <span class="conn__label">{label}</span>
    </span>
  );
}
