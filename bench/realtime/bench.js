'use strict';
// Realtime broadcast benchmark: admit's Socket.IO server vs. npm's socket.io server, in one run.
// For each server: N WebSocket clients (socket.io-client, transports ["websocket"]) connect to namespace
// /realtime in batches and subscribe to room `sessions`; then CHECKINS check-ins are sent over HTTP,
// INTERVAL ms apart (admit: POST /api/v1/checkin/accept; socket.io: POST /emit, which emits the same
// three events), and every `sessions:checkin` delivery is timed: receive time - time the HTTP request
// was sent (CLOCK_MONOTONIC in all processes). The server's VmRSS is read with the clients connected.
// Usage: node bench.js [--clients 10000] [--checkins 20] [--interval 200] [--batch 500] [--client native|raw|sio]
//                      [--native ../../build/realtime_load] [--native-threads 1] [--native-args '--read-chunk 7']
//                      [--workers 4 (raw, sio)]
//                      [--servers admit,socketio] [--admit ../../build/admit] [--admit-args ';--threads 2' (variants)]
//                      [--pin-server CPUS] [--pin-clients CPUS] [--json FILE]
// Run through run.sh (raises the fd limit). Everything listens on 127.0.0.1 and stops by itself.
const { spawn, fork, execFileSync } = require('node:child_process');
const { EventEmitter } = require('node:events');
const readline = require('node:readline');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const args = { clients: 10000, checkins: 20, interval: 200, workers: 4, batch: 500, servers: 'admit,socketio', client: 'native',
  admit: path.join(__dirname, '..', '..', 'build', 'admit'), 'admit-args': '', json: '', settle: 2000, drain: 15000,
  native: path.join(__dirname, '..', '..', 'build', 'realtime_load'), 'native-threads': 1, 'native-args': '', 'pin-server': '', 'pin-clients': '' };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in args)) { console.error(`unknown option ${process.argv[i]}`); process.exit(2); }
  args[key] = typeof args[key] === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1];
  if (Number.isNaN(args[key])) { console.error(`${process.argv[i]} needs a number`); process.exit(2); }
}
if (!['native', 'raw', 'sio'].includes(args.client)) { console.error(`--client must be native, raw or sio`); process.exit(2); }

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 23)}]`, ...a);

// The servers running now and their temporary directories: an abort must not leave them behind.
const live = new Map();
function abort(code) {
  for (const [child, dir] of live) {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(code);
}

function request(port, method, p, body, onSend) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, method, path: p, agent,
      headers: data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {} },
    (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null }));
    });
    req.setTimeout(30000, () => req.destroy(new Error(`${method} ${p} timed out`)));
    req.on('error', reject);
    if (onSend) onSend();
    req.end(data);
  });
}

function procStatus(pid) {
  const out = {};
  try {
    for (const line of fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
      const m = /^(VmRSS|VmHWM|Threads):\s+(\d+)/.exec(line);
      if (m) out[m[1]] = Number(m[2]);
    }
  } catch { /* gone */ }
  return out;
}

function cpuTicks(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);  // utime + stime, clock ticks (100/s)
  } catch { return NaN; }
}

async function waitPortFile(file, child, what) {
  const deadline = Date.now() + 15000;
  while (!fs.existsSync(file) || fs.readFileSync(file, 'utf8').trim() === '') {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${what} did not start`);
    await sleep(20);
  }
  return Number(fs.readFileSync(file, 'utf8').trim());
}

async function startAdmit(dir, extraArgs) {
  const portFile = path.join(dir, 'port');
  const stderr = fs.openSync(path.join(dir, 'admit.log'), 'w');
  const extra = extraArgs.split(/\s+/).filter(Boolean);
  const child = spawn(args.admit, ['serve', '--port', '0', '--port-file', portFile, '--data', path.join(dir, 'data'),
    '--host', '127.0.0.1', '--log-level', 'warn', '--auth', 'off', '--rate-limit', 'off', ...extra],
  { stdio: ['ignore', 'ignore', stderr] });
  const port = await waitPortFile(portFile, child, 'admit');
  // One open session, CHECKINS participants: each check-in is a new (participant, session) pair.
  const session = await request(port, 'POST', '/api/v1/sessions', { name: 'Bench session',
    startTime: '2020-01-01T00:00:00Z', endTime: '2099-01-01T00:00:00Z', isOpen: true });
  if (session.status !== 201) throw new Error(`session: ${session.status} ${JSON.stringify(session.body)}`);
  const sessionId = session.body.data._id;
  const people = Array.from({ length: args.checkins }, (_, i) => ({ name: `Bench Person ${i}`, email: `bench${i}@example.org` }));
  const bulk = await request(port, 'POST', '/api/v1/participants/bulk', { participants: people });
  if (bulk.status >= 300) throw new Error(`participants: ${bulk.status} ${JSON.stringify(bulk.body)}`);
  const ids = [];
  for (let page = 1; ; page++) {
    const res = await request(port, 'GET', `/api/v1/participants?limit=100&page=${page}&sortOrder=asc`);
    for (const p of res.body.data) ids.push(p._id);
    if (!res.body.meta.hasNextPage) break;
  }
  return { name: extra.length ? `admit ${extra.join(' ')}` : 'admit', child, port, log: path.join(dir, 'admit.log'),
    checkin: (i, onSend) => request(port, 'POST', '/api/v1/checkin/accept', { participantId: ids[i], sessionId }, onSend),
    participantId: (i) => ids[i] };
}

