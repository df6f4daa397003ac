/**
 * A hold-to-talk button's behaviour for Preact: pointer down records and pointer up sends (the pointer is
 * captured, so sliding off the button still ends the take); Space does the same from the keyboard, and
 * Enter starts and stops for people who cannot hold a key. Pages bring their own markup and words.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browserMicrophoneProblem, openMicrophoneCapture } from '../microphone.ts';
import { HoldToTalkRecorder, type MicrophoneProblem, type RecorderState } from '../recorder.ts';

export type TalkHint = 'too-short' | 'auto-stopped';

export interface HoldToTalk {
  state: RecorderState;
  /** 0…1 while recording. */
  level: number;
  elapsedMs: number;
  /** A word after the last press: it was a tap, or the time limit ended it. */
  hint: TalkHint | null;
  /** Why recording is not possible (known before any press, or learnt from the last one). */
  problem: MicrophoneProblem | null;
  /** The browser cannot record at all here (plain http, no Web Audio): the button is off. */
  unavailable: boolean;
  buttonProps: JSX.ButtonHTMLAttributes<HTMLButtonElement>;
}

const HINT_MS = 4000;

/** "0:07" for a clock beside the meter. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function useHoldToTalk(onRecorded: (wav: Blob, durationMs: number) => void, disabled = false): HoldToTalk {
  const [state, setState] = useState<RecorderState>('idle');
  const [meter, setMeter] = useState({ level: 0, elapsedMs: 0 });
  const [hint, setHint] = useState<TalkHint | null>(null);
  const supportProblem = useMemo(() => browserMicrophoneProblem(), []);
  const [problem, setProblem] = useState<MicrophoneProblem | null>(supportProblem);
  const sink = useRef(onRecorded);
  sink.current = onRecorded;
  const hintTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const showHint = (next: TalkHint | null) => {
    if (hintTimer.current) clearTimeout(hintTimer.current);
    setHint(next);
    if (next) hintTimer.current = setTimeout(() => setHint(null), HINT_MS);
  };

  const recorder = useMemo(
    () =>
      new HoldToTalkRecorder({
        open: openMicrophoneCapture,
        onState: (next) => {
          setState(next);
          if (next === 'starting') setMeter({ level: 0, elapsedMs: 0 });
        },
        onLevel: (level, elapsedMs) => setMeter({ level, elapsedMs }),
        onResult: (result) => {
          if (result.kind === 'recorded') {
            setProblem(null);
            showHint(result.autoStopped ? 'auto-stopped' : null);
            sink.current(result.wav, result.durationMs);
          } else if (result.kind === 'too-short') {
            setProblem(null);
            showHint('too-short');
          } else {
            showHint(null);
            setProblem(result.problem);
          }
        },
      }),
    [],
  );

  useEffect(
    () => () => {
      recorder.dispose();
      if (hintTimer.current) clearTimeout(hintTimer.current);
    },
    [recorder],
  );

  const unavailable = supportProblem !== null;
  const off = disabled || unavailable;
  useEffect(() => {
    if (off) recorder.dispose();
  }, [off]);

  const press = () => {
    if (off) return;
    showHint(null);
    recorder.press();
  };
  const release = () => recorder.release();

  const buttonProps: JSX.ButtonHTMLAttributes<HTMLButtonElement> = {
    type: 'button',
    disabled: off,
    'aria-pressed': state !== 'idle',
    onPointerDown: (event) => {
      if (event.pointerType === 'mouse' && event.button !== 0) return;
      event.preventDefault(); // no text selection, no focus-scroll, no synthetic mouse events
      event.currentTarget.setPointerCapture?.(event.pointerId);
      event.currentTarget.focus({ preventScroll: true });
      press();
    },
    onPointerUp: release,
    onPointerCancel: release,
    onLostPointerCapture: release,
    onContextMenu: (event) => event.preventDefault(), // a long press must not open the menu on Android
    onKeyDown: (event) => {
      if (event.key === ' ' || event.key === 'Spacebar') {
        event.preventDefault();
        if (!event.repeat) press();
      } else if (event.key === 'Enter') {
        event.preventDefault();
        if (event.repeat) return;
        if (recorder.state === 'idle') press();
        else release();
      }
    },
    onKeyUp: (event) => {
      if (event.key === ' ' || event.key === 'Spacebar') {
        event.preventDefault(); // no click after the key
        release();
      }
    },
    onBlur: release,
  };

  return { state, level: meter.level, elapsedMs: meter.elapsedMs, hint, problem, unavailable, buttonProps };
}
