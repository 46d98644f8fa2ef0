'use strict';
// Without `npm ci` here there is no client to test with: exit 77, which ctest reports as skipped.
if (!require('node:fs').existsSync(require('node:path').join(__dirname, 'node_modules', 'socket.io-client'))) {
  console.log('socket.io-client is not installed (run npm ci in tests/realtime): skipped');
  process.exit(77);
}

// A tiny test runner: each named async function is a test with a deadline; exit status 1 on failure.

function once(emitter, event, all = false) {
  return new Promise((resolve) => emitter.once(event, (...args) => resolve(all ? args : args[0])));
}

function withTimeout(promise, ms, what = 'operation') {
  let timer;
  const deadline = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms); });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function run(tests, { timeoutMs = 20000 } = {}) {
  let failed = 0;
  const only = process.env.ONLY;
  for (const [name, fn] of Object.entries(tests)) {
    if (only && !name.includes(only)) continue;
    const start = Date.now();
    try {
      await withTimeout(fn(), timeoutMs, name);
      console.log(`ok   ${name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
    }
  }
  console.log(failed ? `${failed} failed` : 'all passed');
  process.exit(failed ? 1 : 0);
}

module.exports = { once, withTimeout, run };

// Starts the admit binary on a free port with a temporary data directory; resolves {port, url, stop}.
async function startServer(binary, args = []) {
  const { spawn } = require('node:child_process');
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-rt-'));
  const portFile = path.join(dir, 'port');
  const data = args[0] === 'serve' ? ['--data', path.join(dir, 'data')] : [];
  const child = spawn(binary, [...args, ...data, '--port', '0', '--port-file', portFile], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 10000;
  while (!fs.existsSync(portFile) || fs.readFileSync(portFile, 'utf8').trim() === '') {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('admit did not start');
    await new Promise((r) => setTimeout(r, 20));
  }
  const port = Number(fs.readFileSync(portFile, 'utf8').trim());
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    dir,
    stop() {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports.startServer = startServer;
