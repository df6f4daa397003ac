/**
 * Says loudly when the screen is not live: a cook must never trust a board that has stopped
 * updating. "Back online" shows briefly when the socket returns (the hub replays what was missed).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Connection } from './use-ticket-feed.ts';

const BACK_ONLINE_MS = 3000;

export function ConnectionBanner({ connection, detail }: { connection: Connection; detail: string | null }) {
  const [backOnline, setBackOnline] = useState(false);
  const wasOffline = useRef(false);

  useEffect(() => {
    if (connection === 'offline') {
      wasOffline.current = true;
      setBackOnline(false);
      return;
    }
    if (connection === 'live' && wasOffline.current) {
      wasOffline.current = false;
      setBackOnline(true);
      const timer = setTimeout(() => setBackOnline(false), BACK_ONLINE_MS);
      return () => clearTimeout(timer);
    }
    return;
  }, [connection]);

  if (connection === 'offline') {
    return (
      <div class="banner banner--offline" role="alert" data-testid="connection-banner">
        Connection to the hub lost — reconnecting…
        {detail && <span class="banner-detail">{detail}</span>}
      </div>
    );
  }
  if (backOnline) {
    return (
      <div class="banner banner--online" role="status" data-testid="connection-banner">
        Back online
      </div>
    );
  }
  return null;
}
