/**
 * The new-ticket beep: a short WebAudio tone, no sound file to load. Browsers only let audio start
 * after a tap or key press, so the context is resumed on the first interaction with the page.
 * A rush of orders gives one beep, not a machine-gun: beeps closer than MIN_GAP_MS are merged.
 * Every alert is counted on <html data-beeps> (merged or not), so a test can tell sound from silence.
 */
const MIN_GAP_MS = 400;

let context: AudioContext | null = null;
let lastBeepAt = 0;
let alerts = 0;

function audio(): AudioContext | null {
  if (context) return context;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

/** Call once at start-up: unlocks audio on the first tap or key press. */
export function unlockAudioOnInteraction(): void {
  const unlock = () => {
    void audio()?.resume().catch(() => undefined);
  };
  window.addEventListener('pointerdown', unlock, { once: true, capture: true });
  window.addEventListener('keydown', unlock, { once: true, capture: true });
}

/** Alerts for a new ticket: plays the beep unless one just played (then this one is merged in). */
export function beep(): boolean {
  alerts += 1;
  document.documentElement.dataset.beeps = String(alerts);
  const now = performance.now();
  if (now - lastBeepAt < MIN_GAP_MS) return false;
  lastBeepAt = now;
  const ctx = audio();
  if (!ctx) return true;
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  const oscillator = ctx.createOscillator();
  const gain = ctx.createGain();
  oscillator.type = 'square';
  oscillator.frequency.value = 880;
  const start = ctx.currentTime;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
  oscillator.connect(gain).connect(ctx.destination);
  oscillator.start(start);
  oscillator.stop(start + 0.2);
  return true;
}
