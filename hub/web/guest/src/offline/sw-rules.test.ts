import { describe, expect, it } from 'vitest';
import { CACHES, isCurrentCache, isOurCache, shellAssets, strategyFor } from './sw-rules.ts';

const origin = 'http://127.0.0.1:8080';
const get = (path: string, mode = 'cors') => ({ url: origin + path, method: 'GET', mode });

describe('guest service worker rules', () => {
  it('keeps the page, its hashed assets, the menu and the venue name', () => {
    expect(strategyFor(get('/t/abc123', 'navigate'), origin)).toBe('page');
    expect(strategyFor(get('/t/assets/index-Bx1.js'), origin)).toBe('asset');
    expect(strategyFor(get('/api/guest/menu?lang=ru'), origin)).toBe('data');
    expect(strategyFor(get('/api/venue'), origin)).toBe('data');
  });

  it('never keeps another API answer, a write, another app or another origin', () => {
    expect(strategyFor(get('/api/guest/orders'), origin)).toBe('network');
    expect(strategyFor(get('/api/guest/visit'), origin)).toBe('network');
    expect(strategyFor(get('/api/guest/requests'), origin)).toBe('network');
    expect(strategyFor(get('/api/menu'), origin)).toBe('network'); // the staff menu
    expect(strategyFor({ url: `${origin}/api/guest/menu`, method: 'POST' }, origin)).toBe('network');
    expect(strategyFor(get('/admin/', 'navigate'), origin)).toBe('network');
    expect(strategyFor(get('/socket.io/?EIO=4'), origin)).toBe('network');
    expect(strategyFor({ url: 'http://elsewhere.test/t/assets/x.js', method: 'GET' }, origin)).toBe('network');
  });

  it('finds the shell’s assets in the built index.html', () => {
    const html =
      '<script type="module" crossorigin src="/t/assets/index-Ab12.js"></script>' +
      '<link rel="modulepreload" href="/t/assets/vendor-Cd34.js"><link rel="stylesheet" href="/t/assets/index-Ef56.css">' +
      '<link rel="icon" href="/favicon.svg">';
    expect(shellAssets(html)).toEqual(['/t/assets/index-Ab12.js', '/t/assets/vendor-Cd34.js', '/t/assets/index-Ef56.css']);
  });

  it('tells its current caches from older ones and from others’', () => {
    expect(isCurrentCache(CACHES.shell)).toBe(true);
    expect(isOurCache('om-guest-shell-v0') && !isCurrentCache('om-guest-shell-v0')).toBe(true);
    expect(isOurCache('someone-else')).toBe(false);
  });
});
