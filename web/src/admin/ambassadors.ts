import { h, field, option, replace } from '../lib/dom';
import { get, post } from '../lib/api';
import type { Participant } from '../lib/types';
import { failed, loading, modalForm, pager, run, table } from './ui';

export function ambassadorsPage(main: HTMLElement): void {
  const tabA = h('button', { type: 'button', role: 'tab', 'aria-selected': 'true', class: 'secondary', onclick: () => show('amb') }, 'Ambassadors');
  const tabT = h('button', { type: 'button', role: 'tab', 'aria-selected': 'false', class: 'secondary', onclick: () => show('tg') }, 'Travel grants');
  const body = h('div', { role: 'tabpanel' });
  main.append(h('h1', null, 'Ambassadors and travel grants'), h('div', { class: 'tabs', role: 'tablist' }, tabA, tabT), body);

  function show(which: 'amb' | 'tg'): void {
    tabA.setAttribute('aria-selected', String(which === 'amb'));
    tabT.setAttribute('aria-selected', String(which === 'tg'));
    body.replaceChildren();
    if (which === 'amb') ambassadors(body);
    else grants(body);
  }
  show('amb');
}

function ambassadors(host: HTMLElement): void {
  const list = h('div', { 'aria-live': 'polite' });
  let page = 1;
  host.append(h('div', { class: 'toolbar' },
    h('button', { type: 'button', class: 'primary', onclick: () => void promote() }, 'Promote a participant'),
    h('button', { type: 'button', class: 'secondary', onclick: (e: Event) => void run(e.currentTarget as HTMLButtonElement,
      () => post('/participants/ambassadors/sync-all-referrals'), 'Referrals synced by organisation').then(() => load()) }, 'Sync all referrals')), list);

  async function load(): Promise<void> {
    loading(list);
    try {
      const r = await get<Participant[]>('/participants/ambassadors/search', { page, limit: 20, sortBy: 'ambassadorPoints', sortOrder: 'desc' });
      replace(list, table<Participant>('Ambassadors', [
        { title: '#', num: true, cell: (p) => String((page - 1) * 20 + r.data.indexOf(p) + 1) },
        { title: 'Ambassador', cell: (p) => [h('strong', null, p.name), h('div', { class: 'hint' }, p.organization ?? '')] },
        { title: 'Points', num: true, cell: (p) => p.ambassadorPoints ?? 0 },
        { title: 'Referrals', num: true, cell: (p) => p.referredParticipantIds?.length ?? 0 },
        { title: 'Actions', cell: (p) => h('div', { class: 'row' },
          h('button', { type: 'button', class: 'secondary', onclick: (e: Event) => void run(e.currentTarget as HTMLButtonElement,
            () => post(`/participants/${p._id}/ambassador/sync-referrals`), 'Referrals synced').then(() => load()) }, 'Sync referrals'),
          h('button', { type: 'button', class: 'secondary', onclick: (e: Event) => void run(e.currentTarget as HTMLButtonElement,
            () => post(`/participants/${p._id}/ambassador/demote`), `${p.name} demoted`).then(() => load()) }, 'Demote')) },
      ], r.data, 'No ambassadors yet.'), r.meta ? pager(page, r.meta.totalPages, (n) => { page = n; void load(); }) : null);
    } catch (e) {
      failed(list, e);
    }
  }

  async function promote(): Promise<void> {
    const who = h('input', { type: 'search', placeholder: 'Name or e-mail', autocomplete: 'off' });
    const pick = h('select', { required: true, size: '5' });
    let t = 0;
    who.addEventListener('input', () => {
      clearTimeout(t);
      t = window.setTimeout(async () => {
        const r = await get<Participant[]>('/participants', { search: who.value.trim(), limit: 20, status: 'regular' });
        replace(pick, r.data.map((p, i) => option(p._id, `${p.name} · ${p.organization ?? p.email}`, i === 0)));
      }, 200);
    });
    if (await modalForm('Promote to ambassador', [field('Find participant', who), field('Participant', pick)], async () => {
      if (!pick.value) throw new Error('Choose a participant');
      await post(`/participants/${pick.value}/ambassador/promote`);
    }, 'Promote')) await load();
  }
  void load();
}

function grants(host: HTMLElement): void {
  const status = h('select', { id: 'tg-status' }, option('', 'All'), option('pending', 'Pending', true), option('approved', 'Approved'), option('rejected', 'Rejected'));
  const stats = h('p', { class: 'hint' });
  const list = h('div', { 'aria-live': 'polite' });
  status.addEventListener('change', () => void load());
  host.append(h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: 'tg-status' }, 'Decision'), status)), stats, list);

  async function load(): Promise<void> {
    loading(list);
    try {
      const r = await get<Participant[]>('/participants/travel-grants/search', { status: status.value, limit: 50 });
      const s = await get<{ total: number; pending: number; approved: number; rejected: number }>('/participants/travel-grants/stats');
      stats.textContent = `${s.data.total} applications: ${s.data.pending} pending, ${s.data.approved} approved, ${s.data.rejected} rejected.`;
      replace(list, table<Participant>('Travel grant applications', [
        { title: 'Applicant', cell: (p) => [h('strong', null, p.name), h('div', { class: 'hint' }, p.organization ?? '')] },
        { title: 'Decision', cell: (p) => (p.travelGrantApproved === true ? h('span', { class: 'pill ok' }, 'approved')
          : p.travelGrantApproved === false ? h('span', { class: 'pill bad' }, 'rejected') : h('span', { class: 'pill warn' }, 'pending')) },
        { title: 'Actions', cell: (p) => h('div', { class: 'row' },
          h('button', { type: 'button', class: 'accept', onclick: (e: Event) => void run(e.currentTarget as HTMLButtonElement,
            () => post(`/participants/${p._id}/travel-grant/approve`), `${p.name}: approved`).then(() => load()) }, 'Approve'),
          h('button', { type: 'button', class: 'decline', onclick: (e: Event) => void run(e.currentTarget as HTMLButtonElement,
            () => post(`/participants/${p._id}/travel-grant/reject`), `${p.name}: rejected`).then(() => load()) }, 'Reject')) },
      ], r.data, 'No applications.'));
    } catch (e) {
      failed(list, e);
    }
  }
  void load();
}
