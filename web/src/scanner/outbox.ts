import { ApiError, NetworkError, request, type Envelope } from '../lib/api';

// Check-in decisions that must reach the server exactly once. Each action gets its own
// Idempotency-Key when the volunteer taps the button; it is written to localStorage before
// the first attempt, retried with backoff while the network is away, and survives a reload.
// A retry of a request whose answer was lost is answered by the server's stored replay.

export interface OutboxAction {
  key: string;
  kind: 'accept' | 'decline' | 'qr';
  path: string;
  body: Record<string, unknown>;
  label: string;
  sessionId: string;
  createdAt: number;
  attempts: number;
  nextAt: number;
  lastError?: string;
}

export type Outcome =
  | { state: 'done'; response: Envelope<unknown>; replayed: boolean }
  | { state: 'pending'; reason: string }
  | { state: 'failed'; error: ApiError };

const STORE = 'admit.outbox.v1';
const MAX_DELAY_MS = 30000;

type Listener = (actions: readonly OutboxAction[]) => void;
type Settled = (key: string, outcome: Outcome, action: OutboxAction) => void;

function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function retryable(e: unknown): boolean {
  if (e instanceof NetworkError) return true;
  // 401: the login expired; the action waits for the volunteer to log in again.
  return e instanceof ApiError && (e.status >= 500 || e.status === 408 || e.status === 429 || e.status === 401 || e.status === 0);
}

export class Outbox {
  private actions: OutboxAction[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = new Set<string>();
  private listeners = new Set<Listener>();
  private settledListeners = new Set<Settled>();

  constructor() {
    try {
      const raw = localStorage.getItem(STORE);
      this.actions = raw ? (JSON.parse(raw) as OutboxAction[]) : [];
    } catch {
      this.actions = [];
    }
    window.addEventListener('online', () => this.pump(true));
    // Another tab of the scanner wrote the outbox.
    window.addEventListener('storage', (e) => {
      if (e.key !== STORE) return;
      try {
        this.actions = e.newValue ? (JSON.parse(e.newValue) as OutboxAction[]) : [];
      } catch {
        /* keep ours */
      }
      this.emit();
    });
    if (this.actions.length) setTimeout(() => this.pump(true), 0);
  }

  pending(): readonly OutboxAction[] {
    return this.actions;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.actions);
    return () => this.listeners.delete(listener);
  }

  onSettled(listener: Settled): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  // Records the action, then makes the first attempt: `first` is its outcome, `final` the
  // outcome once the action is done or refused (after however many retries).
  submit(kind: OutboxAction['kind'], path: string, body: Record<string, unknown>, label: string, sessionId: string): { first: Promise<Outcome>; final: Promise<Outcome> } {
    const action: OutboxAction = { key: uuid(), kind, path, body, label, sessionId, createdAt: Date.now(), attempts: 0, nextAt: 0 };
    this.actions.push(action);
    this.save();
    const final = new Promise<Outcome>((resolve) => {
      const off = this.onSettled((key, outcome) => {
        if (key !== action.key || outcome.state === 'pending') return;
        off();
        resolve(outcome);
      });
    });
    return { first: this.attempt(action), final };
  }

  pump(now = false): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const t = Date.now();
    for (const a of this.actions) {
      if (now || a.nextAt <= t) void this.attempt(a);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const waiting = this.actions.filter((a) => !this.inFlight.has(a.key));
    if (!waiting.length) return;
    const next = Math.min(...waiting.map((a) => a.nextAt));
    this.timer = setTimeout(() => this.pump(), Math.max(200, next - Date.now()));
  }

  private async attempt(action: OutboxAction): Promise<Outcome> {
    if (this.inFlight.has(action.key)) return { state: 'pending', reason: 'sending' };
    this.inFlight.add(action.key);
    action.attempts += 1;
    let outcome: Outcome;
    try {
      const response = await request<unknown>('POST', action.path, {
        body: action.body,
        headers: { 'Idempotency-Key': action.key },
        timeoutMs: 8000,
      });
      outcome = { state: 'done', response, replayed: action.attempts > 1 };
    } catch (e) {
      if (retryable(e)) {
        const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(action.attempts - 1, 5));
        action.nextAt = Date.now() + delay * (0.75 + Math.random() * 0.5);
        action.lastError = e instanceof Error ? e.message : String(e);
        outcome = { state: 'pending', reason: action.lastError };
      } else if (
        action.attempts > 1 &&
        action.kind !== 'decline' &&
        e instanceof ApiError &&
        e.status === 409
      ) {
        // An earlier attempt got through but its answer was lost, and this server does not
        // replay idempotent requests: the check-in exists, which is what was asked for.
        outcome = { state: 'done', response: { status: 'success', message: e.message, data: null }, replayed: true };
      } else {
        outcome = { state: 'failed', error: e as ApiError };
      }
    } finally {
      this.inFlight.delete(action.key);
    }
    if (outcome.state !== 'pending') {
      this.actions = this.actions.filter((a) => a.key !== action.key);
    }
    this.save();
    this.schedule();
    this.settledListeners.forEach((f) => f(action.key, outcome, action));
    return outcome;
  }

  discard(key: string): void {
    this.actions = this.actions.filter((a) => a.key !== key);
    this.save();
  }

  private save(): void {
    try {
      localStorage.setItem(STORE, JSON.stringify(this.actions));
    } catch {
      /* storage full or blocked: the in-memory queue still retries */
    }
    this.emit();
  }

  private emit(): void {
    this.listeners.forEach((f) => f(this.actions));
  }
}

let shared: Outbox | null = null;
export function outbox(): Outbox {
  shared ??= new Outbox();
  return shared;
}
