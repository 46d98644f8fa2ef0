'use strict';
// A load-generator process, forked by bench.js (IPC). It holds a share of the WebSocket clients
// (socket.io-client, transports ["websocket"], one Engine.IO connection each) and records, for every
// `sessions:checkin` received, the participantId and the receive time on CLOCK_MONOTONIC
// (process.hrtime, the same clock in every process of the machine), in milliseconds.
// Two client kinds (`kind` in 'open'): 'sio' is socket.io-client (transports ["websocket"]); 'raw' is a
// bare `ws` WebSocket speaking Engine.IO/Socket.IO by hand (open -> CONNECT /realtime -> EVENT
// subscribe:sessions, answers pings, JSON-parses only `sessions:checkin`), several times cheaper per
// frame, so that the load generator takes less of the CPU it shares with the server.
// Messages from the parent:
//   {cmd: 'open', url, n, kind}  open n more clients, each subscribed (emits subscribe:sessions and
//                          waits for sessions:data); answers {cmd: 'opened', ok, failed, errors}
//   {cmd: 'count'}         answers {cmd: 'count', received}
//   {cmd: 'collect'}       answers {cmd: 'collected', receipts: {participantId: [ms, ...]}, ...counters}
//   {cmd: 'close'}         disconnects everything and exits
const { io } = require('socket.io-client');
const WebSocket = require('ws');

const SUBSCRIBE_TIMEOUT_MS = 30000;
const sockets = [];
const receipts = new Map();
let received = 0;
let disconnects = 0;
const disconnectReasons = {};

function now() { return Number(process.hrtime.bigint()) / 1e6; }

function openOne(url) {
  return new Promise((resolve) => {
    const socket = io(`${url}/realtime`, {
      transports: ['websocket'], forceNew: true, reconnection: false, timeout: SUBSCRIBE_TIMEOUT_MS,
    });
    let settled = false;
    const done = (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(err || null);
    };
    const timer = setTimeout(() => done('subscribe timeout'), SUBSCRIBE_TIMEOUT_MS);
    socket.on('connect', () => socket.emit('subscribe:sessions'));
    socket.once('sessions:data', () => done(null));
    socket.on('connect_error', (e) => done(`connect_error: ${e.message}`));
    socket.on('sessions:checkin', (msg) => record(msg && msg.data && msg.data.participantId));
    socket.on('disconnect', (reason) => {
      if (!settled) done(`disconnect before subscribed: ${reason}`);
      disconnects++;
      disconnectReasons[reason] = (disconnectReasons[reason] || 0) + 1;
    });
    sockets.push(socket);
  });
}

function record(id) {
  const t = now();
  let list = receipts.get(id);
  if (!list) receipts.set(id, list = []);
  list.push(t);
  received++;
}

// The raw client: one Engine.IO WebSocket, frames handled as strings.
const NSP = '/realtime,';
const CHECKIN = `42${NSP}["sessions:checkin",`;
const DATA = `42${NSP}["sessions:data",`;
function openRaw(url) {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`,
      { perMessageDeflate: false });
    const state = { connected: false, close: () => ws.close() };
    let settled = false;
    const done = (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(err || null);
    };
    const timer = setTimeout(() => done('subscribe timeout'), SUBSCRIBE_TIMEOUT_MS);
    ws.on('message', (buf, isBinary) => {
      if (isBinary) return;
      const text = buf.toString();
      if (text.startsWith(CHECKIN)) {
        const args = JSON.parse(text.slice(2 + NSP.length));
        record(args[1] && args[1].data && args[1].data.participantId);
      } else if (text === '2') {
        ws.send('3');
      } else if (text[0] === '0') {
        ws.send(`40${NSP}`);
      } else if (text.startsWith(`40${NSP}`)) {
        state.connected = true;
        ws.send(`42${NSP}["subscribe:sessions"]`);
      } else if (text.startsWith(DATA)) {
        done(null);
      } else if (text.startsWith(`44${NSP}`)) {
        done(`connect_error: ${text}`);
      }
    });
    ws.on('error', (e) => done(`error: ${e.message}`));
    ws.on('close', (code) => {
      if (!settled) done(`closed before subscribed: ${code}`);
      if (state.connected) {
        state.connected = false;
        disconnects++;
        disconnectReasons[`close ${code}`] = (disconnectReasons[`close ${code}`] || 0) + 1;
      }
    });
    sockets.push(state);
  });
}

process.on('message', async (m) => {
  if (m.cmd === 'open') {
    const open = m.kind === 'sio' ? openOne : openRaw;
    const results = await Promise.all(Array.from({ length: m.n }, () => open(m.url)));
    const errors = {};
    let failed = 0;
    for (const r of results) if (r) { failed++; errors[r] = (errors[r] || 0) + 1; }
    process.send({ cmd: 'opened', ok: m.n - failed, failed, errors });
  } else if (m.cmd === 'count') {
    process.send({ cmd: 'count', received });
  } else if (m.cmd === 'collect') {
    process.send({ cmd: 'collected', receipts: Object.fromEntries(receipts), received, disconnects,
      disconnectReasons, connected: sockets.filter((s) => s.connected).length });
  } else if (m.cmd === 'close') {
    for (const s of sockets) (s.disconnect ? s.disconnect() : s.close());
    setTimeout(() => process.exit(0), 200);
  }
});
process.on('disconnect', () => process.exit(0));  // the parent went away
