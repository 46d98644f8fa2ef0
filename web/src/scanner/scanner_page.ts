import { h, field, option, replace } from '../lib/dom';
import { ApiError, NetworkError, errorText, get, post } from '../lib/api';
import { can } from '../lib/auth';
import { capacityText, time } from '../lib/format';
import { onConnection, realtime, subscribe } from '../lib/realtime';
import type { CapacityInfo, Participant, Session, Verification } from '../lib/types';
import type { Cleanup } from '../lib/page';
import { take } from '../lib/prefetch';
import { createDecoder, type Decoder } from './decoder';
import { setMuted, muted, signal, unlockAudio, type Tone } from './feedback';
import { outbox, type OutboxAction, type Outcome } from './outbox';

// The door: camera, keyboard-wedge and manual look-up all end in verify-qr, whose verdict is
// shown at once, colour-coded as the reference app does (green registered, yellow not
// registered, grey already in, red refused). Accept and decline go through the outbox.

const SESSION_KEY = 'admit.scanner.session';
const AUTO_KEY = 'admit.scanner.autoAccept';
// The same code is not looked up again while it stays in front of the camera, nor for this
// long after its verdict (a ticket held up for two seconds is one scan, not sixty).
const SAME_CODE_QUIET_MS = 1200;
const SAME_CODE_GONE_MS = 600;
// Keyboard wedges type a whole code in a few milliseconds per character (Bluetooth ones in
// bursts); people average well over this.
const WEDGE_MAX_AVG_GAP_MS = 50;
const DECLINE_REASONS = ['No valid ticket or ID', 'Session is full', 'Wrong session or door', 'Arrived too late', 'Behaviour'];

interface ScanLogEntry {
  code: string;
  source: string;
  verdictAt: number;
  badge: string;
}
declare global {
  interface Window {
    admitScanLog?: ScanLogEntry[];
  }
}

type Verdict =
  | { kind: 'checking'; code: string }
  | { kind: 'verified'; code: string; v: Verification }
  | { kind: 'refused'; code: string; title: string; reason: string }
  | { kind: 'offline'; code: string; reason: string };

export function scannerSessions() {
  return get<Session[]>('/sessions', { limit: 100, sortBy: 'startTime', sortOrder: 'asc' });
}

