// Web UI benchmark (figures in docs/performance.md), in Debian's chromium via playwright-core
// from tests/e2e (npm ci there first):
//   1. the scanner's JavaScript on first load, gzipped (the WebAssembly decoder is counted
//      apart: it is only fetched where the browser has no native QR detector);
//   2. QR-to-verdict latency: a QR code appears in chromium's fake camera (a Y4M video: 1.5 s
//      blank, 1 s code, looped); a probe injected into the page notes the time of the first
//      video frame that shows the code, and the time of the first animation frame after the
//      verdict card changed; the difference over >= 20 appearances, p50/p95/max;
//   3. first load of /scan on DevTools' "Fast 3G" profile (cold cache), until the scanner is
//      usable (sessions listed, verdict area shown).
//
// Usage: node bench/ui_bench.mjs build/admit [--scans N]
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { apiClient, dataUrlToBuffer, launch, qrVideo, requirements, startAdmit } from '../tests/e2e/lib.mjs';

const binary = process.argv[2];
const scans = Number(process.argv[process.argv.indexOf('--scans') + 1]) || 24;
const webRoot = await requirements();

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// ---- 1. bundle size ----------------------------------------------------------------------
const index = fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8');
const initial = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const gz = (file) => gzipSync(fs.readFileSync(path.join(webRoot, file))).length;
const assets = fs.readdirSync(path.join(webRoot, 'assets'));
const sizes = { js: 0, css: 0 };
for (const f of initial) sizes[f.endsWith('.js') ? 'js' : 'css'] += gz(f);
const wasmJs = assets.filter((f) => f.startsWith('wasm_decoder') && f.endsWith('.js')).map((f) => gz(`/assets/${f}`)).reduce((a, b) => a + b, 0);
const wasm = assets.filter((f) => f.endsWith('.wasm'));
const wasmGz = wasm.map((f) => gz(`/assets/${f}`)).reduce((a, b) => a + b, 0);
console.log(`scanner first load: JS ${(sizes.js / 1024).toFixed(1)} kB gz, CSS ${(sizes.css / 1024).toFixed(1)} kB gz (${initial.join(', ')})`);
console.log(`WebAssembly decoder (only without a native detector): glue ${(wasmJs / 1024).toFixed(1)} kB gz + ${wasm.join(', ')} ${(wasmGz / 1024).toFixed(1)} kB gz`);

// ---- 2. QR-to-verdict latency ------------------------------------------------------------
const server = await startAdmit(binary, { auth: false, webRoot });
const api = apiClient(server.url);
const start = new Date(Date.now() + 3600000).toISOString();
const end = new Date(Date.now() + 7200000).toISOString();
const session = (await api.post('/sessions', { name: 'Bench door', startTime: start, endTime: end, isOpen: true })).data;
const person = (await api.post('/participants', { name: 'Bench Person', email: 'bench@example.org' })).data;
await api.post('/registrations', { participantId: person._id, sessionId: session._id, status: 'confirmed' });
const details = await api.get(`/participants/${person._id}/details`);
const video = qrVideo(dataUrlToBuffer(details.data.qrDataUrl), path.join(server.dir, 'bench.y4m'));

const browser = await launch({ video });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
await context.grantPermissions(['camera'], { origin: server.url });
const page = await context.newPage();
await page.goto(`${server.url}/scan`);
await page.getByLabel('Door / session').selectOption(session._id);
await page.getByRole('button', { name: 'Start camera' }).click();
await page.locator('.camera-note', { hasText: 'Scanning' }).waitFor({ timeout: 20000 });
const decoderKind = (await page.locator('.camera-note').innerText()).trim();
await page.evaluate(() => {
  const video = document.querySelector('video.camera');
  const canvas = document.createElement('canvas');
  canvas.width = 24;
  canvas.height = 24;
  const g = canvas.getContext('2d', { willReadFrequently: true });
  const probe = (window.__probe = { appear: [], shown: [] });
  let showing = false;
  // A blank frame is one flat colour; a frame with the code is black and white.
  const onFrame = (now) => {
    g.drawImage(video, 0, 0, 24, 24);
    const px = g.getImageData(0, 0, 24, 24).data;
    let min = 255;
    let max = 0;
    for (let i = 0; i < px.length; i += 4) {
      min = Math.min(min, px[i]);
      max = Math.max(max, px[i]);
    }
    const code = max - min > 60;
    if (code && !showing) probe.appear.push(now);
    showing = code;
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  const card = document.querySelector('section.verdict');
  new MutationObserver(() => {
    // "checking" is the card between a scan and its verdict: not a verdict yet.
    if (card.dataset.badge && !card.classList.contains('checking')) requestAnimationFrame((t) => probe.shown.push(t));
  }).observe(card, { attributes: true, attributeFilter: ['data-badge', 'class'], childList: true });
});
const deadline = Date.now() + (scans + 6) * 2600;
while (Date.now() < deadline) {
  const n = await page.evaluate(() => window.__probe.shown.length);
  if (n >= scans + 1) break;
  await page.waitForTimeout(500);
}
const { appear, shown } = await page.evaluate(() => window.__probe);
const latencies = [];
for (const a of appear.slice(1)) {
  // The first appearance may predate the probe; each later one is paired with the first verdict after it.
  const s = shown.find((t) => t >= a);
  if (s !== undefined && s - a < 2400) latencies.push(s - a);
}
latencies.sort((a, b) => a - b);
const missed = appear.length - 1 - latencies.length;
console.log(`QR-to-verdict (${decoderKind}): n=${latencies.length} (missed ${missed}) p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms, max ${latencies.at(-1).toFixed(0)} ms`);
await browser.close();

// ---- 3. Fast 3G first load ----------------------------------------------------------------
// DevTools' "Fast 3G" (front_end/core/sdk/NetworkManager.ts): 1.6 Mbit/s x 0.9 down
// (180,000 B/s), 750 kbit/s x 0.9 up (84,375 B/s), 150 ms x 3.75 = 562.5 ms latency.
const plain = await launch();
const loads = [];
for (let run = 0; run < 3; run++) {
  const ctx = await plain.newContext({ viewport: { width: 360, height: 780 } });
  const p = await ctx.newPage();
  const cdp = await ctx.newCDPSession(p);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: 180000, uploadThroughput: 84375 });
  const t0 = Date.now();
  await p.goto(`${server.url}/scan`, { waitUntil: 'commit' });
  await p.locator('select[name="session"] option[value]:not([value=""])').first().waitFor({ state: 'attached', timeout: 30000 });
  await p.locator('section.verdict').waitFor();
  loads.push(Date.now() - t0);
  const bytes = await p.evaluate(() => performance.getEntriesByType('resource').reduce((n, e) => n + (e.transferSize || 0), 0)
    + (performance.getEntriesByType('navigation')[0]?.transferSize || 0));
  if (run === 0) console.log(`Fast 3G: ${Math.round(bytes / 1024)} kB transferred on first load`);
  await ctx.close();
}
loads.sort((a, b) => a - b);
console.log(`Fast 3G first load of /scan until usable: ${loads.map((l) => `${l} ms`).join(', ')} (median ${loads[1]} ms)`);
await plain.close();
server.stop();
