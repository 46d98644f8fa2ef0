import { h, field, option, replace } from '../lib/dom';
import { del, get, patch, post } from '../lib/api';
import { auth } from '../lib/auth';
import { dateTime } from '../lib/format';
import { confirmAction, failed, loading, modalForm, run, table } from './ui';

interface UserRow {
  id: string;
  username: string;
  role: 'admin' | 'staff' | 'viewer';
  disabled?: boolean;
  createdAt?: string;
}

const ROLES = [['admin', 'Admin: everything'], ['staff', 'Staff: scanning, participants'], ['viewer', 'Viewer: board and reports']] as const;

export function usersPage(main: HTMLElement): void {
  const list = h('div', { 'aria-live': 'polite' });
  main.append(h('h1', null, 'User accounts'));
  if (!auth.authEnabled) {
    main.append(h('p', { class: 'card' }, 'Access control is off (admit was started with --auth off): everyone is an administrator. Start admit with --auth on to use accounts.'));
    return;
  }
  main.append(h('div', { class: 'toolbar' }, h('button', { type: 'button', class: 'primary', onclick: () => void create() }, 'New account')), list);

  async function load(): Promise<void> {
    loading(list);
    try {
      const r = await get<UserRow[]>('/users');
      replace(list, table<UserRow>('Users', [
        { title: 'User', cell: (u) => [h('strong', null, u.username), u.id === auth.user?.id ? h('span', { class: 'pill ok' }, 'you') : null] },
        { title: 'Role', cell: (u) => {
          const sel = h('select', { 'aria-label': `Role of ${u.username}` }, ROLES.map(([v]) => option(v, v, v === u.role)));
          sel.addEventListener('change', () => void run(null, () => patch(`/users/${u.id}`, { role: sel.value }), 'Role changed'));
          return sel;
        } },
        { title: 'State', cell: (u) => (u.disabled ? h('span', { class: 'pill bad' }, 'disabled') : h('span', { class: 'pill ok' }, 'active')) },
        { title: 'Created', cell: (u) => dateTime(u.createdAt) },
        { title: 'Actions', cell: (u) => h('div', { class: 'row' },
          h('button', { type: 'button', class: 'secondary', onclick: (e: Event) => void run(e.currentTarget as HTMLButtonElement,
            () => patch(`/users/${u.id}`, { disabled: !u.disabled }), u.disabled ? 'Enabled' : 'Disabled').then(() => load()) }, u.disabled ? 'Enable' : 'Disable'),
          h('button', { type: 'button', class: 'secondary', onclick: () => void password(u) }, 'Set password'),
          h('button', { type: 'button', class: 'secondary', onclick: (e: Event) => {
            if (!confirmAction(`Delete the account ${u.username}?`)) return;
            void run(e.currentTarget as HTMLButtonElement, () => del(`/users/${u.id}`), 'Account deleted').then(() => load());
          } }, 'Delete')) },
      ], r.data));
    } catch (e) {
      failed(list, e);
    }
  }

  async function create(): Promise<void> {
    const username = h('input', { name: 'username', required: true, autocomplete: 'off' });
    const pw = h('input', { name: 'password', type: 'password', required: true, minlength: '8', autocomplete: 'new-password' });
    const role = h('select', { name: 'role' }, ROLES.map(([v, l]) => option(v, l, v === 'staff')));
    if (await modalForm('New account', [field('User name', username), field('Password', pw, 'At least 8 characters.'), field('Role', role)],
      async () => { await post('/users', { username: username.value.trim(), password: pw.value, role: role.value }); }, 'Create')) await load();
  }

  async function password(u: UserRow): Promise<void> {
    const pw = h('input', { name: 'password', type: 'password', required: true, minlength: '8', autocomplete: 'new-password' });
    await modalForm(`Password of ${u.username}`, [field('New password', pw)], async () => { await patch(`/users/${u.id}`, { password: pw.value }); });
  }

  void load();
}
