import { h, field, replace } from '../lib/dom';
import { del, get, patch, post } from '../lib/api';
import { capacityText, dateTime, fromLocalInput, toLocalInput } from '../lib/format';
import { realtime, subscribe } from '../lib/realtime';
import type { Session } from '../lib/types';
import type { Cleanup } from '../lib/page';
import { confirmAction, failed, loading, modalForm, pager, run, table } from './ui';

interface BulkResult {
  success: number;
  failed: number;
  errors: { index: number; name: string; error: string }[];
}

export function sessionsPage(main: HTMLElement): Cleanup {
  const search = h('input', { type: 'search', name: 'search', placeholder: 'Name, room…' });
  const list = h('div', { 'aria-live': 'polite' });
  let page = 1;
  let timer = 0;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => { page = 1; void load(); }, 250);
  });

  main.append(
    h('h1', null, 'Sessions'),
    h('div', { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: 'sess-search' }, 'Search'), Object.assign(search, { id: 'sess-search' })),
      h('button', { type: 'button', class: 'primary', onclick: () => void edit(null) }, 'New session'),
      h('button', { type: 'button', class: 'secondary', onclick: () => void bulk() }, 'Bulk create')),
    list);

  async function load(): Promise<void> {
    loading(list);
    try {
      const r = await get<Session[]>('/sessions', { search: search.value.trim(), page, limit: 25, sortBy: 'startTime', sortOrder: 'asc' });
      const rows = r.data;
      replace(list,
        table<Session>('Sessions', [
          { title: 'Name', cell: (s) => [h('strong', null, s.name), s.location ? h('div', { class: 'hint' }, s.location) : null] },
          { title: 'When', cell: (s) => `${dateTime(s.startTime)} – ${new Date(s.endTime).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` },
          { title: 'Status', cell: (s) => h('span', { class: `pill ${s.isOpen ? 'ok' : ''}` }, s.isOpen ? 'open' : s.status) },
          { title: 'Checked in', num: true, cell: (s) => capacityText(s.checkInsCount, s.capacity) },
          { title: 'Actions', cell: (s) => h('div', { class: 'row' },
            h('button', { type: 'button', class: s.isOpen ? 'secondary' : 'accept', 'aria-label': `${s.isOpen ? 'Close' : 'Open'} ${s.name}`,
              onclick: (e: Event) => void run(e.currentTarget as HTMLButtonElement, () => patch(`/sessions/${s._id}`, { isOpen: !s.isOpen }), s.isOpen ? 'Session closed' : 'Session opened').then(() => load()) },
              s.isOpen ? 'Close' : 'Open'),
            h('button', { type: 'button', class: 'secondary', 'aria-label': `Edit ${s.name}`, onclick: () => void edit(s) }, 'Edit'),
            h('button', { type: 'button', class: 'secondary', 'aria-label': `Delete ${s.name}`, onclick: (e: Event) => {
              if (!confirmAction(`Delete “${s.name}”? Its check-ins stay in the reports.`)) return;
              void run(e.currentTarget as HTMLButtonElement, () => del(`/sessions/${s._id}`), 'Session deleted').then(() => load());
            } }, 'Delete')) },
        ], rows, 'No sessions. Create one, or bulk-create the programme.'),
        r.meta ? pager(page, r.meta.totalPages, (p) => { page = p; void load(); }) : null);
    } catch (e) {
      failed(list, e);
    }
  }

  async function edit(s: Session | null): Promise<void> {
    const name = h('input', { name: 'name', required: true, maxlength: '200', value: s?.name ?? '' });
    const description = h('textarea', { name: 'description', maxlength: '1000', rows: '2' });
    description.value = s?.description ?? '';
    const location = h('input', { name: 'location', maxlength: '200', value: s?.location ?? '' });
    const now = new Date();
    now.setMinutes(0, 0, 0);
    const start = h('input', { name: 'startTime', type: 'datetime-local', required: true, value: toLocalInput(s?.startTime ?? new Date(now.getTime() + 3600000).toISOString()) });
    const end = h('input', { name: 'endTime', type: 'datetime-local', required: true, value: toLocalInput(s?.endTime ?? new Date(now.getTime() + 7200000).toISOString()) });
    const capacity = h('input', { name: 'capacity', type: 'number', min: '0', inputmode: 'numeric', value: String(s?.capacity ?? 0) });
    const day = h('input', { name: 'day', type: 'number', min: '1', value: s?.day ? String(s.day) : '' });
    const isOpen = h('input', { type: 'checkbox', name: 'isOpen', checked: s?.isOpen ?? false });
    const enforced = h('input', { type: 'checkbox', name: 'capacityEnforced', checked: s?.capacityEnforced ?? true });
    const requiresReg = h('input', { type: 'checkbox', name: 'requiresRegistration', checked: s?.requiresRegistration ?? false });
    const num = (n: string, v: number | null | undefined) => h('input', { name: n, type: 'number', min: '0', max: '1440', placeholder: 'global', value: v === null || v === undefined ? '' : String(v) });
    const autoOpen = num('autoOpenMinutesBefore', s?.autoOpenMinutesBefore);
    const autoEnd = num('autoEndGraceMinutes', s?.autoEndGraceMinutes);
    const lateT = num('lateThresholdMinutes', s?.lateThresholdMinutes);
    const saved = await modalForm(s ? `Edit ${s.name}` : 'New session', [
      field('Name', name),
      field('Description', description),
      h('div', { class: 'grid2' }, field('Room / location', location), field('Day', day)),
      h('div', { class: 'grid2' }, field('Starts', start), field('Ends', end)),
      field('Capacity', capacity, '0 means no limit.'),
      h('label', { class: 'check' }, enforced, ' Refuse entry when full'),
      h('label', { class: 'check' }, requiresReg, ' Invite only (registration required)'),
      h('label', { class: 'check' }, isOpen, ' Open for check-in now'),
      h('fieldset', null, h('legend', null, 'Timing for this session (empty: the global settings)'),
        h('div', { class: 'grid2' }, field('Auto-open, minutes before start', autoOpen), field('Auto-end, minutes after end', autoEnd)),
        field('Late after, minutes', lateT)),
    ], async () => {
      const optInt = (el: HTMLInputElement) => (el.value === '' ? undefined : Number(el.value));
      const body: Record<string, unknown> = {
        name: name.value.trim(), description: description.value.trim() || undefined, location: location.value.trim() || undefined,
        startTime: fromLocalInput(start.value), endTime: fromLocalInput(end.value), capacity: Number(capacity.value || 0),
        isOpen: isOpen.checked, capacityEnforced: enforced.checked, requiresRegistration: requiresReg.checked,
        day: optInt(day), autoOpenMinutesBefore: optInt(autoOpen), autoEndGraceMinutes: optInt(autoEnd), lateThresholdMinutes: optInt(lateT),
      };
      if (s) await patch(`/sessions/${s._id}`, body);
      else await post('/sessions', body);
    }, s ? 'Save' : 'Create');
    if (saved) await load();
  }

  async function bulk(): Promise<void> {
    const text = h('textarea', { name: 'sessions', rows: '8', class: 'mono', placeholder: 'Keynote, 2026-05-12T09:00, 2026-05-12T10:00, Hall A, 300' });
    const result = h('div', { 'aria-live': 'polite' });
    await modalForm('Bulk create sessions', [
      field('One session per line: name, start, end, room, capacity', text, 'Times are local (YYYY-MM-DDTHH:MM). Every line is checked before anything is created.'),
      result,
    ], async () => {
      const lines = text.value.split('\n').map((l) => l.trim()).filter(Boolean);
      const sessions = lines.map((line, i) => {
        const [n, st, en, loc, cap] = line.split(',').map((x) => x.trim());
        const startD = new Date(st ?? '');
        const endD = new Date(en ?? '');
        if (!n || Number.isNaN(startD.getTime()) || Number.isNaN(endD.getTime())) throw new Error(`Line ${i + 1}: needs a name, a start and an end time`);
        return { name: n, startTime: startD.toISOString(), endTime: endD.toISOString(), location: loc || undefined, capacity: cap ? Number(cap) : undefined };
      });
      if (!sessions.length) throw new Error('Write at least one line');
      const r = await post<BulkResult>('/sessions/bulk', { sessions });
      if (r.data.failed) throw new Error(`${r.data.success} created; ${r.data.failed} failed: ${r.data.errors.map((e) => `line ${e.index + 1} (${e.name}): ${e.error}`).join('; ')}`);
    }, 'Create all');
    await load();
  }

  const socket = realtime();
  subscribe('sessions');
  const refresh = () => void load();
  socket.on('sessions:status-update', refresh);
  void load();
  return () => {
    clearTimeout(timer);
    socket.off('sessions:status-update', refresh);
  };
}
