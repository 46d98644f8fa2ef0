import { h, option, replace } from '../lib/dom';
import { API, get, type Envelope } from '../lib/api';
import { dateTime, time } from '../lib/format';
import type { Participant, Session } from '../lib/types';
import { failed, loading, table } from '../admin/ui';

interface SheetRow {
  sessionId: string;
  sessionName: string;
  startTime: string;
  location?: string;
  isOpen: boolean;
  capacity?: number;
  registrations: number;
  checkIns: number;
  attendanceRate: string;
}

interface CheckInRow {
  _id: string;
  participantId: Participant | null;
  checkInTime: string;
  method: string;
  isLate: boolean;
}

interface RegistrationRow {
  participantId: Participant | null;
  status: string;
}

// Reads every page of a list (the API caps a page at 100 rows).
async function all<T>(path: string, query: Record<string, string>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page < 1000; page++) {
    const r: Envelope<T[]> = await get<T[]>(path, { ...query, page, limit: 100 });
    out.push(...r.data);
    if (!r.meta?.hasNextPage) break;
  }
  return out;
}

function download(label: string, href: string): HTMLAnchorElement {
  return h('a', { class: 'button', href, download: '' }, label);
}

export function reportsPage(main: HTMLElement): void {
  const sessionSel = h('select', { id: 'rep-session' }, option('', 'All sessions (overview)'));
  const body = h('div', { 'aria-live': 'polite' });
  const downloads = h('div', { class: 'row toolbar' });
  sessionSel.addEventListener('change', () => void load());
  main.append(
    h('h1', null, 'Reports'),
    h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: 'rep-session' }, 'Session'), sessionSel)),
    downloads,
    body);

  async function load(): Promise<void> {
    loading(body);
    const id = sessionSel.value;
    try {
      if (!id) {
        replace(downloads,
          download('Attendance (XLSX)', `${API}/reports/attendance?format=excel`),
          download('Attendance (CSV)', `${API}/reports/attendance?format=csv`),
          download('Sessions sheet (XLSX)', `${API}/reports/sessions-sheets?format=excel`));
        const r = await get<{ sessions: SheetRow[]; summary: { totalSessions: number; openSessions: number } }>('/reports/sessions-sheets');
        const rows = [...r.data.sessions].sort((a, b) => a.startTime.localeCompare(b.startTime));
        replace(body,
          h('h2', null, 'Attendance per session'),
          table<SheetRow>('Attendance per session', [
            { title: 'Session', cell: (s) => [h('strong', null, s.sessionName), h('div', { class: 'hint' }, `${dateTime(s.startTime)} · ${s.location ?? ''}`)] },
            { title: 'Registered', num: true, cell: (s) => s.registrations },
            { title: 'Checked in', num: true, cell: (s) => s.checkIns },
            { title: 'Capacity', num: true, cell: (s) => s.capacity || '—' },
            { title: 'Attendance', num: true, cell: (s) => s.attendanceRate },
            { title: '', cell: (s) => h('button', { type: 'button', class: 'secondary', 'aria-label': `Details of ${s.sessionName}`, onclick: () => { sessionSel.value = s.sessionId; void load(); } }, 'Details') },
          ], rows, 'No sessions.'));
        return;
      }
      replace(downloads,
        download('Session report (XLSX)', `${API}/reports/session/${id}?format=excel`),
        download('Session report (CSV)', `${API}/reports/session/${id}?format=csv`),
        download('Registrations and check-ins (XLSX)', `${API}/bulk/sessions/${id}/export`));
      const [checkIns, regs] = await Promise.all([
        get<CheckInRow[]>(`/sessions/${id}/checkins`).then((r) => r.data),
        all<RegistrationRow>('/registrations', { sessionId: id, status: 'confirmed' }),
      ]);
      const inside = new Set(checkIns.map((c) => c.participantId?._id));
      const noShows = regs.filter((r) => r.participantId && !inside.has(r.participantId._id));
      const late = checkIns.filter((c) => c.isLate);
      const rate = regs.length ? Math.round(((regs.length - noShows.length) / regs.length) * 100) : 0;
      replace(body,
        h('p', null, `${checkIns.length} checked in · ${regs.length} confirmed registrations · ${noShows.length} no-shows (${rate}% of registered came) · ${late.length} late.`),
        h('h2', { class: 'section' }, `No-shows (${noShows.length})`),
        table<RegistrationRow>('No-shows', [
          { title: 'Participant', cell: (r) => r.participantId!.name },
          { title: 'E-mail', cell: (r) => r.participantId!.email },
          { title: 'Organisation', cell: (r) => r.participantId!.organization ?? '' },
        ], noShows, 'Everyone registered has come.'),
        h('h2', { class: 'section' }, `Late arrivals (${late.length})`),
        table<CheckInRow>('Late arrivals', [
          { title: 'Participant', cell: (c) => c.participantId?.name ?? 'Unknown' },
          { title: 'Arrived', cell: (c) => time(c.checkInTime) },
          { title: 'Method', cell: (c) => c.method },
        ], late, 'Nobody arrived late.'),
        h('h2', { class: 'section' }, `Check-ins (${checkIns.length})`),
        table<CheckInRow>('Check-ins', [
          { title: 'Participant', cell: (c) => c.participantId?.name ?? 'Unknown' },
          { title: 'Time', cell: (c) => time(c.checkInTime) },
          { title: 'Method', cell: (c) => c.method },
          { title: 'Late', cell: (c) => (c.isLate ? h('span', { class: 'pill warn' }, 'late') : '') },
        ], checkIns, 'No check-ins yet.'));
    } catch (e) {
      failed(body, e);
    }
  }

  void get<Session[]>('/sessions', { limit: 100, sortBy: 'startTime', sortOrder: 'asc' }).then((r) => {
    r.data.forEach((s) => sessionSel.append(option(s._id, s.name)));
    const wanted = new URLSearchParams(location.search).get('session');
    if (wanted) {
      sessionSel.value = wanted;
      void load();
    }
  }).catch(() => {});
  void load();
}
