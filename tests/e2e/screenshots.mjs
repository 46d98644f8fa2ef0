// Screenshots of every page of the web UI at phone (360x780) and desktop (1280x800) width,
// into docs/screenshots/<page>-phone.png and -desktop.png, from admit's demo event with a few
// check-ins made through the API. Run by scripts/screenshots.sh.
//
// Usage: node screenshots.mjs ADMIT_BINARY [OUT_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { apiClient, launch, repo, requirements, startAdmit } from './lib.mjs';

const binary = process.argv[2];
const out = process.argv[3] ?? path.join(repo, 'docs', 'screenshots');
const webRoot = await requirements();
fs.mkdirSync(out, { recursive: true });

const server = await startAdmit(binary, { auth: true, webRoot, extra: ['--seed-demo'] });
const api = apiClient(server.url);
const USER = 'organiser';
const PASSWORD = 'screenshots only';
if (server.authSupported) {
  const token = new URL(server.setupUrl).searchParams.get('token');
  await api.post('/auth/setup', { token, username: USER, password: PASSWORD });
  await api.login(USER, PASSWORD);
}

// Some life on the board: open sessions with a few people in them and one decline.
const sessions = (await api.get('/sessions?limit=3&sortBy=startTime&sortOrder=asc')).data;
for (const [n, s] of sessions.entries()) {
  await api.call('PATCH', `/sessions/${s._id}`, { isOpen: true, capacity: [0, 12, 40][n] ?? 0 });
}
const people = (await api.get('/participants?limit=30')).data;
let i = 0;
for (const s of sessions.slice(0, 3)) {
  for (const p of people.slice(i, i + 7)) {
    await api.post('/checkin/accept', { participantId: p._id, sessionId: s._id }).catch(() => {});
  }
  i += 7;
}
if (sessions[0] && people[25]) {
  await api.post('/checkin/decline', { participantId: people[25]._id, sessionId: sessions[0]._id, reason: 'No valid ID' });
}

const browser = await launch();
const pages = [
  ['scanner', '/scan'],
  ['board', '/board'],
  ['sessions', '/admin/sessions'],
  ['participants', '/admin/participants'],
  ['registrations', '/admin/registrations'],
  ['ambassadors', '/admin/ambassadors'],
  ['reports', '/reports'],
  ['settings', '/admin/settings'],
  ['users', '/admin/users'],
];
const widths = [['phone', 360, 780], ['desktop', 1280, 800]];

for (const [label, width, height] of widths) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.waitForTimeout(300);
  if (server.authSupported) {
    await page.screenshot({ path: path.join(out, `login-${label}.png`) });
    await page.getByLabel('User name').fill(USER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/scan');
  }
  for (const [name, route] of pages) {
    // Within the app, as a user clicks: the page keeps its login (and its live connection).
    await page.evaluate((r) => {
      history.pushState(null, '', r);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, route);
    await page.waitForLoadState('networkidle').catch(() => {});
    if (name === 'scanner' && sessions[0]) {
      await page.getByLabel('Door / session').selectOption(sessions[0]._id);
      const who = people[20] ?? people[0];
      await page.getByLabel('Scan, type a code, or search').fill(who.qrCode);
      await page.getByLabel('Scan, type a code, or search').press('Enter');
      await page.locator('section.verdict[data-badge]').waitFor();
    }
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(out, `${name}-${label}.png`) });
  }
  // The scanner and the board in the dark theme, for dim rooms.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => {
    history.pushState(null, '', '/board');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(out, `board-dark-${label}.png`) });
  await context.close();
}
await browser.close();
server.stop();
console.log(`screenshots in ${out}`);
