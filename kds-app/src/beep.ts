/**
 * The new-ticket beep: a short WebAudio tone, no sound file to load. Browsers only let audio start
 * after a tap or key press, so the context is resumed on the first interaction with the page.
 * A rush of orders gives one beep, not a machine-gun: beeps closer than MIN_GAP_MS are merged.
 * Every alert is counted on <html data-beeps> (merged or not), so a test can tell sound from silence;
 * a cancelled or voided ticket has its own sound (struckAlert), counted apart.
 */
const MIN_GAP_MS = 400;

let context: AudioContext | null = null;
/** When each sound last played: a new ticket's beep never swallows a cancel's sound, nor the reverse. */
const lastPlayedAt = { beep: 0, struck: 0 };
let alerts = 0;
let struckAlerts = 0;

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
  const ctx = readyContext('beep');
  if (ctx === 'merged') return false;
  if (ctx) tone(ctx, { hz: 880, type: 'square', startIn: 0, length: 0.2 });
  return true;
}

/**
 * Alerts for a cancelled or voided ticket or line: two falling, lower tones, so a cook hears "something
 * was taken back" without looking, apart from the new ticket's single high beep. Counted on
 * <html data-struck-alerts>.
 */
export function struckAlert(): boolean {
  struckAlerts += 1;
  document.documentElement.dataset.struckAlerts = String(struckAlerts);
  const ctx = readyContext('struck');
  if (ctx === 'merged') return false;
  if (ctx) {
    tone(ctx, { hz: 520, type: 'sawtooth', startIn: 0, length: 0.16 });
    tone(ctx, { hz: 330, type: 'sawtooth', startIn: 0.2, length: 0.28 });
  }
  return true;
}

/** The audio context to play on now, 'merged' when a sound just played, or null without audio. */
function readyContext(sound: keyof typeof lastPlayedAt): AudioContext | null | 'merged' {
  const now = performance.now();
  if (now - lastPlayedAt[sound] < MIN_GAP_MS) return 'merged';
  lastPlayedAt[sound] = now;
  const ctx = audio();
  if (ctx?.state === 'suspended') void ctx.resume().catch(() => undefined);
  return ctx;
}

function tone(ctx: AudioContext, { hz, type, startIn, length }: { hz: number; type: OscillatorType; startIn: number; length: number }): void {
  const oscillator = ctx.createOscillator();
  const gain = ctx.createGain();
  oscillator.type = type;
  oscillator.frequency.value = hz;
  const start = ctx.currentTime + startIn;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length - 0.02);
  oscillator.connect(gain).connect(ctx.destination);
  oscillator.start(start);
  oscillator.stop(start + length);
}
