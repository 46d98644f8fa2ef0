// Sound and vibration for a verdict: staff look at the queue, not at the phone.
export type Tone = 'ok' | 'warn' | 'error';

let ctx: AudioContext | null = null;
const MUTE_KEY = 'admit.scanner.mute';

export function muted(): boolean {
  return localStorage.getItem(MUTE_KEY) === '1';
}
export function setMuted(value: boolean): void {
  if (value) localStorage.setItem(MUTE_KEY, '1');
  else localStorage.removeItem(MUTE_KEY);
}

// Browsers only allow audio after a user gesture: call this from the first click.
export function unlockAudio(): void {
  if (ctx || typeof AudioContext === 'undefined') return;
  try {
    ctx = new AudioContext();
  } catch {
    ctx = null;
  }
}

function beep(freq: number, start: number, duration: number, type: OscillatorType = 'sine'): void {
  if (!ctx) return;
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.value = freq;
  const t = ctx.currentTime + start;
  gain.gain.setValueAtTime(0.0001, t);
  gain.gain.exponentialRampToValueAtTime(0.3, t + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + duration);
  osc.connect(gain).connect(ctx.destination);
  osc.start(t);
  osc.stop(t + duration + 0.02);
}

export function signal(tone: Tone): void {
  if (!muted() && ctx) {
    if (ctx.state === 'suspended') void ctx.resume();
    if (tone === 'ok') beep(1046, 0, 0.12);
    else if (tone === 'warn') {
      beep(660, 0, 0.1);
      beep(660, 0.16, 0.1);
    } else beep(196, 0, 0.35, 'square');
  }
  if ('vibrate' in navigator) {
    navigator.vibrate(tone === 'ok' ? 60 : tone === 'warn' ? [60, 60, 60] : [250, 80, 250]);
  }
}
