import { h, field, option, replace } from '../lib/dom';
import { API, del, errorText, get, patch, post, request } from '../lib/api';
import type { Participant, Session } from '../lib/types';
import { announce, toast, type Cleanup } from '../lib/page';
import { confirmAction, failed, loading, modalForm, pager, run, table } from './ui';

interface ImportReport {
  created: number;
  failed: number;
  registered?: number;
  dryRun?: boolean;
  errors?: { row: number; email: string; error: string }[];
}

const STATUS_LABEL: Record<string, string> = { regular: 'Regular', ambassador: 'Ambassador', travel_grant: 'Travel grant' };

export function participantsPage(main: HTMLElement): Cleanup {
  const search = h('input', { type: 'search', id: 'p-search', placeholder: 'Name, e-mail, organisation' });
  const status = h('select', { id: 'p-status' }, option('', 'Any'), option('regular', 'Regular'), option('ambassador', 'Ambassador'), option('travel_grant', 'Travel grant'));
  const list = h('div', { 'aria-live': 'polite' });
  let page = 1;
  let timer = 0;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => { page = 1; void load(); }, 250);
  });
  status.addEventListener('change', () => { page = 1; void load(); });

  main.append(
    h('h1', null, 'Participants'),
    h('div', { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: 'p-search' }, 'Search'), search),
      h('div', { class: 'field' }, h('label', { for: 'p-status' }, 'Status'), status),
      h('button', { type: 'button', class: 'primary', onclick: () => void edit(null) }, 'New participant'),
      h('button', { type: 'button', class: 'secondary', onclick: () => void importDialog() }, 'Import CSV / XLSX'),
      h('a', { class: 'button', href: `${API}/bulk/template/participants`, download: '' }, 'Template')),
    list);

  async function load(): Promise<void> {
    loading(list);
    try {
      const r = await get<Participant[]>('/participants', { search: search.value.trim(), status: status.value, page, limit: 25 });
      replace(list,
        table<Participant>('Participants', [
          { title: 'Name', cell: (p) => [h('strong', null, p.name), p.organization ? h('div', { class: 'hint' }, p.organization) : null] },
          { title: 'E-mail', cell: (p) => p.email },
          { title: 'Status', cell: (p) => [STATUS_LABEL[p.status] ?? p.status, p.isActive ? null : h('span', { class: 'pill warn' }, 'inactive')] },
          { title: 'QR code', cell: (p) => h('span', { class: 'mono' }, p.qrCode) },
          { title: 'Actions', cell: (p) => h('div', { class: 'row' },
            h('button', { type: 'button', class: 'secondary', 'aria-label': `Ticket of ${p.name}`, onclick: () => void ticket(p) }, 'Ticket'),
            h('button', { type: 'button', class: 'secondary', 'aria-label': `Edit ${p.name}`, onclick: () => void edit(p) }, 'Edit'),
            h('button', { type: 'button', class: 'secondary', 'aria-label': `Delete ${p.name}`, onclick: (e: Event) => {
              if (!confirmAction(`Delete ${p.name}? Their check-ins stay in the reports.`)) return;
              void run(e.currentTarget as HTMLButtonElement, () => del(`/participants/${p._id}`), 'Participant deleted').then(() => load());
            } }, 'Delete')) },
        ], r.data, search.value ? 'Nobody matches.' : 'No participants yet. Import a list or add one.'),
        r.meta ? pager(page, r.meta.totalPages, (p) => { page = p; void load(); }) : null,
        r.meta ? h('p', { class: 'hint' }, `${r.meta.total} participants`) : null);
    } catch (e) {
      failed(list, e);
    }
  }

  async function edit(p: Participant | null): Promise<void> {
    const name = h('input', { name: 'name', required: true, maxlength: '200', value: p?.name ?? '' });
    const email = h('input', { name: 'email', type: 'email', required: true, value: p?.email ?? '', autocomplete: 'off' });
    const org = h('input', { name: 'organization', maxlength: '200', value: p?.organization ?? '' });
    const phone = h('input', { name: 'phone', type: 'tel', value: p?.phone ?? '' });
    const st = h('select', { name: 'status' }, Object.entries(STATUS_LABEL).map(([v, l]) => option(v, l, (p?.status ?? 'regular') === v)));
    const active = h('input', { type: 'checkbox', name: 'isActive', checked: p?.isActive ?? true });
    const notes = h('textarea', { name: 'notes', maxlength: '500', rows: '2' });
    notes.value = p?.notes ?? '';
    const saved = await modalForm(p ? `Edit ${p.name}` : 'New participant', [
      field('Name', name), field('E-mail', email),
      h('div', { class: 'grid2' }, field('Organisation', org), field('Phone', phone)),
      field('Status', st), h('label', { class: 'check' }, active, ' Active'), field('Notes', notes),
    ], async () => {
      const body = { name: name.value.trim(), email: email.value.trim(), organization: org.value.trim() || undefined,
        phone: phone.value.trim() || undefined, status: st.value, isActive: active.checked, notes: notes.value.trim() || undefined };
      if (p) await patch(`/participants/${p._id}`, body);
      else await post('/participants', body);
    }, p ? 'Save' : 'Create');
    if (saved) await load();
  }

  async function ticket(p: Participant): Promise<void> {
    const host = h('div', { class: 'ticket' }, h('p', { class: 'hint' }, 'Loading…'));
    const promise = modalForm(`Ticket: ${p.name}`, [host], async () => window.print(), 'Print');
    try {
      const r = await get<{ qrDataUrl: string }>(`/participants/${p._id}/details`);
      const file = `ticket-${p.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
      replace(host,
        h('img', { src: r.data.qrDataUrl, alt: `QR code ${p.qrCode}` }),
        h('p', null, h('strong', null, p.name)),
        p.organization ? h('p', null, p.organization) : null,
        h('p', { class: 'mono' }, p.qrCode),
        h('a', { class: 'button no-print', href: r.data.qrDataUrl, download: file }, 'Download PNG'));
    } catch (e) {
      replace(host, h('p', { class: 'error' }, errorText(e)));
    }
    await promise;
  }

  async function importDialog(): Promise<void> {
    const file = h('input', { type: 'file', name: 'file', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', required: true });
    const sessionSel = h('select', { name: 'session' }, option('', 'No session (participants only)'));
    const preview = h('div', { 'aria-live': 'polite', 'data-testid': 'import-preview' });
    let previewed: File | null = null;
    const submitLabel = () => (previewed && previewed === file.files?.[0] ? 'Import now' : 'Preview (dry run)');
    get<Session[]>('/sessions', { limit: 100, sortBy: 'startTime', sortOrder: 'asc' })
      .then((r) => r.data.forEach((s) => sessionSel.append(option(s._id, s.name))))
      .catch(() => {});
    file.addEventListener('change', () => {
      previewed = null;
      preview.replaceChildren();
    });
    const dialogDone = modalForm('Import participants', [
      field('CSV or XLSX file (columns: name, email, organization, phone)', file),
      field('Also register them for', sessionSel),
      h('p', { class: 'hint' }, 'The first step is a dry run: it shows what would be created and which rows fail, and writes nothing.'),
      preview,
    ], async () => {
      const f = file.files?.[0];
      if (!f) throw new Error('Choose a file');
      const dry = previewed !== f;
      const form = new FormData();
      form.append('file', f, f.name);
      const path = sessionSel.value ? `/bulk/upload/sessions/${sessionSel.value}/participants` : '/bulk/upload/participants';
      const r = await request<ImportReport>('POST', path, { form, query: { dryRun: dry ? 'true' : undefined }, timeoutMs: 120000 });
      const rep = r.data;
      replace(preview,
        h('p', null, h('strong', null, dry ? 'Dry run: ' : 'Imported: '),
          `${rep.created} to create${rep.registered !== undefined ? `, ${rep.registered} registrations` : ''}, ${rep.failed} rows with errors.`),
        rep.errors?.length
          ? table('Rows with errors', [
            { title: 'Row', num: true, cell: (e) => e.row }, { title: 'E-mail', cell: (e) => e.email }, { title: 'Problem', cell: (e) => e.error },
          ], rep.errors.slice(0, 50))
          : null);
      if (dry) {
        previewed = f;
        const btn = preview.closest('form')?.querySelector('button[type=submit]');
        if (btn) btn.textContent = submitLabel();
        announce(`Dry run: ${rep.created} would be created, ${rep.failed} rows with errors. Press Import now to write them.`);
        return 'keep';
      }
      toast(`Imported ${rep.created} participants`);
      return undefined;
    }, 'Preview (dry run)');
    await dialogDone;
    await load();
  }

  void load();
  return () => clearTimeout(timer);
}
