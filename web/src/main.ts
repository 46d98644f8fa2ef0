import './styles.css';
import { h, replace } from './lib/dom';
import { auth, cachedAuth, can, loadAuth, logout } from './lib/auth';
import { applyTheme, currentTheme, cycleTheme } from './lib/theme';
import { navigate, type Cleanup, type Page } from './lib/page';
import { NetworkError, errorText } from './lib/api';
import { closeRealtime } from './lib/realtime';
import { loginPage, setupPage } from './pages/login';
import { scannerPage, scannerSessions } from './scanner/scanner_page';
import { prefetch } from './lib/prefetch';

applyTheme();

interface RouteDef {
  path: string;
  title: string;
  role: 'viewer' | 'staff' | 'admin';
  nav?: string;
  load: () => Promise<Page>;
}

// The scanner is in the first bundle; everything else is fetched when first visited.
const routes: RouteDef[] = [
  { path: '/scan', title: 'Scanner', role: 'staff', nav: 'Scan', load: async () => scannerPage },
  { path: '/board', title: 'Live board', role: 'viewer', nav: 'Board', load: async () => (await import('./pages/board')).boardPage },
  { path: '/admin/sessions', title: 'Sessions', role: 'admin', nav: 'Sessions', load: async () => (await import('./admin/sessions')).sessionsPage },
  { path: '/admin/participants', title: 'Participants', role: 'admin', nav: 'Participants', load: async () => (await import('./admin/participants')).participantsPage },
  { path: '/admin/registrations', title: 'Registrations', role: 'admin', nav: 'Registrations', load: async () => (await import('./admin/registrations')).registrationsPage },
  { path: '/admin/ambassadors', title: 'Ambassadors & grants', role: 'admin', nav: 'Ambassadors', load: async () => (await import('./admin/ambassadors')).ambassadorsPage },
  { path: '/reports', title: 'Reports', role: 'viewer', nav: 'Reports', load: async () => (await import('./pages/reports')).reportsPage },
  { path: '/admin/settings', title: 'Settings', role: 'admin', nav: 'Settings', load: async () => (await import('./admin/settings')).settingsPage },
  { path: '/admin/users', title: 'Users', role: 'admin', nav: 'Users', load: async () => (await import('./admin/users')).usersPage },
];

const app = document.getElementById('app')!;
const main = h('main', { id: 'main', tabindex: '-1' });
const nav = h('nav', { class: 'nav', 'aria-label': 'Main' });
const themeButton = h('button', { class: 'icon-btn', type: 'button', onclick: () => updateThemeButton(cycleTheme()) });
const userBox = h('div', { class: 'user' });
let cleanup: Cleanup | void;
let renderSeq = 0;

function updateThemeButton(theme = currentTheme()): void {
  themeButton.textContent = theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐';
  themeButton.setAttribute('aria-label', `Colour theme: ${theme} (change)`);
  themeButton.title = `Theme: ${theme}`;
}

function shell(): void {
  updateThemeButton();
  replace(
    app,
    h('header', { class: 'topbar' },
      h('a', { href: '/scan', class: 'brand', 'data-link': '' }, 'admit'),
      nav,
      h('div', { class: 'top-actions' }, userBox, themeButton)),
    main,
    h('div', { id: 'toasts', class: 'toasts', 'aria-live': 'polite' }),
    h('div', { id: 'announcer', class: 'sr-only', 'aria-live': 'polite' }),
  );
}

function renderNav(path: string): void {
  const links = routes.filter((r) => r.nav && can(r.role) && (auth.user || !auth.authEnabled));
  replace(nav, links.map((r) => h('a', { href: r.path, 'data-link': '', 'aria-current': path.startsWith(r.path) ? 'page' : false }, r.nav!)));
  // On a phone the menu scrolls sideways: keep the current page's entry in view.
  nav.querySelector('[aria-current]')?.scrollIntoView({ inline: 'center', block: 'nearest' });
  if (auth.authEnabled && auth.user) {
    replace(userBox,
      h('span', { class: 'who' }, `${auth.user.username} · ${auth.user.role}`),
      h('button', { type: 'button', class: 'link-btn', onclick: async () => { await logout().catch(() => {}); closeRealtime(); navigate('/login'); } }, 'Log out'));
  } else {
    replace(userBox);
  }
}

async function render(): Promise<void> {
  const seq = ++renderSeq;
  if (typeof cleanup === 'function') cleanup();
  cleanup = undefined;
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const params = new URLSearchParams(location.search);
  renderNav(path);
  main.replaceChildren();
  if (path === '/setup' || (auth.authEnabled && auth.setupRequired && path !== '/login')) {
    document.title = 'Set up · admit';
    cleanup = setupPage(main, params);
    return;
  }
  if (path === '/login' || (auth.authEnabled && !auth.user)) {
    document.title = 'Log in · admit';
    if (path !== '/login') history.replaceState(null, '', `/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    cleanup = loginPage(main, params, async () => { closeRealtime(); renderNav(path); });
    return;
  }
  if (path === '/' || path === '/admin') {
    navigate(can('staff') ? '/scan' : '/board', true);
    return;
  }
  const route = routes.find((r) => r.path === path);
  if (!route) {
    document.title = 'Not found · admit';
    main.append(h('h1', null, 'Page not found'), h('p', null, h('a', { href: '/scan', 'data-link': '' }, 'Go to the scanner')));
    return;
  }
  document.title = `${route.title} · admit`;
  if (!can(route.role)) {
    main.append(h('h1', null, route.title), h('p', { role: 'alert' }, `Your role (${auth.user?.role}) cannot open this page.`));
    return;
  }
  try {
    const page = await route.load();
    if (seq !== renderSeq) return;
    cleanup = await page(main, params);
  } catch (e) {
    main.append(h('p', { role: 'alert', class: 'error' }, `Could not open ${route.title}: ${errorText(e)}`));
  }
}

document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a[data-link]') as HTMLAnchorElement | null;
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate(a.getAttribute('href')!);
});
window.addEventListener('popstate', () => void render());
window.addEventListener('admit:unauthorized', () => {
  if (!auth.authEnabled) return;
  auth.user = null;
  void render();
});

async function boot(): Promise<void> {
  shell();
  if (location.pathname === '/scan' || location.pathname === '/') prefetch('scanner.sessions', scannerSessions);
  try {
    await loadAuth();
  } catch (e) {
    // Offline: open with who we were last time (the scanner queues its work); ask again when
    // the network is back.
    if (e instanceof NetworkError && cachedAuth()) {
      window.addEventListener('online', () => void loadAuth().then(() => renderNav(location.pathname)).catch(() => {}), { once: true });
    } else {
      main.append(h('p', { role: 'alert', class: 'error' }, `Cannot reach the server: ${errorText(e)}. Retrying…`));
      setTimeout(boot, 3000);
      return;
    }
  }
  await render();
}

void boot();

if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('/sw.js').catch(() => {});
}