export function scannerPage(main: HTMLElement): Cleanup {
  const box = outbox();
  let sessions: Session[] = [];
  let sessionId = localStorage.getItem(SESSION_KEY) ?? '';
  let current: Verdict | null = null;
  let stream: MediaStream | null = null;
  let decoder: Decoder | null = null;
  let running = false;
  let lastCode = '';
  let lastSeenAt = 0;
  let lastVerdictAt = 0;
  let verifySeq = 0;
  const disposers: (() => void)[] = [];
  window.admitScanLog ??= [];

  // ---- layout -------------------------------------------------------------------------
  const sessionSelect = h('select', { name: 'session', onchange: () => chooseSession(sessionSelect.value) });
  const capacity = h('div', { class: 'capacity', 'aria-live': 'polite' });
  const connection = h('span', { class: 'pill', role: 'status' }, 'Live: connecting');
  const video = h('video', { class: 'camera', muted: true, playsinline: true, autoplay: true, 'aria-label': 'Camera preview' });
  video.muted = true;
  const cameraNote = h('p', { class: 'hint camera-note' });
  const cameraButton = h('button', { type: 'button', class: 'secondary', onclick: () => (running ? stopCamera() : void startCamera()) }, 'Start camera');
  const cameraSelect = h('select', { name: 'camera', hidden: true, onchange: () => void startCamera(cameraSelect.value) });
  const codeInput = h('input', {
    name: 'code', type: 'search', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false',
    placeholder: 'QR code, name or e-mail', enterkeyhint: 'search',
  });
  const results = h('ul', { class: 'results', 'aria-label': 'Matching participants' });
  const verdictBox = h('section', { class: 'verdict idle', 'aria-live': 'assertive', 'aria-atomic': 'true', 'aria-label': 'Verdict' },
    h('p', { class: 'verdict-title' }, 'Ready to scan'),
    h('p', null, 'Point the camera at a ticket, use a barcode scanner, or search by name.'));
  const pendingBox = h('section', { class: 'pending', 'aria-label': 'Waiting to be sent' });
  const recent = h('ol', { class: 'recent', 'aria-label': 'Recent scans' });
  const autoAccept = h('input', { type: 'checkbox', name: 'autoAccept', checked: localStorage.getItem(AUTO_KEY) === '1',
    onchange: () => localStorage.setItem(AUTO_KEY, autoAccept.checked ? '1' : '0') });
  const muteBox = h('input', { type: 'checkbox', name: 'mute', checked: muted(), onchange: () => setMuted(muteBox.checked) });

  const searchForm = h('form', { class: 'search', role: 'search' },
    field('Scan, type a code, or search', codeInput, 'Barcode scanners type here; Enter looks it up. Enter on an empty field accepts the verdict shown.'),
    h('button', { type: 'submit', class: 'secondary' }, 'Look up'));
  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = codeInput.value.trim();
    if (!text) {
      acceptCurrent();
      return;
    }
    codeInput.value = '';
    if (looksLikeCode(text)) void scan(text, 'typed');
    else void search(text);
  });

  main.classList.add('scanner-main');
  main.append(
    h('h1', { class: 'sr-only' }, 'Scanner'),
    h('div', { class: 'scanner' },
      h('div', { class: 'sc-col' }, h('div', { class: 'sc-door' },
        h('div', { class: 'door-bar' }, field('Door / session', sessionSelect), connection),
        capacity),
      h('div', { class: 'sc-camera' },
        h('div', { class: 'camera-wrap' }, video, cameraNote),
        h('div', { class: 'row' }, cameraButton, cameraSelect)),
      h('div', { class: 'sc-search' }, searchForm, results)),
      h('div', { class: 'sc-col' }, h('div', { class: 'sc-verdict' }, verdictBox),
      h('div', { class: 'sc-side' },
        pendingBox,
        h('details', { class: 'options' }, h('summary', null, 'Scanner options'),
          h('label', { class: 'check' }, autoAccept, ' Accept registered participants automatically'),
          h('label', { class: 'check' }, muteBox, ' Mute sounds (vibration stays)')),
        h('h2', { class: 'small-title' }, 'Recent'),
        recent))),
  );
  document.addEventListener('pointerdown', unlockAudio, { once: true });
  document.addEventListener('keydown', unlockAudio, { once: true });

  // ---- sessions and capacity ----------------------------------------------------------
  async function loadSessions(): Promise<void> {
    try {
      const r = await take('scanner.sessions', scannerSessions);
      sessions = r.data;
    } catch (e) {
      replace(capacity, h('p', { class: 'error', role: 'alert' }, `Cannot load sessions: ${errorText(e)}`));
      return;
    }
    const open = sessions.filter((s) => s.isOpen);
    const rest = sessions.filter((s) => !s.isOpen);
    replace(sessionSelect,
      option('', sessions.length ? 'Choose the door or session…' : 'No sessions yet'),
      open.length ? h('optgroup', { label: 'Open now' }, open.map((s) => option(s._id, label(s), s._id === sessionId))) : null,
      rest.length ? h('optgroup', { label: 'Not open' }, rest.map((s) => option(s._id, label(s), s._id === sessionId))) : null);
    if (!sessions.some((s) => s._id === sessionId)) sessionId = open[0]?._id ?? '';
    sessionSelect.value = sessionId;
    renderCapacity();
  }

  function label(s: Session): string {
    return `${s.name}${s.location ? ` · ${s.location}` : ''} (${time(s.startTime)})`;
  }

  function chooseSession(id: string): void {
    sessionId = id;
    localStorage.setItem(SESSION_KEY, id);
    current = null;
    renderVerdict();
    renderCapacity();
  }

  function session(): Session | undefined {
    return sessions.find((s) => s._id === sessionId);
  }

  function renderCapacity(): void {
    const s = session();
    if (!s) {
      replace(capacity, h('p', { class: 'hint' }, 'Choose a session to start checking people in.'));
      return;
    }
    const cap = s.capacity ?? 0;
    const pct = cap ? Math.min(100, Math.round((s.checkInsCount / cap) * 100)) : 0;
    const bar = h('div', { class: `bar ${pct >= 100 ? 'full' : pct >= 80 ? 'near' : ''}`, role: 'progressbar',
      'aria-label': 'Capacity used', 'aria-valuemin': '0', 'aria-valuemax': String(cap || 100), 'aria-valuenow': String(s.checkInsCount) },
      h('span', null));
    (bar.firstElementChild as HTMLElement).style.width = `${pct}%`;
    replace(capacity,
      h('div', { class: 'capacity-text' },
        h('strong', { 'data-testid': 'capacity-count' }, capacityText(s.checkInsCount, cap)),
        cap ? ` checked in · ${Math.max(0, cap - s.checkInsCount)} seats left` : ' checked in · no capacity limit',
        s.isOpen ? '' : h('span', { class: 'pill warn' }, 'Closed')),
      cap ? bar : null);
  }

  const socket = realtime();
  subscribe('sessions');
  const onCapacity = (msg: { data: { sessionId: string; checkInsCount: number; capacity: number } }) => {
    const s = sessions.find((x) => x._id === msg.data.sessionId);
    if (!s) return;
    s.checkInsCount = msg.data.checkInsCount;
    if (msg.data.capacity !== undefined) s.capacity = msg.data.capacity;
    if (s._id === sessionId) renderCapacity();
  };
  const onStatus = (msg: { data: { sessionId: string; newIsOpen: boolean; newStatus: string } }) => {
    const s = sessions.find((x) => x._id === msg.data.sessionId);
    if (!s) return;
    s.isOpen = msg.data.newIsOpen;
    s.status = msg.data.newStatus;
    if (s._id === sessionId) renderCapacity();
  };
  socket.on('sessions:capacity-update', onCapacity);
  socket.on('sessions:status-update', onStatus);
  disposers.push(() => {
    socket.off('sessions:capacity-update', onCapacity);
    socket.off('sessions:status-update', onStatus);
  });
  disposers.push(onConnection((online) => {
    connection.textContent = online ? 'Live' : 'Live: offline';
    connection.className = `pill ${online ? 'ok' : 'warn'}`;
  }));

  // ---- scanning -----------------------------------------------------------------------
  function looksLikeCode(text: string): boolean {
    return /^QR-[A-Z0-9-]+$/i.test(text) || (!/[\s@]/.test(text) && /\d/.test(text) && text.length >= 6);
  }

  function onDetected(code: string): void {
    const now = performance.now();
    if (code === lastCode && (now - lastSeenAt < SAME_CODE_GONE_MS || now - lastVerdictAt < SAME_CODE_QUIET_MS)) {
      lastSeenAt = now;
      return;
    }
    lastCode = code;
    lastSeenAt = now;
    void scan(code, 'camera');
  }

  async function scan(code: string, source: string): Promise<void> {
    results.replaceChildren();
    if (!sessionId) {
      setVerdict({ kind: 'refused', code, title: 'No session chosen', reason: 'Choose the door or session first.' }, 'error', source);
      sessionSelect.focus();
      return;
    }
    const seq = ++verifySeq;
    current = { kind: 'checking', code };
    renderVerdict();
    try {
      const r = await post<Verification>('/checkin/verify-qr', { qrCode: code, sessionId });
      if (seq !== verifySeq) return;
      const v = r.data;
      const badge = v.verification.badge;
      const tone: Tone = badge === 'REGISTERED' && v.actions.canAccept ? 'ok' : badge === 'ALREADY_CHECKED_IN' ? 'warn' : v.actions.canAccept ? 'warn' : 'error';
      setVerdict({ kind: 'verified', code, v }, tone, source);
      if (badge === 'REGISTERED' && v.actions.canAccept && autoAccept.checked) acceptCurrent();
    } catch (e) {
      if (seq !== verifySeq) return;
      if (e instanceof NetworkError) {
        setVerdict({ kind: 'offline', code, reason: e.message }, 'warn', source);
      } else if (e instanceof ApiError && e.status === 404) {
        setVerdict({ kind: 'refused', code, title: 'Unknown ticket', reason: `No participant has the code ${code}.` }, 'error', source);
      } else {
        setVerdict({ kind: 'refused', code, title: 'Cannot check', reason: errorText(e) }, 'error', source);
      }
    }
  }

  function setVerdict(v: Verdict, tone: Tone, source: string): void {
    current = v;
    lastVerdictAt = performance.now();
    renderVerdict();
    signal(tone);
    const badge = v.kind === 'verified' ? v.v.verification.badge : v.kind.toUpperCase();
    window.admitScanLog!.push({ code: v.code, source, verdictAt: lastVerdictAt, badge });
    addRecent(v);
  }

  // ---- the verdict card ---------------------------------------------------------------
  function renderVerdict(outcomeNote?: HTMLElement): void {
    const v = current;
    if (!v) {
      verdictBox.className = 'verdict idle';
      replace(verdictBox, h('p', { class: 'verdict-title' }, 'Ready to scan'),
        h('p', null, 'Point the camera at a ticket, use a barcode scanner, or search by name.'));
      return;
    }
    if (v.kind === 'checking') {
      verdictBox.className = 'verdict checking';
      replace(verdictBox, h('p', { class: 'verdict-title' }, 'Checking…'), h('p', { class: 'mono' }, v.code));
      return;
    }
    if (v.kind === 'refused') {
      verdictBox.className = 'verdict red';
      verdictBox.dataset.badge = 'REFUSED';
      replace(verdictBox, h('p', { class: 'badge' }, 'Refused'), h('p', { class: 'verdict-title' }, v.title),
        h('p', null, v.reason), h('p', { class: 'mono small' }, v.code));
      return;
    }
    if (v.kind === 'offline') {
      verdictBox.className = 'verdict yellow';
      verdictBox.dataset.badge = 'OFFLINE';
      replace(verdictBox, h('p', { class: 'badge' }, 'Not verified: offline'),
        h('p', { class: 'verdict-title mono' }, v.code),
        h('p', null, `${v.reason}. You can admit now; the check-in is sent when the network is back (the server still refuses a closed or full session).`),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'accept', onclick: () => queueQr(v.code) }, 'Admit, send later'),
          h('button', { type: 'button', class: 'secondary', onclick: () => { current = null; renderVerdict(); } }, 'Dismiss')));
      return;
    }
    const { participant, verification, actions, session: s } = v.v;
    const badge = verification.badge;
    let colour = badge === 'REGISTERED' ? 'green' : badge === 'NOT_REGISTERED' ? 'yellow' : 'grey';
    let badgeText = badge === 'REGISTERED' ? 'Registered' : badge === 'NOT_REGISTERED' ? 'Not registered' : 'Already checked in';
    const reasons: string[] = [];
    if (!s.isOpen) reasons.push('This session is closed for check-in.');
    if (s.isAtCapacity && badge !== 'ALREADY_CHECKED_IN') reasons.push(`The session is full (${s.capacity} seats).`);
    if (badge === 'ALREADY_CHECKED_IN' && verification.existingCheckIn)
      reasons.push(`Checked in at ${time(verification.existingCheckIn.checkInTime)} (${verification.existingCheckIn.method}).`);
    if (badge === 'NOT_REGISTERED')
      reasons.push(verification.registrationStatus ? `Registration is ${verification.registrationStatus}.` : 'No registration for this session.');
    if (!actions.canAccept && badge !== 'ALREADY_CHECKED_IN') {
      colour = 'red';
      badgeText = `Refused: ${!s.isOpen ? 'session closed' : 'session full'}`;
    }
    verdictBox.className = `verdict ${colour}`;
    verdictBox.dataset.badge = badge;
    delete verdictBox.dataset.outcome;
    const acceptBtn = h('button', { type: 'button', class: 'accept', disabled: !actions.canAccept || !can('staff'), onclick: acceptCurrent }, actions.acceptLabel);
    const declineBtn = h('button', { type: 'button', class: 'decline', disabled: !actions.canDecline || !can('staff'), onclick: () => openDecline() },
      actions.declineLabel);
    replace(verdictBox,
      h('p', { class: 'badge' }, badgeText),
      h('p', { class: 'verdict-title' }, participant.name),
      h('p', { class: 'who-line' }, [participant.organization, participant.email].filter(Boolean).join(' · ')),
      reasons.map((r) => h('p', { class: 'reason' }, r)),
      outcomeNote ?? null,
      outcomeNote ? null : h('div', { class: 'actions' }, acceptBtn, declineBtn));
  }

  function acceptCurrent(): void {
    const v = current;
    if (!v || v.kind !== 'verified' || !v.v.actions.canAccept) return;
    const body = { participantId: v.v.participant._id, sessionId: v.v.session._id };
    settleInto(v, box.submit('accept', '/checkin/accept', body, v.v.participant.name, v.v.session._id), 'Checked in');
  }

  function queueQr(code: string): void {
    const v = current;
    if (!v) return;
    settleInto(v, box.submit('qr', '/checkin/qr', { qrCode: code, sessionId }, code, sessionId), 'Checked in');
  }

  function decline(reason: string): void {
    const v = current;
    if (!v || v.kind !== 'verified') return;
    const body = { participantId: v.v.participant._id, sessionId: v.v.session._id, reason };
    settleInto(v, box.submit('decline', '/checkin/decline', body, v.v.participant.name, v.v.session._id), 'Entry declined');
  }

  // Shows the outcome of an action on the card it was taken on (unless another scan replaced
  // it): first the first attempt's, then, if that left it pending, the final one.
  function settleInto(v: Verdict, sent: { first: Promise<Outcome>; final: Promise<Outcome> }, doneText: string): void {
    renderVerdict(h('p', { class: 'outcome' }, 'Sending…'));
    void sent.first.then((o) => {
      show(o);
      if (o.state === 'pending') void sent.final.then(show);
    });
    const show = (o: Outcome) => {
      const note = outcomeNote(o, doneText);
      markRecent(v, o, doneText);
      if (current !== v) return;
      renderVerdict(note);
      if (o.state === 'done' && doneText === 'Checked in') {
        verdictBox.className = 'verdict green';
        verdictBox.dataset.outcome = 'accepted';
        const info = (o.response as { capacityInfo?: CapacityInfo }).capacityInfo;
        const s = session();
        if (info && s) {
          s.checkInsCount = info.checkInsCount;
          renderCapacity();
        }
      } else if (o.state === 'done') {
        verdictBox.className = 'verdict red';
        verdictBox.dataset.outcome = 'declined';
      } else {
        verdictBox.dataset.outcome = o.state;
      }
      if (o.state === 'done') signal('ok');
      else if (o.state === 'failed') signal('error');
    };
  }

  function outcomeNote(o: Outcome, doneText: string): HTMLElement {
    if (o.state === 'done') {
      const late = (o.response.data as { isLate?: boolean } | null)?.isLate;
      return h('p', { class: 'outcome ok', 'data-testid': 'outcome' }, `✓ ${doneText}${late ? ' (late)' : ''}${o.replayed ? ' after a retry' : ''}`);
    }
    if (o.state === 'pending')
      return h('p', { class: 'outcome pending', 'data-testid': 'outcome' }, `Saved on this device; sending when the network is back (${o.reason}).`);
    return h('p', { class: 'outcome failed', role: 'alert', 'data-testid': 'outcome' }, `✗ Not recorded: ${o.error.message}`);
  }

  // ---- decline dialog -----------------------------------------------------------------
  const reasonInput = h('input', { name: 'reason', maxlength: '500', autocomplete: 'off' });
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'decline-title' },
    h('form', { method: 'dialog' },
      h('h2', { id: 'decline-title' }, 'Decline entry'),
      h('div', { class: 'chips', role: 'group', 'aria-label': 'Common reasons' },
        DECLINE_REASONS.map((r) => h('button', { type: 'button', class: 'chip', onclick: () => { reasonInput.value = r; reasonInput.focus(); } }, r))),
      field('Reason', reasonInput, 'Kept in the audit log with the attempt.'),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', value: 'decline', class: 'decline' }, 'Decline entry'),
        h('button', { type: 'submit', value: 'cancel', class: 'secondary', formnovalidate: true }, 'Cancel'))));
  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'decline') decline(reasonInput.value.trim() || 'Check-in declined by officer');
    reasonInput.value = '';
    codeInput.focus({ preventScroll: true });
  });
  main.append(dialog);
  function openDecline(): void {
    if (!current || current.kind !== 'verified') return;
    dialog.returnValue = '';
    dialog.showModal();
    reasonInput.focus();
  }

  // ---- recent and pending -------------------------------------------------------------
  const recentItems = new Map<Verdict, HTMLLIElement>();
  function addRecent(v: Verdict): void {
    const name = v.kind === 'verified' ? v.v.participant.name : v.code;
    const what = v.kind === 'verified' ? v.v.verification.badge.replace(/_/g, ' ').toLowerCase() : v.kind === 'refused' ? v.title.toLowerCase() : 'offline';
    const li = h('li', null, h('span', { class: 'time' }, time(new Date().toISOString())), ' ', h('strong', null, name), ` · ${what}`);
    recentItems.set(v, li);
    recent.prepend(li);
    while (recent.children.length > 12) recent.lastElementChild?.remove();
  }
  function markRecent(v: Verdict, o: Outcome, doneText: string): void {
    const li = recentItems.get(v);
    if (!li) return;
    li.append(o.state === 'done' ? ` → ${doneText.toLowerCase()}` : o.state === 'pending' ? ' → pending' : ' → not recorded');
  }

  disposers.push(box.onChange((actions) => renderPending(actions)));
  function renderPending(actions: readonly OutboxAction[]): void {
    if (!actions.length) {
      pendingBox.hidden = true;
      pendingBox.replaceChildren();
      return;
    }
    pendingBox.hidden = false;
    replace(pendingBox,
      h('h2', { class: 'small-title' }, `${actions.length} waiting to be sent`),
      h('p', { class: 'hint' }, navigator.onLine ? 'The server did not answer; retrying.' : 'This device is offline; retrying when it is back.'),
      h('ul', { 'data-testid': 'pending-list' }, actions.map((a) =>
        h('li', null, `${a.kind} · ${a.label} · ${time(new Date(a.createdAt).toISOString())} · ${a.attempts} tries`,
          a.lastError ? h('small', null, ` (${a.lastError})`) : null))),
      h('button', { type: 'button', class: 'secondary', onclick: () => box.pump(true) }, 'Retry now'));
  }
  const onSettled = box.onSettled((_key, o, action) => {
    // Actions queued before a reload settle here, with no verdict card to show them on.
    if (o.state === 'done' && action.attempts > 1) announceOutcome(`${action.label}: sent`);
    if (o.state === 'failed' && action.attempts > 1) announceOutcome(`${action.label}: not recorded (${o.error.message})`);
  });
  disposers.push(onSettled);
  function announceOutcome(text: string): void {
    const li = h('li', null, h('span', { class: 'time' }, time(new Date().toISOString())), ' ', text);
    recent.prepend(li);
  }

  // ---- search -------------------------------------------------------------------------
  async function search(text: string): Promise<void> {
    replace(results, h('li', { class: 'hint' }, 'Searching…'));
    try {
      const r = await get<Participant[]>('/participants', { search: text, limit: 8 });
      if (!r.data.length) {
        replace(results, h('li', { class: 'hint' }, `Nobody matches “${text}”.`));
        return;
      }
      replace(results, r.data.map((p) =>
        h('li', null, h('button', { type: 'button', class: 'result', onclick: () => void scan(p.qrCode, 'search') },
          h('strong', null, p.name), h('span', null, [p.email, p.organization].filter(Boolean).join(' · '))))));
      (results.querySelector('button') as HTMLButtonElement | null)?.focus();
    } catch (e) {
      replace(results, h('li', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  // ---- keyboard wedge outside the text field ------------------------------------------
  let wedge = '';
  let wedgeFirst = 0;
  let wedgeLast = 0;
  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target === codeInput || dialog.open) return;
    if (target.closest('input, textarea, select, [contenteditable]')) return;
    const now = performance.now();
    if (now - wedgeLast > 300) wedge = '';
    if (e.key === 'Enter') {
      const averageGap = wedge.length > 1 ? (wedgeLast - wedgeFirst) / (wedge.length - 1) : Infinity;
      if (wedge.length >= 4 && averageGap <= WEDGE_MAX_AVG_GAP_MS) {
        // A scanner's Enter must not also press the focused Accept button.
        e.preventDefault();
        e.stopPropagation();
        const code = wedge;
        wedge = '';
        void scan(code, 'wedge');
      }
      wedge = '';
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      if (!wedge) wedgeFirst = now;
      wedge += e.key;
      wedgeLast = now;
    }
  };
  document.addEventListener('keydown', onKey, true);
  disposers.push(() => document.removeEventListener('keydown', onKey, true));
  const onEscape = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !dialog.open && current?.kind === 'verified' && current.v.actions.canDecline) openDecline();
  };
  document.addEventListener('keydown', onEscape);
  disposers.push(() => document.removeEventListener('keydown', onEscape));

  // ---- camera -------------------------------------------------------------------------
  async function startCamera(deviceId?: string): Promise<void> {
    stopCamera();
    if (!navigator.mediaDevices?.getUserMedia) {
      cameraNote.textContent = 'This browser cannot use a camera here (it needs HTTPS or localhost). Use a barcode scanner or search.';
      return;
    }
    cameraNote.textContent = 'Starting the camera…';
    try {
      const decoderReady = createDecoder();
      stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: deviceId
          ? { deviceId: { exact: deviceId }, width: { ideal: 1280 }, height: { ideal: 720 } }
          : { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
      });
      video.srcObject = stream;
      await video.play().catch(() => {});
      decoder = await decoderReady;
      running = true;
      localStorage.setItem('admit.scanner.camera', '1');
      cameraButton.textContent = 'Stop camera';
      cameraNote.textContent = decoder.kind === 'native' ? 'Scanning (built-in detector)' : 'Scanning (ZXing WebAssembly)';
      void listCameras();
      frameLoop();
    } catch (e) {
      running = false;
      cameraNote.textContent = `Camera unavailable: ${e instanceof Error ? e.message : String(e)}. Use a barcode scanner or search.`;
    }
  }

  async function listCameras(): Promise<void> {
    const devices = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    if (devices.length < 2) return;
    const active = stream?.getVideoTracks()[0]?.getSettings().deviceId;
    replace(cameraSelect, devices.map((d, i) => option(d.deviceId, d.label || `Camera ${i + 1}`, d.deviceId === active)));
    cameraSelect.hidden = false;
    cameraSelect.setAttribute('aria-label', 'Camera');
  }

  // Every new frame is decoded as soon as the previous decode is done: no fixed rate.
  function frameLoop(): void {
    const step = async () => {
      if (!running || !decoder) return;
      if (video.readyState >= 2 && video.videoWidth > 0) {
        try {
          const codes = await decoder.detect(video);
          for (const c of codes) if (c) onDetected(c);
        } catch {
          /* a frame that could not be read: take the next one */
        }
      }
      next();
    };
    const next = () => {
      if (!running) return;
      if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => void step());
      else requestAnimationFrame(() => void step());
    };
    next();
  }

  function stopCamera(): void {
    running = false;
    stream?.getTracks().forEach((t) => t.stop());
    stream = null;
    video.srcObject = null;
    cameraButton.textContent = 'Start camera';
  }

  // ---- start --------------------------------------------------------------------------
  // Where the decoder is WebAssembly, fetch it once the page is usable, so that starting the
  // camera does not wait for ~450 kB (no-op with a native detector).
  void loadSessions().then(() => {
    const idle = (window as { requestIdleCallback?: (f: () => void) => void }).requestIdleCallback ?? ((f: () => void) => setTimeout(f, 500));
    idle(() => void createDecoder().catch(() => {}));
  });
  renderPending(box.pending());
  if (!matchMedia('(pointer: coarse)').matches) codeInput.focus();
  if (localStorage.getItem('admit.scanner.camera') === '1' || new URLSearchParams(location.search).has('camera')) void startCamera();
  else cameraNote.textContent = 'The camera starts when you press “Start camera”.';

  return () => {
    stopCamera();
    disposers.forEach((d) => d());
    main.classList.remove('scanner-main');
  };
}