async function startSocketIo(dir) {
  const portFile = path.join(dir, 'port');
  const stderr = fs.openSync(path.join(dir, 'socketio.log'), 'w');
  const child = spawn(process.execPath, [path.join(__dirname, 'server.js'), portFile], { stdio: ['ignore', 'ignore', stderr] });
  const port = await waitPortFile(portFile, child, 'socket.io server');
  return { name: 'socket.io', child, port, log: path.join(dir, 'socketio.log'),
    checkin: (i, onSend) => request(port, 'POST', '/emit', { participantId: `p${i}`, sessionId: 's1' }, onSend),
    participantId: (i) => `p${i}` };
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

// `--client native`: one realtime_load process (C++, epoll) that holds all the clients. It speaks the
// same messages as clients.js, as JSON lines on stdout answering text commands on stdin.
class NativeClients extends EventEmitter {
  constructor(port) {
    super();
    this.child = spawn(args.native, ['--host', '127.0.0.1', '--port', String(port), '--threads', String(args['native-threads']),
      ...args['native-args'].split(/\s+/).filter(Boolean)],
      { stdio: ['pipe', 'pipe', 'inherit'] });
    this.pid = this.child.pid;
    this.closing = false;
    // A load generator gone in the middle of a run leaves nothing to measure (and a reply never comes).
    const gone = (why) => { if (!this.closing) { log(`realtime_load ${why}`); abort(1); } };
    this.child.on('exit', (code, signal) => { this.emit('exit', code, signal); gone(`exited (${code ?? signal})`); });
    this.child.on('error', (e) => gone(`failed: ${e.message}`));
    this.child.stdin.on('error', () => {});  // EPIPE once it is gone: reported by 'exit'
    readline.createInterface({ input: this.child.stdout, crlfDelay: Infinity }).on('line', (line) => {
      let m;
      try { m = JSON.parse(line); } catch { return log(`realtime_load said: ${line.slice(0, 200)}`); }
      if (m.cmd === 'error') log(`realtime_load: ${m.message}`);
      this.emit('message', m);
    });
  }
  get exitCode() { return this.child.exitCode ?? this.child.signalCode; }
  send(msg) {
    const line = msg.cmd === 'open' ? `open ${msg.n}` : msg.cmd;
    if (this.child.stdin.writable) this.child.stdin.write(`${line}\n`);
    if (msg.cmd === 'close') {
      this.closing = true;
      this.child.stdin.end();
    }
  }
  kill(signal) {
    this.closing = true;
    this.child.kill(signal);
  }
}

// Pins every thread of a process (threads it creates later inherit it) to the CPU list, e.g. "1" or "0-1".
function pin(pid, cpus, what) {
  if (!cpus) return;
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  log(`${what} (pid ${pid}) pinned to CPU ${cpus}`);
}

function ask(worker, msg, reply) {
  return new Promise((resolve) => {
    const on = (m) => { if (m.cmd === reply) { worker.off('message', on); resolve(m); } };
    worker.on('message', on);
    worker.send(msg);
  });
}

async function measure(kind, admitArgs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-rt-bench-'));
  const server = kind === 'admit' ? await startAdmit(dir, admitArgs) : await startSocketIo(dir);
  live.set(server.child, dir);
  const url = `http://127.0.0.1:${server.port}`;
  const pid = server.child.pid;
  const workers = args.client === 'native' ? [new NativeClients(server.port)]
    : Array.from({ length: args.workers }, () => fork(path.join(__dirname, 'clients.js'), [], { stdio: 'inherit' }));
  const result = { server: server.name, clients: args.clients, client: args.client, clientProcesses: workers.length,
    clientThreads: args.client === 'native' ? args['native-threads'] : 1, admitArgs: kind === 'admit' ? admitArgs : undefined,
    pinServer: args['pin-server'] || undefined, pinClients: args['pin-clients'] || undefined,
    loadAverageBefore: os.loadavg().map((x) => Math.round(x * 100) / 100) };
  try {
    pin(pid, args['pin-server'], server.name);
    for (const w of workers) pin(w.pid, args['pin-clients'], 'load generator');
    result.rssIdleKiB = procStatus(pid).VmRSS;
    // Connect gradually: a batch of `batch` clients split over the workers, the next one once all are subscribed.
    const t0 = Date.now();
    let ok = 0, failed = 0;
    const errors = {};
    for (let opened = 0; opened < args.clients; opened += args.batch) {
      const n = Math.min(args.batch, args.clients - opened);
      const shares = workers.map((_, w) => Math.floor(n / workers.length) + (w < n % workers.length ? 1 : 0));
      const replies = await Promise.all(workers.map((w, i) => ask(w, { cmd: 'open', url, n: shares[i], kind: args.client }, 'opened')));
      for (const r of replies) {
        ok += r.ok; failed += r.failed;
        for (const [e, c] of Object.entries(r.errors)) errors[e] = (errors[e] || 0) + c;
      }
      if (server.child.exitCode !== null || server.child.signalCode) throw new Error(`${server.name} exited while connecting (${server.child.exitCode ?? server.child.signalCode})`);
    }
    result.connectSeconds = (Date.now() - t0) / 1000;
    result.subscribed = ok;
    result.connectFailures = failed;
    result.connectErrors = errors;
    log(`${server.name}: ${ok} subscribed, ${failed} failed in ${result.connectSeconds} s`, failed ? errors : '');
    await sleep(args.settle);
    const st = procStatus(pid);
    result.rssConnectedKiB = st.VmRSS;
    result.threads = st.Threads;

    // Check-ins, INTERVAL ms apart (each on its own schedule, not waiting for the previous answer).
    const sent = new Map();
    const statuses = {};
    const ticks0 = cpuTicks(pid);
    const clientTicks0 = workers.map((w) => cpuTicks(w.pid));
    const start = nowMs();
    const pending = [];
    for (let i = 0; i < args.checkins; i++) {
      const wait = start + i * args.interval - nowMs();
      if (wait > 0) await sleep(wait);
      const id = server.participantId(i);
      pending.push(server.checkin(i, () => sent.set(id, nowMs()))
        .then((r) => { statuses[r.status] = (statuses[r.status] || 0) + 1; }, (e) => { statuses[e.message] = (statuses[e.message] || 0) + 1; }));
    }
    await Promise.all(pending);
    result.httpStatuses = statuses;
    // Wait until every delivery arrived (or DRAIN ms passed).
    const expected = args.checkins * ok;
    const drainEnd = Date.now() + args.drain;
    let received = 0;
    while (Date.now() < drainEnd) {
      received = (await Promise.all(workers.map((w) => ask(w, { cmd: 'count' }, 'count')))).reduce((a, r) => a + r.received, 0);
      if (received >= expected) break;
      await sleep(100);
    }
    result.serverCpuSecondsDuringCheckins = (cpuTicks(pid) - ticks0) / 100;
    result.clientCpuSecondsDuringCheckins = workers.reduce((a, w, i) => a + cpuTicks(w.pid) - clientTicks0[i], 0) / 100;
    result.loadAverageAfter = os.loadavg().map((x) => Math.round(x * 100) / 100);
    const st2 = procStatus(pid);
    result.rssAfterKiB = st2.VmRSS;
    result.hwmKiB = st2.VmHWM;

    const collected = await Promise.all(workers.map((w) => ask(w, { cmd: 'collect' }, 'collected')));
    const lat = [];
    const perCheckin = {};
    let unknown = 0;
    for (const c of collected) {
      for (const [id, times] of Object.entries(c.receipts)) {
        const s = sent.get(id);
        if (s === undefined) { unknown += times.length; continue; }
        for (const t of times) lat.push(t - s);
        perCheckin[id] = (perCheckin[id] || 0) + times.length;
      }
    }
    lat.sort((a, b) => a - b);
    const r2 = (x) => Math.round(x * 100) / 100;
    result.deliveriesExpected = expected;
    result.deliveriesReceived = lat.length;
    result.deliveriesUnmatched = unknown;
    result.latencyMs = { p50: r2(percentile(lat, 50)), p90: r2(percentile(lat, 90)), p99: r2(percentile(lat, 99)),
      max: r2(lat[lat.length - 1]), min: r2(lat[0]) };
    result.stillConnected = collected.reduce((a, c) => a + c.connected, 0);
    if (collected[0].frames !== undefined) {  // the native client also counts what it read
      result.clientFramesRead = collected.reduce((a, c) => a + c.frames, 0);
      result.clientBytesRead = collected.reduce((a, c) => a + c.bytes, 0);
    }
    result.deliveriesPerCheckin = [...new Set(Object.values(perCheckin))].sort((a, b) => a - b);
    result.clientDisconnects = collected.reduce((a, c) => a + c.disconnects, 0);
    result.disconnectReasons = {};
    for (const c of collected) for (const [k, v] of Object.entries(c.disconnectReasons)) result.disconnectReasons[k] = (result.disconnectReasons[k] || 0) + v;
    result.serverAlive = server.child.exitCode === null && !server.child.signalCode;
    const serverLog = fs.readFileSync(server.log, 'utf8').trim().split('\n').filter(Boolean);
    result.serverLogLines = serverLog.length;
    result.serverLogSample = serverLog.slice(0, 5);
    log(`${server.name}: ${lat.length}/${expected} deliveries, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, max ${result.latencyMs.max} ms, RSS ${(result.rssConnectedKiB / 1024).toFixed(1)} MB`);
    return result;
  } finally {
    await Promise.all(workers.map((w) => new Promise((resolve) => {
      if (w.exitCode !== null) return resolve();
      w.once('exit', resolve);
      w.send({ cmd: 'close' });
      setTimeout(() => { w.kill('SIGKILL'); resolve(); }, 10000);
    })));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => {
      if (server.child.exitCode !== null || server.child.signalCode) return resolve();
      server.child.once('exit', resolve);
      setTimeout(() => { server.child.kill('SIGKILL'); resolve(); }, 10000);
    });
    fs.rmSync(dir, { recursive: true, force: true });
    live.delete(server.child);
  }
}

