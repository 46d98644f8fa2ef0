import { h, field, option, replace } from '../lib/dom';
import { del, get, patch, post } from '../lib/api';
import { dateTime } from '../lib/format';
import type { Participant, Session } from '../lib/types';
import { confirmAction, failed, loading, modalForm, pager, run, table } from './ui';

interface Registration {
  _id: string;
  participantId: Participant | null;
  sessionId: Session | null;
  status: 'pending' | 'confirmed' | 'cancelled';
  registrationDate?: string;
  createdAt: string;
}

export function registrationsPage(main: HTMLElement): void {
  const sessionSel = h('select', { id: 'r-session' }, option('', 'All sessions'));
  const statusSel = h('select', { id: 'r-status' }, option('', 'Any'), option('confirmed', 'Confirmed'), option('pending', 'Pending'), option('cancelled', 'Cancelled'));
  const stats = h('p', { class: 'hint' });
  const list = h('div', { 'aria-live': 'polite' });
  let sessions: Session[] = [];
  let page = 1;
  sessionSel.addEventListener('change', () => { page = 1; void load(); });
  statusSel.addEventListener('change', () => { page = 1; void load(); });

  main.append(
    h('h1', null, 'Registrations'),
    h('div', { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: 'r-session' }, 'Session'), sessionSel),
      h('div', { class: 'field' }, h('label', { for: 'r-status' }, 'Status'), statusSel),
      h('button', { type: 'button', class: 'primary', onclick: () => void create() }, 'Register someone')),
    stats, list);

  async function load(): Promise<void> {
    loading(list);
    try {
      const r = await get<Registration[]>('/registrations', { sessionId: sessionSel.value, status: statusSel.value, page, limit: 25 });
      replace(list,
        table<Registration>('Registrations', [
          { title: 'Participant', cell: (g) => [h('strong', null, g.participantId?.name ?? '(deleted)'), h('div', { class: 'hint' }, g.participantId?.email ?? '')] },
          { title: 'Session', cell: (g) => g.sessionId?.name ?? '(deleted)' },
          { title: 'Status', cell: (g) => {
            const sel = h('select', { 'aria-label': `Status of ${g.participantId?.name ?? 'registration'}` },
              ['confirmed', 'pending', 'cancelled'].map((s) => option(s, s, s === g.status)));
            sel.addEventListener('change', () => void run(null, () => patch(`/registrations/${g._id}`, { status: sel.value }), 'Registration updated'));
            return sel;
          } },
          { title: 'Since', cell: (g) => dateTime(g.registrationDate ?? g.createdAt) },
          { title: '', cell: (g) => h('button', { type: 'button', class: 'secondary', 'aria-label': 'Delete registration', onclick: (e: Event) => {
            if (!confirmAction('Delete this registration?')) return;
            void run(e.currentTarget as HTMLButtonElement, () => del(`/registrations/${g._id}`), 'Registration deleted').then(() => load());
          } }, 'Delete') },
        ], r.data, 'No registrations match.'),
        r.meta ? pager(page, r.meta.totalPages, (p) => { page = p; void load(); }) : null);
      const s = await get<{ total: number; confirmed: number; pending: number; cancelled: number; todayRegistrations: number }>('/registrations/stats/overview');
      stats.textContent = `${s.data.total} registrations: ${s.data.confirmed} confirmed, ${s.data.pending} pending, ${s.data.cancelled} cancelled; ${s.data.todayRegistrations} today.`;
    } catch (e) {
      failed(list, e);
    }
  }

  async function create(): Promise<void> {
    const session = h('select', { name: 'sessionId', required: true }, sessions.map((s) => option(s._id, s.name, s._id === sessionSel.value)));
    const who = h('input', { type: 'search', name: 'participant', placeholder: 'Name or e-mail', autocomplete: 'off' });
    const pick = h('select', { name: 'participantId', required: true, size: '5' });
    const st = h('select', { name: 'status' }, option('confirmed', 'Confirmed', true), option('pending', 'Pending'));
    let t = 0;
    who.addEventListener('input', () => {
      clearTimeout(t);
      t = window.setTimeout(async () => {
        const r = await get<Participant[]>('/participants', { search: who.value.trim(), limit: 20 });
        replace(pick, r.data.map((p, i) => option(p._id, `${p.name} · ${p.email}`, i === 0)));
      }, 200);
    });
    const saved = await modalForm('Register a participant', [
      field('Session', session), field('Find participant', who), field('Participant', pick), field('Status', st),
    ], async () => {
      if (!pick.value) throw new Error('Choose a participant');
      await post('/registrations', { participantId: pick.value, sessionId: session.value, status: st.value });
    }, 'Register');
    if (saved) await load();
  }

  void get<Session[]>('/sessions', { limit: 100, sortBy: 'startTime', sortOrder: 'asc' }).then((r) => {
    sessions = r.data;
    sessions.forEach((s) => sessionSel.append(option(s._id, s.name)));
  }).catch(() => {});
  void load();
}
