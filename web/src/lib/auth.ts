import { ApiError, get, post, setCsrfToken } from './api';
import { setRealtimeToken } from './realtime';
import type { User } from './types';

export interface AuthState {
  authEnabled: boolean;
  setupRequired: boolean;
  user: User | null;
}

export const auth: AuthState = { authEnabled: false, setupRequired: false, user: null };

const ROLE_RANK: Record<string, number> = { viewer: 1, staff: 2, admin: 3 };
export function can(role: 'viewer' | 'staff' | 'admin'): boolean {
  if (!auth.authEnabled) return true;
  return (ROLE_RANK[auth.user?.role ?? ''] ?? 0) >= ROLE_RANK[role]!;
}

const CACHE = 'admit.auth';

// Who we were the last time the server said so: lets the scanner open without a network.
export function cachedAuth(): boolean {
  try {
    const saved = JSON.parse(localStorage.getItem(CACHE) ?? 'null') as AuthState | null;
    if (!saved) return false;
    Object.assign(auth, saved);
    return true;
  } catch {
    return false;
  }
}

function remember(): void {
  localStorage.setItem(CACHE, JSON.stringify(auth));
}

// Reads who we are. Servers without the auth API (older admit, the reference) count as auth off.
export async function loadAuth(): Promise<AuthState> {
  await readAuth();
  remember();
  return auth;
}

// One round trip in the usual case (/auth/me says whether access control is on, and who we
// are); /auth/status only when nobody is logged in, to know whether set-up is needed.
async function readAuth(): Promise<AuthState> {
  try {
    const me = await get<{ user: User; csrfToken?: string; authEnabled: boolean }>('/auth/me');
    auth.authEnabled = me.data.authEnabled;
    auth.setupRequired = false;
    auth.user = me.data.user;
    if (me.data.csrfToken) setCsrfToken(me.data.csrfToken);
    return auth;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      // A server without access control (an older admit, the reference).
      auth.authEnabled = false;
      auth.setupRequired = false;
      auth.user = { id: '', username: 'anonymous', role: 'admin' };
      return auth;
    }
    if (!(e instanceof ApiError && e.status === 401)) throw e;
  }
  const status = await get<{ authEnabled: boolean; setupRequired: boolean }>('/auth/status');
  auth.authEnabled = status.data.authEnabled;
  auth.setupRequired = status.data.setupRequired;
  auth.user = auth.authEnabled ? null : { id: '', username: 'anonymous', role: 'admin' };
  return auth;
}

interface LoginData {
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: User;
}

export async function login(username: string, password: string): Promise<void> {
  const r = await post<LoginData>('/auth/login', { username, password });
  auth.user = r.data.user;
  remember();
  setRealtimeToken(r.data.token);
  setCsrfToken(r.data.csrfToken);
}

export async function setup(token: string, username: string, password: string): Promise<void> {
  const r = await post<LoginData>('/auth/setup', { token, username, password });
  auth.user = r.data.user;
  auth.setupRequired = false;
  setCsrfToken(r.data.csrfToken);
  setRealtimeToken(r.data.token);
}

export async function logout(): Promise<void> {
  try {
    await post('/auth/logout');
  } finally {
    auth.user = null;
    setCsrfToken(null);
    setRealtimeToken(null);
    localStorage.removeItem(CACHE);
  }
}
