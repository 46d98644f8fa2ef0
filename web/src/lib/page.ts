// A page mounts into the main element and may return a clean-up function (timers, sockets,
// camera) that runs when the user navigates away.
export type Cleanup = () => void;
export type Page = (main: HTMLElement, params: URLSearchParams) => Cleanup | void | Promise<Cleanup | void>;

export function navigate(path: string, replaceState = false): void {
  if (replaceState) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

let liveRegion: HTMLElement | null = null;
// Polite announcements for screen readers (saved, imported, errors).
export function announce(text: string): void {
  liveRegion ??= document.getElementById('announcer');
  if (!liveRegion) return;
  liveRegion.textContent = '';
  setTimeout(() => (liveRegion!.textContent = text), 30);
}

export function toast(text: string, kind: 'ok' | 'error' = 'ok'): void {
  const host = document.getElementById('toasts');
  if (!host) return;
  const el = document.createElement('div');
  el.className = `toast ${kind}`;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  el.textContent = text;
  host.appendChild(el);
  setTimeout(() => el.remove(), kind === 'error' ? 7000 : 3500);
}