// One column per server measured (each admit variant, then socket.io), then socket.io / each admit.
function table(results) {
  const admits = results.filter((r) => r.server.startsWith('admit'));
  const s = results.find((r) => r.server === 'socket.io');
  const cols = [...admits, ...(s ? [s] : [])];
  const mb = (k) => (k / 1024).toFixed(1);
  const ratios = s ? admits.map((a) => `socket.io / ${a.server}`) : [];
  const head = ['measure', ...cols.map((r) => (r === s ? 'socket.io (npm)' : r.server)), ...ratios];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  const row = (name, f, ratio = true) => {
    const cells = cols.map((r) => f(r));
    const rs = s ? admits.map((a) => (ratio ? (f(s) / f(a)).toFixed(2) + '×' : '')) : [];
    lines.push(`| ${[name, ...cells, ...rs].join(' | ')} |`);
  };
  row('clients subscribed', (r) => r.subscribed, false);
  row('`sessions:checkin` deliveries received / expected', (r) => `${r.deliveriesReceived} / ${r.deliveriesExpected}`, false);
  for (const p of ['p50', 'p90', 'p99', 'max']) row(`delivery latency ${p} (ms)`, (r) => r.latencyMs[p]);
  row('server RSS, clients connected (MB)', (r) => Number(mb(r.rssConnectedKiB)));
  row('server RSS after the check-ins (MB)', (r) => Number(mb(r.rssAfterKiB)));
  row('server CPU seconds, check-in phase', (r) => r.serverCpuSecondsDuringCheckins);
  row('load generator CPU seconds, check-in phase', (r) => r.clientCpuSecondsDuringCheckins);
  row('time to connect and subscribe all clients (s)', (r) => r.connectSeconds);
  return lines.join('\n');
}

