import { h, replace } from '../lib/dom';
import { errorText, get } from '../lib/api';
import { capacityText, time } from '../lib/format';
import { onConnection, realtime, subscribe } from '../lib/realtime';
import type { Session } from '../lib/types';
import type { Cleanup } from '../lib/page';

// The live board: everything arrives over Socket.IO (one REST read of the recent check-ins at
// start, then nothing is polled). Large type and high contrast, for a projector.

interface FeedItem {
  at: number;
  name: string;
  sessionName: string;
  sessionId: string;
  isLate: boolean;
  declined?: string | null;
}

interface LeaderRow {
  _id: string;
  name: string;
  organization?: string;
  ambassadorPoints: number;
  referralCount?: number;
  rank?: number;
}

const FEED_MAX = 40;
const MINUTES = 30;

export function boardPage(main: HTMLElement): Cleanup {
  const sessions = new Map<string, Session>();
  const feed: FeedItem[] = [];
  const late: FeedItem[] = [];
  const arrivals: number[] = []; // check-in times (ms) for the last MINUTES minutes
  let leaders: LeaderRow[] = [];
  let openOnly = localStorage.getItem('admit.board.openOnly') !== '0';

  const status = h('span', { class: 'pill', role: 'status' }, 'connecting');
  const rate = h('strong', { class: 'big-number', 'data-testid': 'rate' }, '0');
  const total = h('strong', { class: 'big-number', 'data-testid': 'total' }, '0');
  const spark = h('div', { class: 'spark', role: 'img', 'aria-label': 'Check-ins per minute, last 30 minutes' });
  const cards = h('div', { class: 'cards', 'data-testid': 'session-cards' });
  const feedList = h('ol', { class: 'feed', 'aria-live': 'polite', 'aria-label': 'Latest check-ins', 'data-testid': 'feed' });
  const lateList = h('ol', { class: 'feed', 'aria-label': 'Late arrivals', 'data-testid': 'late' });
  const leaderList = h('ol', { class: 'leaders', 'aria-label': 'Ambassador leaderboard' });
  const openToggle = h('input', { type: 'checkbox', checked: openOnly, onchange: () => {
    openOnly = openToggle.checked;
    localStorage.setItem('admit.board.openOnly', openOnly ? '1' : '0');
    renderCards();
  } });

  main.classList.add('board-main');
  main.append(
    h('div', { class: 'board-head' },
      h('h1', null, 'Live board'), status,
      h('label', { class: 'check' }, openToggle, ' Open sessions only')),
    h('div', { class: 'board' },
      h('section', { class: 'panel stats', 'aria-label': 'Throughput' },
        h('div', null, rate, h('span', null, 'check-ins in the last minute')),
        h('div', null, total, h('span', null, 'check-ins in sessions shown')),
        spark),
      h('section', { class: 'panel sessions-panel', 'aria-labelledby': 'b-sessions' }, h('h2', { id: 'b-sessions' }, 'Sessions'), cards),
      h('section', { class: 'panel', 'aria-labelledby': 'b-feed' }, h('h2', { id: 'b-feed' }, 'Latest check-ins'), feedList),
      h('section', { class: 'panel', 'aria-labelledby': 'b-late' }, h('h2', { id: 'b-late' }, 'Late arrivals'), lateList),
      h('section', { class: 'panel', 'aria-labelledby': 'b-amb' }, h('h2', { id: 'b-amb' }, 'Ambassadors'), leaderList)));

  function renderCards(): void {
    const list = [...sessions.values()]
      .filter((s) => !openOnly || s.isOpen)
      .sort((a, b) => Number(b.isOpen) - Number(a.isOpen) || a.startTime.localeCompare(b.startTime));
    total.textContent = String(list.reduce((n, s) => n + (s.checkInsCount ?? 0), 0));
    if (!list.length) {
      replace(cards, h('p', { class: 'hint' }, openOnly ? 'No session is open right now.' : 'No sessions.'));
      return;
    }
    replace(cards, list.map((s) => {
      const cap = s.capacity ?? 0;
      const pct = cap ? Math.round((s.checkInsCount / cap) * 100) : 0;
      const fill = h('span', null);
      fill.style.width = `${Math.min(100, pct)}%`;
      return h('article', { class: `card-session ${s.isOpen ? 'open' : ''}`, 'data-session': s._id },
        h('h3', null, s.name),
        h('p', { class: 'meta' }, `${s.location ?? ''} · ${time(s.startTime)}–${time(s.endTime)} · ${s.status}`),
        h('p', { class: 'count' }, h('strong', { 'data-testid': 'count' }, capacityText(s.checkInsCount, cap)), cap ? ` · ${pct}%` : ''),
        cap ? h('div', { class: `bar ${pct >= 100 ? 'full' : pct >= 80 ? 'near' : ''}`, role: 'progressbar', 'aria-label': `${s.name} capacity`,
          'aria-valuemin': '0', 'aria-valuemax': String(cap), 'aria-valuenow': String(s.checkInsCount) }, fill) : null);
    }));
  }

  function feedLine(f: FeedItem): HTMLLIElement {
    return h('li', { class: f.declined !== undefined ? 'declined' : f.isLate ? 'late' : '' },
      h('span', { class: 'time' }, time(new Date(f.at).toISOString())), ' ',
      h('strong', null, f.name), ` → ${f.sessionName}`,
      f.declined !== undefined ? h('span', { class: 'pill bad' }, `declined${f.declined ? `: ${f.declined}` : ''}`) : null,
      f.isLate ? h('span', { class: 'pill warn' }, 'late') : null);
  }

  function renderFeed(): void {
    replace(feedList, feed.length ? feed.map(feedLine) : h('li', { class: 'hint' }, 'No check-ins yet.'));
    replace(lateList, late.length ? late.slice(0, 15).map(feedLine) : h('li', { class: 'hint' }, 'Nobody late so far.'));
  }

  function renderRate(): void {
    const now = Date.now();
    while (arrivals.length && arrivals[0]! < now - MINUTES * 60000) arrivals.shift();
    rate.textContent = String(arrivals.filter((t) => t > now - 60000).length);
    const buckets = new Array<number>(MINUTES).fill(0);
    for (const t of arrivals) {
      const i = MINUTES - 1 - Math.floor((now - t) / 60000);
      if (i >= 0) buckets[i]! += 1;
    }
    const max = Math.max(1, ...buckets);
    replace(spark, buckets.map((n) => {
      const b = h('span', { title: `${n}` });
      b.style.height = `${Math.max(2, (n / max) * 100)}%`;
      return b;
    }));
  }

  function renderLeaders(): void {
    const rows = [...leaders].sort((a, b) => b.ambassadorPoints - a.ambassadorPoints).slice(0, 10);
    replace(leaderList, rows.length
      ? rows.map((r, i) => h('li', null, h('span', { class: 'rank' }, String(i + 1)), h('strong', null, r.name),
        h('span', { class: 'meta' }, r.organization ?? ''), h('span', { class: 'points' }, `${r.ambassadorPoints} pts`)))
      : h('li', { class: 'hint' }, 'No ambassadors yet.'));
  }

  function addCheckIn(item: FeedItem): void {
    feed.unshift(item);
    if (feed.length > FEED_MAX) feed.pop();
    if (item.isLate && item.declined === undefined) late.unshift(item);
    if (item.declined === undefined) arrivals.push(item.at);
  }

  const socket = realtime();
  const handlers: [string, (msg: never) => void][] = [
    ['sessions:data', (msg: { data: Session[] }) => {
      for (const s of msg.data) sessions.set(s._id, s);
      renderCards();
    }],
    ['sessions:checkin', (msg: { data: { sessionId: string; participantName: string; sessionName: string; timestamp: string; isLate: boolean } }) => {
      const d = msg.data;
      addCheckIn({ at: Date.parse(d.timestamp), name: d.participantName, sessionName: d.sessionName, sessionId: d.sessionId, isLate: d.isLate });
      renderFeed();
      renderRate();
    }],
    ['checkin:declined', (msg: { data: { sessionId: string; participantName: string; sessionName: string; timestamp: string; reason: string | null } }) => {
      const d = msg.data;
      addCheckIn({ at: Date.parse(d.timestamp), name: d.participantName, sessionName: d.sessionName, sessionId: d.sessionId, isLate: false, declined: d.reason });
      renderFeed();
    }],
    ['sessions:capacity-update', (msg: { data: { sessionId: string; checkInsCount: number; capacity: number } }) => {
      const s = sessions.get(msg.data.sessionId);
      if (!s) return;
      s.checkInsCount = msg.data.checkInsCount;
      s.capacity = msg.data.capacity;
      renderCards();
    }],
    ['sessions:status-update', (msg: { data: { sessionId: string; newIsOpen: boolean; newStatus: string } }) => {
      const s = sessions.get(msg.data.sessionId);
      if (!s) {
        socket.emit('subscribe:sessions'); // a session created since: re-read the list
        return;
      }
      s.isOpen = msg.data.newIsOpen;
      s.status = msg.data.newStatus;
      renderCards();
    }],
    ['ambassadors:leaderboard', (msg: { data: LeaderRow[] }) => {
      leaders = msg.data;
      renderLeaders();
    }],
    ['ambassadors:score-update', (msg: { data: { ambassadorId: string; name: string; newScore: number; referralCount: number } }) => {
      const d = msg.data;
      const row = leaders.find((r) => r._id === d.ambassadorId);
      if (row) row.ambassadorPoints = d.newScore;
      else leaders.push({ _id: d.ambassadorId, name: d.name, ambassadorPoints: d.newScore, referralCount: d.referralCount });
      renderLeaders();
    }],
  ];
  for (const [event, fn] of handlers) socket.on(event, fn as (...args: unknown[]) => void);
  subscribe('sessions');
  subscribe('ambassadors');
  const offConn = onConnection((online) => {
    status.textContent = online ? 'live' : 'reconnecting…';
    status.className = `pill ${online ? 'ok' : 'warn'}`;
    main.dataset.live = online ? '1' : '0';
  });

  // The state before the page opened, read once (the socket's initial list may be slower, or
  // refused until the login reaches it).
  void get<Session[]>('/sessions', { limit: 100, sortBy: 'startTime', sortOrder: 'asc' })
    .then((r) => {
      for (const s of r.data) if (!sessions.has(s._id)) sessions.set(s._id, s);
      renderCards();
    })
    .catch(() => {});
  void get<{ participantId: { name?: string } | null; sessionId: { _id?: string; name?: string } | null; checkInTime: string; isLate: boolean }[]>(
    '/checkin/recent', { limit: 50 })
    .then((r) => {
      const seen = new Set(feed.map((f) => `${f.name}|${f.at}`));
      for (const c of [...r.data].reverse()) {
        const item: FeedItem = {
          at: Date.parse(c.checkInTime), name: c.participantId?.name ?? 'Unknown', sessionName: c.sessionId?.name ?? 'Unknown',
          sessionId: c.sessionId?._id ?? '', isLate: c.isLate,
        };
        if (!seen.has(`${item.name}|${item.at}`)) addCheckIn(item);
      }
      feed.sort((a, b) => b.at - a.at);
      late.sort((a, b) => b.at - a.at);
      arrivals.sort((a, b) => a - b);
      renderFeed();
      renderRate();
    })
    .catch((e) => feedList.replaceChildren(h('li', { class: 'error' }, errorText(e))));

  renderCards();
  renderFeed();
  renderRate();
  renderLeaders();
  const timer = setInterval(renderRate, 5000); // the clock moves even when nobody arrives

  return () => {
    clearInterval(timer);
    offConn();
    for (const [event, fn] of handlers) socket.off(event, fn as (...args: unknown[]) => void);
    main.classList.remove('board-main');
  };
}
