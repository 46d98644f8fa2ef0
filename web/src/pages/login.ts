import { h, field } from '../lib/dom';
import { login, setup } from '../lib/auth';
import { errorText } from '../lib/api';
import { navigate } from '../lib/page';

function safeNext(params: URLSearchParams): string {
  const next = params.get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function loginPage(main: HTMLElement, params: URLSearchParams, onLogin: () => Promise<void>): void {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Log in');
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Log in to admit'),
    field('User name', username),
    field('Password', password),
    error,
    submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    try {
      await login(username.value.trim(), password.value);
      await onLogin();
      navigate(safeNext(params), true);
    } catch (err) {
      error.textContent = errorText(err);
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  main.append(form);
  username.focus();
}

export function setupPage(main: HTMLElement, params: URLSearchParams): void {
  const token = h('input', { name: 'token', required: true, value: params.get('token') ?? '', autocomplete: 'off' });
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, value: 'admin' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: '8' });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'setup-title' },
    h('h1', { id: 'setup-title' }, 'Create the first administrator'),
    h('p', null, 'admit printed a one-time set-up link in its log when it started. Its token goes here.'),
    field('Set-up token', token),
    field('User name', username),
    field('Password', password, 'At least 8 characters.'),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Create and log in'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      await setup(token.value.trim(), username.value.trim(), password.value);
      navigate('/scan', true);
    } catch (err) {
      error.textContent = errorText(err);
    }
  });
  main.append(form);
  (token.value ? username : token).focus();
}
