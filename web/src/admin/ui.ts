import { h, replace } from '../lib/dom';
import { errorText } from '../lib/api';
import { toast } from '../lib/page';

export interface Column<T> {
  title: string;
  cell: (row: T) => Node | string | number | null | (Node | string | null)[];
  num?: boolean;
}

export function table<T>(caption: string, columns: Column<T>[], rows: T[], empty = 'Nothing here yet.'): HTMLElement {
  if (!rows.length) return h('p', { class: 'hint' }, empty);
  return h('div', { class: 'table-wrap' },
    h('table', null,
      h('caption', { class: 'sr-only' }, caption),
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : '' }, c.title)))),
      h('tbody', null, rows.map((r) => h('tr', null, columns.map((c) => h('td', { class: c.num ? 'num' : '', 'data-label': c.title }, h('div', { class: 'cell' }, c.cell(r)))))))));
}

// A modal form: resolves true when it was submitted and `save` succeeded, false on cancel.
// `save` may answer 'keep' to leave the dialog open (a dry run shown before the real import).
export function modalForm(title: string, body: Node[], save: () => Promise<void | 'keep'>, saveLabel = 'Save'): Promise<boolean> {
  return new Promise((resolve) => {
    const error = h('p', { class: 'error', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'primary' }, saveLabel);
    const titleId = `dlg-${Math.random().toString(36).slice(2)}`;
    const form = h('form', null, h('h2', { id: titleId }, title), body, error,
      h('div', { class: 'actions' }, submit, h('button', { type: 'button', class: 'secondary', onclick: () => { dialog.close(); } }, 'Cancel')));
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId }, form);
    let saved = false;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      submit.disabled = true;
      error.textContent = '';
      try {
        if ((await save()) === 'keep') return;
        saved = true;
        dialog.close();
      } catch (err) {
        error.textContent = errorText(err);
      } finally {
        submit.disabled = false;
      }
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(saved);
    });
    document.body.append(dialog);
    dialog.showModal();
    (form.querySelector('input, select, textarea') as HTMLElement | null)?.focus();
  });
}

export function confirmAction(question: string): boolean {
  return window.confirm(question);
}

// Runs an action from a button, with the button disabled meanwhile and the outcome toasted.
export async function run(button: HTMLButtonElement | null, action: () => Promise<unknown>, done?: string): Promise<boolean> {
  if (button) button.disabled = true;
  try {
    await action();
    if (done) toast(done);
    return true;
  } catch (e) {
    toast(errorText(e), 'error');
    return false;
  } finally {
    if (button) button.disabled = false;
  }
}

export function loading(host: HTMLElement): void {
  replace(host, h('p', { class: 'hint', role: 'status' }, 'Loading…'));
}

export function failed(host: HTMLElement, e: unknown): void {
  replace(host, h('p', { class: 'error', role: 'alert' }, errorText(e)));
}

export function pager(page: number, totalPages: number, go: (p: number) => void): HTMLElement {
  return h('div', { class: 'row section' },
    h('button', { type: 'button', class: 'secondary', disabled: page <= 1, onclick: () => go(page - 1) }, '← Previous'),
    h('span', null, `Page ${page} of ${Math.max(1, totalPages)}`),
    h('button', { type: 'button', class: 'secondary', disabled: page >= totalPages, onclick: () => go(page + 1) }, 'Next →'));
}
