// Shared by the browser tests and the UI benchmark: start admit with the built web UI, talk
// to its API, make fake-camera videos, and launch Debian's chromium through playwright-core.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '..', '..');
export const CHROMIUM = process.env.ADMIT_CHROMIUM ?? '/usr/bin/chromium';

// Exit 77 (ctest: skipped) when something the test needs is not installed, saying what.
export async function requirements() {
  const missing = [];
  if (!fs.existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM}; apt-get install chromium)`);
  if (!fs.existsSync(path.join(here, 'node_modules', 'playwright-core'))) missing.push('playwright-core (npm ci in tests/e2e)');
  const webRoot = process.env.ADMIT_WEB_ROOT ?? path.join(repo, 'web', 'dist');
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) missing.push(`the built web UI (${webRoot}; cd web && npm ci && npm run build)`);
  if (missing.length) {
    console.log(`skipped, missing: ${missing.join(', ')}`);
    process.exit(77);
  }
  return webRoot;
}

function serveFlags(binary) {
  try {
    return execFileSync(binary, ['serve', '--help'], { encoding: 'utf8' });
  } catch (e) {
    return String(e.stdout ?? '');
  }
}

// Starts `admit serve` on a free port with a temporary store. With auth: true (and a binary
// that has access control) it resolves the one-time set-up URL the server logs.
export async function startAdmit(binary, { auth = false, webRoot, extra = [] } = {}) {
  const help = serveFlags(binary);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-e2e-'));
  const portFile = path.join(dir, 'port');
  const args = ['serve', '--data', path.join(dir, 'data'), '--port', '0', '--port-file', portFile, '--log-level', 'info'];
  if (help.includes('--web-root')) args.push('--web-root', webRoot);
  const authSupported = help.includes('--auth');
  if (authSupported) args.push('--auth', auth ? 'on' : 'off');
  if (help.includes('--rate-limit')) args.push('--rate-limit', 'off');
  args.push(...extra);
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => {
    log += d.toString();
    if (process.env.ADMIT_E2E_LOG) process.stderr.write(d);
  });
  const deadline = Date.now() + 15000;
  while (!fs.existsSync(portFile) || fs.readFileSync(portFile, 'utf8').trim() === '') {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`admit did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const port = Number(fs.readFileSync(portFile, 'utf8').trim());
  const url = `http://127.0.0.1:${port}`;
  let setupUrl = null;
  if (auth && authSupported) {
    const until = Date.now() + 5000;
    while (!setupUrl && Date.now() < until) {
      const m = log.match(/https?:\/\/[^\s"]+\/setup\?token=[A-Za-z0-9_\-.%]+/);
      if (m) setupUrl = m[0].replace(/^https?:\/\/[^/]+/, url);
      else await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url, port, dir, authSupported, setupUrl,
    log: () => log,
    stop() {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A small API client; after login() it sends the bearer token.
export function apiClient(base) {
  let token = null;
  async function call(method, p, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await fetch(`${base}/api/v1${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not json */ }
    if (!res.ok) throw new Error(`${method} ${p} -> ${res.status}: ${text.slice(0, 300)}`);
    return json;
  }
  return {
    call,
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b ?? {}),
    async login(username, password) {
      const r = await call('POST', '/auth/login', { username, password });
      token = r.data.token;
    },
  };
}

export function qrVideo(pngBuffer, out, opts = {}) {
  const png = `${out}.png`;
  fs.writeFileSync(png, pngBuffer);
  const args = [path.join(here, 'make_qr_video.py'), png, out];
  if (opts.leadIn) args.push('--lead-in', String(opts.leadIn));
  if (opts.show) args.push('--show', String(opts.show));
  if (opts.fps) args.push('--fps', String(opts.fps));
  execFileSync('/usr/bin/python3', args);
  return out;
}

export async function launch({ video } = {}) {
  const { chromium } = await import('playwright-core');
  const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
  if (video) args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args });
}

export function dataUrlToBuffer(dataUrl) {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

// The tiny runner the node tests of this repository share: named steps, first failure stops.
export async function steps(list) {
  for (const [name, fn] of list) {
    const t = Date.now();
    try {
      await fn();
      console.log(`ok   ${name} (${Date.now() - t} ms)`);
    } catch (e) {
      console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
      return false;
    }
  }
  return true;
}
