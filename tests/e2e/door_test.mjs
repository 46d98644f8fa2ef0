// The door, end to end in Debian's chromium: log in (first-run set-up when access control is
// on), create a session and import participants in the admin pages, scan a real QR code shown
// to chromium's fake camera, accept it and watch a second page (the live board) update without
// a reload; decline with a reason; a keyboard-wedge scan; an accept sent while offline (and a
// reload while offline) that reaches the server once the network is back; an accept whose
// answer is lost, retried with the same Idempotency-Key, giving exactly one check-in.
//
// Usage: node door_test.mjs path/to/admit
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { apiClient, dataUrlToBuffer, launch, qrVideo, requirements, startAdmit, steps } from './lib.mjs';

const binary = process.argv[2];
if (!binary) {
  console.error('usage: node door_test.mjs ADMIT_BINARY');
  process.exit(2);
}
const webRoot = await requirements();
const server = await startAdmit(binary, { auth: true, webRoot });
const api = apiClient(server.url);
const USER = 'door-admin';
const PASSWORD = 'correct horse battery';
const SESSION = 'Opening keynote';
const people = [
  ['Alice Example', 'alice@example.org', 'ACME'],
  ['Bob Example', 'bob@example.org', 'ACME'],
  ['Carol Example', 'carol@example.org', 'Initech'],
  ['Dave Example', 'dave@example.org', 'Initech'],
];
let adminBrowser;
let doorBrowser;
let storageState;
let sessionId;
const byName = {};

const T = 15000;

// Opens a page of the app through the login form, so the page holds the login's token for its
// Socket.IO handshake (with access control off it simply opens the page).
async function signIn(page, route) {
  if (!server.authSupported) {
    await page.goto(`${server.url}${route}`);
    return;
  }
  await page.goto(`${server.url}/login?next=${encodeURIComponent(route)}`);
  await page.getByLabel('User name').fill(USER);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`**${route}`, { timeout: T });
}

async function checkInsOf(participantId) {
  const r = await api.get(`/checkin?sessionId=${sessionId}&participantId=${participantId}`);
  return r.data.length;
}