(async () => {
  const killer = setTimeout(() => { log('overall deadline passed'); abort(3); }, 15 * 60 * 1000);
  killer.unref();
  // The driver sends the check-ins: with the clients, on "the other machine".
  pin(process.pid, args['pin-clients'], 'bench.js');
  const results = [];
  // --admit-args 'A;B' measures admit once per variant (';' separates; an empty variant is the default).
  const runs = args.servers.split(',').flatMap((kind) => (kind === 'admit' ? args['admit-args'].split(';').map((v) => [kind, v.trim()]) : [[kind, '']]));
  for (const [kind, admitArgs] of runs) {
    const procs = args.client === 'native' ? `1 process, ${args['native-threads']} thread(s)` : `${args.workers} processes`;
    log(`--- ${kind} ${admitArgs}: ${args.clients} ${args.client} clients (${procs}), ${args.checkins} check-ins ${args.interval} ms apart, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    try {
      results.push(await measure(kind, admitArgs));
    } catch (e) {
      log(`${kind} ${admitArgs} failed: ${e.stack || e}`);
      results.push({ server: kind === 'admit' ? `admit ${admitArgs}`.trim() : 'socket.io', error: String(e) });
    }
    await sleep(3000);  // let TIME_WAIT sockets and memory settle between servers
  }
  for (const r of results) console.log(JSON.stringify(r));
  const ok = results.filter((r) => !r.error);
  console.log(`\nMachine: ${os.cpus().length} CPUs (${os.cpus()[0].model}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${os.release()}, node ${process.version}\n`);
  console.log(table(ok));
  if (args.json) fs.writeFileSync(args.json, JSON.stringify(results, null, 2));
  process.exit(results.some((r) => r.error) ? 1 : 0);
})();
