// Light, dark or the system's choice; remembered per device (dim rooms want dark at the door).
type Theme = 'system' | 'light' | 'dark';
const KEY = 'admit.theme';

export function currentTheme(): Theme {
  const t = localStorage.getItem(KEY);
  return t === 'light' || t === 'dark' ? t : 'system';
}

export function applyTheme(theme: Theme = currentTheme()): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

export function cycleTheme(): Theme {
  const order: Theme[] = ['system', 'dark', 'light'];
  const next = order[(order.indexOf(currentTheme()) + 1) % order.length]!;
  if (next === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, next);
  applyTheme(next);
  return next;
}
