'use strict';
// The comparison server: npm's socket.io with the same /realtime contract subset the benchmark uses.
//   - namespace /realtime; `subscribe:sessions` joins room `sessions` and answers `sessions:data` ([]),
//     like admit (which answers with the session list);
//   - POST /emit {participantId, sessionId} emits to room `sessions` the same three events, in the same
//     order and with payloads of the same shape as admit's check-in fan-out: checkin:accepted,
//     sessions:checkin, sessions:capacity-update; it answers 201 once the emits are queued.
// Usage: node server.js PORT_FILE   (listens on 127.0.0.1, any free port, written to PORT_FILE)
const http = require('node:http');
const fs = require('node:fs');
const { Server } = require('socket.io');

const portFile = process.argv[2];
const httpServer = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/emit') {
    res.writeHead(404).end();
    return;
  }
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const { participantId, sessionId } = JSON.parse(body);
    const now = new Date().toISOString();
    const common = {
      sessionId, participantId, participantName: `Bench Person ${participantId}`,
      sessionName: 'Bench session', timestamp: now,
    };
    const room = nsp.to('sessions');
    room.emit('checkin:accepted', {
      type: 'accepted',
      data: { checkInId: `ci-${participantId}`, ...common, badge: 'none', wasRegistered: false, isLate: false },
    });
    room.emit('sessions:checkin', { type: 'checkin', data: { ...common, isLate: false } });
    room.emit('sessions:capacity-update', {
      type: 'capacity-update',
      data: { sessionId, sessionName: 'Bench session', checkInsCount: 1, capacity: 0, percentFull: 0,
        isNearCapacity: false, isAtCapacity: false },
    });
    res.writeHead(201, { 'Content-Type': 'application/json' }).end('{"success":true}');
  });
});

const io = new Server(httpServer, { serveClient: false });
const nsp = io.of('/realtime');
nsp.on('connection', (socket) => {
  socket.emit('connected', { message: 'Connected to real-time updates', socketId: socket.id });
  socket.on('subscribe:sessions', () => {
    socket.join('sessions');
    socket.emit('sessions:data', []);
  });
});

httpServer.listen(0, '127.0.0.1', 65535, () => {
  fs.writeFileSync(portFile, String(httpServer.address().port));
});
process.on('SIGTERM', () => process.exit(0));
