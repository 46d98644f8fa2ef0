// The /realtime namespace of backend-contract.md §5 against `admit serve`, with the npm client.
// Usage: node realtime_test.js <admit binary>
'use strict';
const { run, once, withTimeout, startServer } = require('./lib');
const assert = require('node:assert/strict');
const { io } = require('socket.io-client');

let server;
let url;

async function api(method, path, body) {
  const res = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const iso = (minutes) => new Date(Date.now() + minutes * 60000).toISOString();
let counter = 0;
async function createSession(extra = {}) {
  const body = { name: `Session ${++counter}`, startTime: iso(-5), endTime: iso(60), isOpen: true, ...extra };
  return (await api('POST', '/api/v1/sessions', body)).data;
}
async function createParticipant() {
  const n = ++counter;
  return (await api('POST', '/api/v1/participants', { name: `Participant ${n}`, email: `p${n}@example.org` })).data;
}

function connect(options = {}) {
  return io(`${url}/realtime`, { forceNew: true, reconnection: false, ...options });
}

// Resolves with the first `event` payload that `match` accepts.
function waitFor(socket, event, match = () => true, ms = 5000) {
  return withTimeout(
    new Promise((resolve) => {
      const handler = (payload) => {
        if (match(payload)) {
          socket.off(event, handler);
          resolve(payload);
        }
      };
      socket.on(event, handler);
    }),
    ms,
    `waiting for ${event}`,
  );
}

run({
  async 'start admit serve'() {
    server = await startServer(process.argv[2], ['serve', '--log-level', 'warn']);
    url = server.url;
  },

  async 'connected greeting with the socket id (polling, then upgrade)'() {
    const socket = connect({ transports: ['polling', 'websocket'] });
    const hello = await once(socket, 'connected');
    assert.equal(hello.message, 'Connected to IASTAM real-time server');
    assert.equal(hello.clientId, socket.id);
    assert.ok(!Number.isNaN(Date.parse(hello.timestamp)));
    socket.disconnect();
  },

  async 'subscribe:sessions answers the first sessions, newest first'() {
    const older = await createSession();
    const newer = await createSession();
    const socket = connect({ transports: ['websocket'] });
    await once(socket, 'connected');
    socket.emit('subscribe:sessions');
    const reply = await waitFor(socket, 'sessions:data');
    assert.equal(reply.type, 'initial');
    const ids = reply.data.map((s) => s._id);
    assert.ok(ids.indexOf(newer._id) >= 0 && ids.indexOf(newer._id) < ids.indexOf(older._id));
    assert.equal(reply.data[ids.indexOf(newer._id)].name, newer.name);
    socket.disconnect();
  },

  async 'a check-in over HTTP reaches a subscribed client'() {
    const session = await createSession({ capacity: 10 });
    const participant = await createParticipant();
    const socket = connect();
    await once(socket, 'connected');
    socket.emit('subscribe:sessions');
    await waitFor(socket, 'sessions:data');
    const bySession = (p) => p.data.sessionId === session._id;
    const accepted = waitFor(socket, 'checkin:accepted', bySession);
    const checkin = waitFor(socket, 'sessions:checkin', bySession);
    const capacity = waitFor(socket, 'sessions:capacity-update', bySession);
    await api('POST', '/api/v1/checkin/accept', { participantId: participant._id, sessionId: session._id, acceptedBy: 'Door 1' });
    const a = await accepted;
    assert.equal(a.type, 'accepted');
    assert.equal(a.data.participantId, participant._id);
    assert.equal(a.data.participantName, participant.name);
    assert.equal(a.data.sessionName, session.name);
    assert.equal(a.data.wasRegistered, false);
    const c = await checkin;
    assert.equal(c.type, 'checkin');
    assert.equal(typeof c.data.isLate, 'boolean');
    const cap = await capacity;
    assert.equal(cap.type, 'capacity-update');
    assert.equal(cap.data.capacity, 10);
    assert.equal(cap.data.checkInsCount, 1);
    assert.equal(cap.data.isAtCapacity, false);
    socket.disconnect();
  },

  async 'status changes: room event with previous/new status, global event for everyone'() {
    const session = await createSession({ isOpen: false });
    const subscribed = connect();
    const other = connect({ transports: ['polling'] });
    await Promise.all([once(subscribed, 'connected'), once(other, 'connected')]);
    subscribed.emit('subscribe:sessions');
    await waitFor(subscribed, 'sessions:data');
    const bySession = (p) => (p.data || p).sessionId === session._id;
    const room = waitFor(subscribed, 'sessions:status-update', bySession);
    const global = waitFor(other, 'sessionStatusUpdated', bySession);
    let otherGotRoomEvent = false;
    other.on('sessions:status-update', () => { otherGotRoomEvent = true; });
    await api('PATCH', `/api/v1/sessions/${session._id}`, { isOpen: true });
    const r = await room;
    assert.equal(r.type, 'status-update');
    assert.equal(r.data.previousIsOpen, false);
    assert.equal(r.data.newIsOpen, true);
    assert.equal(r.data.newStatus, 'open');
    assert.equal(r.data.reason, 'manual');
    const g = await global;
    assert.equal(g.isOpen, true);
    assert.equal(g.newStatus, 'open');
    assert.equal(otherGotRoomEvent, false);
    subscribed.disconnect();
    other.disconnect();
  },

  async 'unsubscribe leaves the room'() {
    const session = await createSession({ isOpen: false });
    const socket = connect();
    await once(socket, 'connected');
    socket.emit('subscribe:sessions');
    await waitFor(socket, 'sessions:data');
    socket.emit('unsubscribe', { channel: 'sessions' });
    let roomEvents = 0;
    socket.on('sessions:status-update', () => roomEvents++);
    const global = waitFor(socket, 'sessionStatusUpdated', (p) => p.sessionId === session._id);
    // An acknowledged round trip guarantees the unsubscribe was handled before the change.
    await new Promise((r) => setTimeout(r, 100));
    await api('PATCH', `/api/v1/sessions/${session._id}`, { isOpen: true });
    await global;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(roomEvents, 0);
    socket.disconnect();
  },

  async 'unknown namespace is refused'() {
    const socket = io(`${url}/nope`, { forceNew: true, reconnection: false });
    const err = await once(socket, 'connect_error');
    assert.equal(err.message, 'Invalid namespace');
    socket.disconnect();
  },

  async '1,000 clients all receive a broadcast'() {
    const session = await createSession({ isOpen: false });
    const clients = [];
    for (let i = 0; i < 1000; i++) clients.push(connect({ transports: ['websocket'] }));
    await withTimeout(Promise.all(clients.map((c) => once(c, 'connected'))), 30000, 'connecting 1,000 clients');
    const received = clients.map((c) => waitFor(c, 'sessionStatusUpdated', (p) => p.sessionId === session._id, 30000));
    const t0 = Date.now();
    await api('PATCH', `/api/v1/sessions/${session._id}`, { isOpen: true });
    await Promise.all(received);
    console.log(`     1,000 clients got the event in ${Date.now() - t0} ms`);
    clients.forEach((c) => c.disconnect());
  },

  async 'stop the server'() {
    server.stop();
  },
}, { timeoutMs: 60000 });
