'use strict';
// A load-generator process, forked by bench.js (IPC). It holds a share of the WebSocket clients
// (socket.io-client, transports ["websocket"], one Engine.IO connection each) and records, for every
// `sessions:checkin` received, the participantId and the receive time on CLOCK_MONOTONIC
// (process.hrtime, the same clock in every process of the machine), in milliseconds.
// Messages from the parent:
//   {cmd: 'open', url, n}  open n more clients, each subscribed (emits subscribe:sessions and waits for
//                          sessions:data); answers {cmd: 'opened', ok, failed, errors}
//   {cmd: 'count'}         answers {cmd: 'count', received}
//   {cmd: 'collect'}       answers {cmd: 'collected', receipts: {participantId: [ms, ...]}, ...counters}
//   {cmd: 'close'}         disconnects everything and exits
const { io } = require('socket.io-client');

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
    socket.on('sessions:checkin', (msg) => {
      const t = now();
      const id = msg && msg.data && msg.data.participantId;
      let list = receipts.get(id);
      if (!list) receipts.set(id, list = []);
      list.push(t);
      received++;
    });
    socket.on('disconnect', (reason) => {
      if (!settled) done(`disconnect before subscribed: ${reason}`);
      disconnects++;
      disconnectReasons[reason] = (disconnectReasons[reason] || 0) + 1;
    });
    sockets.push(socket);
  });
}

process.on('message', async (m) => {
  if (m.cmd === 'open') {
    const results = await Promise.all(Array.from({ length: m.n }, () => openOne(m.url)));
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
    for (const s of sockets) s.disconnect();
    setTimeout(() => process.exit(0), 200);
  }
});
process.on('disconnect', () => process.exit(0));  // the parent went away
