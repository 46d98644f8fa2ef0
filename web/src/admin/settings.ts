import { h, field } from '../lib/dom';
import { errorText, get, put } from '../lib/api';
import { toast } from '../lib/page';

interface Timing {
  lateThresholdMinutes: number;
  autoOpenMinutesBefore: number;
  autoEndGraceMinutes: number;
  autoEndEnabled?: boolean;
}

export function settingsPage(main: HTMLElement): void {
  const late = h('input', { type: 'number', min: '0', max: '1440', name: 'lateThresholdMinutes', required: true });
  const open = h('input', { type: 'number', min: '0', max: '1440', name: 'autoOpenMinutesBefore', required: true });
  const grace = h('input', { type: 'number', min: '0', max: '1440', name: 'autoEndGraceMinutes', required: true });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card', 'aria-labelledby': 'timing-title' },
    h('h2', { id: 'timing-title' }, 'Timing (all sessions, unless a session sets its own)'),
    field('Late after, minutes past the start', late),
    field('Open check-in, minutes before the start', open),
    field('End sessions, minutes after their end', grace),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Save'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      await put('/settings/timing', {
        lateThresholdMinutes: Number(late.value), autoOpenMinutesBefore: Number(open.value), autoEndGraceMinutes: Number(grace.value),
      });
      toast('Settings saved');
    } catch (err) {
      error.textContent = errorText(err);
    }
  });
  main.append(h('h1', null, 'Settings'), form,
    h('section', { class: 'card section' }, h('h2', null, 'API'),
      h('p', null, 'The REST API is described at ', h('a', { href: '/api/docs' }, '/api/docs'), ' (OpenAPI).')));
  get<Timing>('/settings/timing').then((r) => {
    late.value = String(r.data.lateThresholdMinutes);
    open.value = String(r.data.autoOpenMinutesBefore);
    grace.value = String(r.data.autoEndGraceMinutes);
  }).catch((e) => (error.textContent = errorText(e)));
}