const ok = await steps([
  ['log in (first-run set-up, log out, log in again)', async () => {
    adminBrowser = await launch();
    const context = await adminBrowser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    if (!server.authSupported) {
      console.log('     (this admit has no access control: the login steps are skipped)');
      await page.goto(`${server.url}/scan`);
      storageState = await context.storageState();
      await context.close();
      return;
    }
    assert.ok(server.setupUrl, `admit logged no set-up link:\n${server.log().slice(-2000)}`);
    await page.goto(server.setupUrl);
    await page.getByLabel('User name').fill(USER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create and log in' }).click();
    await page.waitForURL('**/scan', { timeout: T });
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login**', { timeout: T });
    await page.getByLabel('User name').fill(USER);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor({ timeout: T });
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText(`${USER} · admin`).waitFor({ timeout: T });
    storageState = await context.storageState();
    await api.login(USER, PASSWORD);
    await context.close();
  }],

  ['create a session in the admin page', async () => {
    const context = await adminBrowser.newContext({ storageState, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/sessions`);
    await page.getByRole('button', { name: 'New session' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill(SESSION);
    await dialog.getByLabel('Room / location').fill('Hall A');
    await dialog.getByLabel('Capacity').fill('50');
    await dialog.getByLabel('Open for check-in now').check();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.locator('td strong', { hasText: SESSION }).waitFor({ timeout: T });
    const r = await api.get(`/sessions?search=${encodeURIComponent(SESSION)}`);
    assert.equal(r.data.length, 1);
    sessionId = r.data[0]._id;
    assert.equal(r.data[0].isOpen, true);
    assert.equal(r.data[0].capacity, 50);
    await context.close();
  }],

  ['import participants with a dry-run preview first', async () => {
    const context = await adminBrowser.newContext({ storageState, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/participants`);
    await page.getByRole('button', { name: 'Import CSV / XLSX' }).click();
    const dialog = page.getByRole('dialog');
    const csv = ['name,email,organization', ...people.map((p) => p.join(',')), 'No Email,,Broken'].join('\n');
    await dialog.getByLabel(/CSV or XLSX file/).setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog.getByLabel('Also register them for').selectOption(sessionId);
    await dialog.getByRole('button', { name: 'Preview (dry run)' }).click();
    await dialog.getByTestId('import-preview').getByText('Dry run:').waitFor({ timeout: T });
    const preview = await dialog.getByTestId('import-preview').innerText();
    assert.match(preview, /4 to create/);
    assert.match(preview, /1 rows with errors/);
    const before = await api.get('/participants');
    assert.equal(before.data.length, 0, 'the dry run wrote nothing');
    await dialog.getByRole('button', { name: 'Import now' }).click();
    await page.getByRole('cell', { name: 'dave@example.org' }).waitFor({ timeout: T });
    for (const [name, email] of people) {
      const r = await api.get(`/participants?search=${encodeURIComponent(email)}`);
      assert.equal(r.data.length, 1, email);
      byName[name] = r.data[0];
    }
    const regs = await api.get(`/registrations?sessionId=${sessionId}&status=confirmed`);
    assert.equal(regs.data.length, 4);
    await context.close();
  }],

  ['scan a QR code from the camera, accept it, and see the board update live', async () => {
    const alice = byName['Alice Example'];
    const details = await api.get(`/participants/${alice._id}/details`);
    const video = qrVideo(dataUrlToBuffer(details.data.qrDataUrl), path.join(server.dir, 'alice.y4m'));
    doorBrowser = await launch({ video });
    const context = await doorBrowser.newContext({ storageState, viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['camera'], { origin: server.url });
    const board = await context.newPage();
    await signIn(board, '/board');
    await board.locator('main[data-live="1"]').waitFor({ timeout: T });
    await board.locator(`[data-session="${sessionId}"]`).waitFor({ timeout: T });
    await board.evaluate(() => { window.__sameDocument = true; });

    const door = await context.newPage();
    await signIn(door, '/scan');
    await door.getByLabel('Door / session').selectOption(sessionId);
    await door.getByRole('button', { name: 'Start camera' }).click();
    const verdict = door.locator('section.verdict');
    await verdict.and(door.locator('[data-badge="REGISTERED"]')).waitFor({ timeout: 20000 });
    assert.match(await verdict.innerText(), /Alice Example/);
    await verdict.getByRole('button', { name: 'Check In' }).click();
    await door.locator('section.verdict[data-outcome="accepted"]').waitFor({ timeout: T });
    await door.getByRole('button', { name: 'Stop camera' }).click();

    await board.getByTestId('feed').getByText('Alice Example').waitFor({ timeout: T });
    await board.locator(`[data-session="${sessionId}"] [data-testid="count"]`).filter({ hasText: '1 / 50' }).waitFor({ timeout: T });
    assert.equal(await board.evaluate(() => window.__sameDocument), true, 'the board was not reloaded');
    assert.equal(await checkInsOf(alice._id), 1);
    await door.close();
    await board.close();
    await context.close();
  }],

  ['decline with a reason after a search by name', async () => {
    const context = await doorBrowser.newContext({ storageState, viewport: { width: 360, height: 780 } });
    const board = await context.newPage();
    await signIn(board, '/board');
    await board.locator('main[data-live="1"]').waitFor({ timeout: T });
    const door = await context.newPage();
    await signIn(door, '/scan');
    await door.getByLabel('Door / session').selectOption(sessionId);
    await door.getByLabel('Scan, type a code, or search').fill('Bob');
    await door.getByLabel('Scan, type a code, or search').press('Enter');
    await door.getByRole('button', { name: /Bob Example/ }).click();
    const verdict = door.locator('section.verdict[data-badge="REGISTERED"]');
    await verdict.waitFor({ timeout: T });
    await verdict.getByRole('button', { name: 'Decline' }).click();
    const dialog = door.getByRole('dialog', { name: 'Decline entry' });
    await dialog.getByRole('button', { name: 'Wrong session or door' }).click();
    await dialog.getByRole('button', { name: 'Decline entry' }).click();
    await door.locator('section.verdict[data-outcome="declined"]').waitFor({ timeout: T });
    const attempts = await api.get(`/checkin/attempts?sessionId=${sessionId}`);
    assert.equal(attempts.data.length, 1);
    assert.equal(attempts.data[0].reason, 'Wrong session or door');
    assert.equal(attempts.data[0].status, 'declined');
    await board.getByTestId('feed').locator('li.declined', { hasText: 'Bob Example' }).waitFor({ timeout: T });
    assert.equal(await checkInsOf(byName['Bob Example']._id), 0);
    await context.close();
  }],

  ['a keyboard-wedge scan, then an accept made offline, kept across a reload, sent once back online', async () => {
    const carol = byName['Carol Example'];
    const context = await doorBrowser.newContext({ storageState, viewport: { width: 360, height: 780 } });
    const door = await context.newPage();
    await signIn(door, '/scan');
    // Once the service worker controls the page, a reload works without a network.
    await door.evaluate(() => navigator.serviceWorker.ready);
    await door.reload();
    await door.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: T });
    await door.getByLabel('Door / session').selectOption(sessionId);
    // A wedge is a keyboard that types the code and Enter within milliseconds, wherever the
    // focus is: here on the page body. The keys are dispatched inside the page so that a
    // loaded test machine cannot stretch them into human typing speed.
    await door.locator('h2.small-title').first().click();
    await door.evaluate((code) => {
      const target = document.activeElement ?? document.body;
      for (const key of [...code, 'Enter']) {
        target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      }
    }, carol.qrCode);
    const verdict = door.locator('section.verdict[data-badge="REGISTERED"]');
    await verdict.filter({ hasText: 'Carol Example' }).waitFor({ timeout: T });

    await context.setOffline(true);
    await verdict.getByRole('button', { name: 'Check In' }).click();
    await door.locator('section.verdict[data-outcome="pending"]').waitFor({ timeout: T });
    await door.getByTestId('pending-list').getByText(/accept · Carol Example/).waitFor({ timeout: T });
    assert.equal(await checkInsOf(carol._id), 0);
    await door.reload();
    await door.getByTestId('pending-list').getByText(/accept · Carol Example/).waitFor({ timeout: T });

    await context.setOffline(false);
    await door.getByTestId('pending-list').waitFor({ state: 'detached', timeout: 20000 });
    assert.equal(await checkInsOf(carol._id), 1);
    await context.close();
  }],

  ['an accept whose answer is lost is retried with the same Idempotency-Key: one check-in', async () => {
    const dave = byName['Dave Example'];
    const context = await doorBrowser.newContext({ storageState, viewport: { width: 1280, height: 800 } });
    const door = await context.newPage();
    await signIn(door, '/scan');
    await door.getByLabel('Door / session').selectOption(sessionId);
    await door.getByLabel('Scan, type a code, or search').fill(dave.qrCode);
    await door.getByLabel('Scan, type a code, or search').press('Enter');
    const verdict = door.locator('section.verdict[data-badge="REGISTERED"]');
    await verdict.filter({ hasText: 'Dave Example' }).waitFor({ timeout: T });
    const keys = [];
    const statuses = [];
    door.on('response', (r) => { if (r.url().endsWith('/checkin/accept')) statuses.push(r.status()); });
    await door.route('**/api/v1/checkin/accept', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length === 1) {
        await route.fetch(); // the server records the check-in...
        await route.abort('connectionreset'); // ...and its answer never arrives
      } else {
        await route.continue();
      }
    });
    await verdict.getByRole('button', { name: 'Check In' }).click();
    await door.locator('section.verdict[data-outcome="accepted"]').waitFor({ timeout: 20000 });
    assert.ok(keys.length >= 2, 'the accept was retried');
    assert.ok(keys[0] && keys.every((k) => k === keys[0]), `one key for every attempt: ${keys}`);
    assert.equal(await checkInsOf(dave._id), 1);
    console.log(`     retry answered ${statuses.join(', ')} (201: replayed by the server's idempotency store; 409: no store, duplicate refused)`);
    await context.close();
  }],
]);

await adminBrowser?.close();
await doorBrowser?.close();
if (!ok) {
  const log = server.log();
  console.log(`--- admit log (last lines) ---\n${log.split('\n').slice(-30).join('\n')}`);
}
server.stop();
console.log(ok ? 'all passed' : 'failed');
process.exit(ok ? 0 : 1);
