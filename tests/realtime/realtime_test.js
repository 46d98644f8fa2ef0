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
async function createParticipant(extra = {}) {
  const n = ++counter;
  const body = { name: `Participant ${n}`, email: `p${n}@example.org`, ...extra };
  return (await api('POST', '/api/v1/participants', body)).data;
}
const participantsPath = '/api/v1/participants';
async function promote(id) {
  return (await api('POST', `${participantsPath}/${id}/ambassador/promote`)).data;
}
async function addReferred(id, participantId) {
  return (await api('POST', `${participantsPath}/${id}/ambassador/add-referred`, { participantId })).data;
}
async function checkIn(participantId, sessionId) {
  return (await api('POST', '/api/v1/checkin/accept', { participantId, sessionId })).data;
}

function connect(options = {}) {
  return io(`${url}/realtime`, { forceNew: true, reconnection: false, ...options });
}
async function connected(options = {}) {
  const socket = connect(options);
  await once(socket, 'connected');
  return socket;
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
    server = await startServer(process.argv[2], ['serve', '--log-level', 'warn', '--auth', 'off']);
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

  async 'subscribe:ambassadors answers the top of the leaderboard with ranks'() {
    const ambassador = await createParticipant({ organization: 'Leaderboard Org' });
    const referred = await createParticipant();
    await promote(ambassador._id);
    await addReferred(ambassador._id, referred._id);
    const socket = await connected();
    socket.emit('subscribe:ambassadors');
    const reply = await waitFor(socket, 'ambassadors:leaderboard');
    assert.equal(reply.type, 'initial');
    assert.ok(!Number.isNaN(Date.parse(reply.timestamp)));
    assert.ok(reply.data.length <= 50);
    reply.data.forEach((entry, i) => assert.equal(entry.rank, i + 1));
    const mine = reply.data.find((e) => e._id === ambassador._id);
    assert.deepEqual(Object.keys(mine), ['_id', 'name', 'email', 'organization', 'ambassadorPoints', 'referralCount', 'rank']);
    assert.equal(mine.ambassadorPoints, 10);
    assert.equal(mine.referralCount, 1);
    assert.equal(mine.organization, 'Leaderboard Org');
    socket.disconnect();
  },

  async 'subscribe:travel-grants answers the applications and their stats'() {
    const applicant = await createParticipant({ organization: 'Grant Org' });
    await api('POST', `${participantsPath}/${applicant._id}/travel-grant/apply`);
    const socket = await connected();
    socket.emit('subscribe:travel-grants');
    const reply = await waitFor(socket, 'travel-grants:data');
    assert.equal(reply.type, 'initial');
    assert.ok(!Number.isNaN(Date.parse(reply.timestamp)));
    const mine = reply.applications.find((p) => p._id === applicant._id);
    assert.equal(mine.travelGrantApplied, true);
    assert.equal(mine.travelGrantApproved, null);
    assert.equal(mine.qrCode, applicant.qrCode);
    assert.deepEqual(Object.keys(reply.stats), ['total', 'pending', 'approved', 'rejected']);
    assert.equal(reply.stats.total, reply.applications.length);
    assert.equal(reply.stats.total, reply.stats.pending + reply.stats.approved + reply.stats.rejected);
    assert.ok(reply.stats.pending >= 1);
    socket.disconnect();
  },

  async 'subscribe:ambassador-detail answers referrals, check-ins and stats'() {
    const session = await createSession();
    const ambassador = await createParticipant();
    const active = await createParticipant();
    const idle = await createParticipant();
    await promote(ambassador._id);
    await addReferred(ambassador._id, active._id);
    await addReferred(ambassador._id, idle._id);
    const own = await checkIn(ambassador._id, session._id);
    await checkIn(active._id, session._id);
    const socket = await connected();
    socket.emit('subscribe:ambassador-detail', { ambassadorId: ambassador._id });
    const reply = await waitFor(socket, 'ambassador:detail');
    assert.deepEqual(Object.keys(reply), ['ambassador', 'referredParticipants', 'checkIns', 'stats', 'timestamp']);
    assert.equal(reply.ambassador._id, ambassador._id);
    assert.equal(reply.ambassador.ambassadorPoints, 20);
    assert.equal(reply.ambassador.referralCount, 2);
    assert.equal(reply.ambassador.isActive, true);
    assert.ok(!Number.isNaN(Date.parse(reply.ambassador.createdAt)));
    assert.deepEqual(reply.referredParticipants.map((p) => p._id), [active._id, idle._id]);
    assert.equal(reply.referredParticipants[0].checkInsCount, 1);
    assert.ok(!Number.isNaN(Date.parse(reply.referredParticipants[0].lastCheckIn)));
    assert.equal(reply.referredParticipants[1].checkInsCount, 0);
    assert.equal(reply.referredParticipants[1].lastCheckIn, null);
    // Unlike the reference (a dump of the populated session), sessionId is the session's id.
    assert.deepEqual(reply.checkIns, [{ _id: own._id, sessionId: session._id, checkInTime: own.checkInTime, isLate: own.isLate }]);
    assert.deepEqual(reply.stats, { totalReferrals: 2, activeReferrals: 2, totalCheckIns: 1, referralCheckIns: 1 });
    socket.disconnect();
  },

  async 'subscribe:travel-grant-detail answers check-ins and organization peers'() {
    const session = await createSession();
    const applicant = await createParticipant({ organization: 'Peer Org' });
    const peer = await createParticipant({ organization: ' peer org ' });
    await createParticipant({ organization: 'Peer Org 2' });
    await checkIn(applicant._id, session._id);
    await checkIn(peer._id, session._id);
    await api('POST', `${participantsPath}/${applicant._id}/travel-grant/apply`);
    const loner = await createParticipant();
    const socket = await connected();
    socket.emit('subscribe:travel-grant-detail', { participantId: applicant._id });
    const reply = await waitFor(socket, 'travel-grant:detail');
    assert.deepEqual(Object.keys(reply), ['participant', 'checkIns', 'organizationPeers', 'stats', 'timestamp']);
    assert.equal(reply.participant._id, applicant._id);
    assert.equal(reply.participant.status, 'travel_grant');
    assert.equal(reply.participant.travelGrantApplied, true);
    assert.equal(reply.participant.travelGrantApproved, null);
    assert.equal(reply.checkIns.length, 1);
    assert.equal(reply.checkIns[0].sessionId, session._id);
    assert.deepEqual(reply.organizationPeers, [{ _id: peer._id, name: peer.name, email: peer.email, status: 'regular', checkInsCount: 1 }]);
    assert.equal(reply.stats.totalCheckIns, 1);
    assert.equal(reply.stats.onTimeCheckIns + reply.stats.lateCheckIns, 1);
    assert.equal(reply.stats.organizationPeersCount, 1);
    // No organization: no peers, and a count of 0 where the reference said -1.
    socket.emit('subscribe:travel-grant-detail', { participantId: loner._id });
    const alone = await waitFor(socket, 'travel-grant:detail', (p) => p.participant._id === loner._id);
    assert.deepEqual(alone.organizationPeers, []);
    assert.equal(alone.stats.organizationPeersCount, 0);
    socket.disconnect();
  },

  async 'detail subscriptions with a missing, malformed or unknown id get an error'() {
    const socket = await connected();
    const cases = [
      ['subscribe:ambassador-detail', undefined, 'Failed to fetch ambassador details'],
      ['subscribe:ambassador-detail', { ambassadorId: 'nope' }, 'Failed to fetch ambassador details'],
      ['subscribe:ambassador-detail', { ambassadorId: '0123456789abcdef01234567' }, 'Failed to fetch ambassador details'],
      ['subscribe:travel-grant-detail', {}, 'Failed to fetch travel grant details'],
      ['subscribe:travel-grant-detail', { participantId: 42 }, 'Failed to fetch travel grant details'],
      ['subscribe:travel-grant-detail', { participantId: '0123456789abcdef01234567' }, 'Failed to fetch travel grant details'],
    ];
    for (const [event, payload, message] of cases) {
      const error = waitFor(socket, 'error');
      if (payload === undefined) socket.emit(event);
      else socket.emit(event, payload);
      assert.deepEqual(await error, { message }, `${event} ${JSON.stringify(payload)}`);
    }
    socket.disconnect();
  },

  async 'promote and add-referred over HTTP reach ambassador subscribers with rank and a refresh'() {
    const ambassador = await createParticipant();
    const referred = await createParticipant();
    const room = await connected();
    const detail = await connected();
    room.emit('subscribe:ambassadors');
    await waitFor(room, 'ambassadors:leaderboard');
    detail.emit('subscribe:ambassador-detail', { ambassadorId: ambassador._id });
    await waitFor(detail, 'ambassador:detail');
    const mine = (p) => p.data.ambassadorId === ambassador._id;
    const listed = (p) => p.type === 'refresh' && p.data.some((e) => e._id === ambassador._id);

    let update = waitFor(room, 'ambassadors:score-update', mine);
    let refresh = waitFor(room, 'ambassadors:leaderboard', listed);
    // The detail subscriber hears the promotion too; waiting for it here keeps that event from
    // being taken for the referral's below (the two sockets are not ordered with each other).
    const promoted = waitFor(detail, 'ambassador:score-update', mine);
    await promote(ambassador._id);
    assert.equal((await promoted).data.newScore, 0);
    let u = await update;
    assert.equal(u.type, 'score-update');
    assert.equal(u.data.name, ambassador.name);
    assert.equal(u.data.newScore, 0);
    assert.equal(u.data.referralCount, 0);
    assert.equal(typeof u.data.rank, 'number');
    await refresh;

    update = waitFor(room, 'ambassadors:score-update', mine);
    const personal = waitFor(detail, 'ambassador:score-update', mine);
    refresh = waitFor(room, 'ambassadors:leaderboard', (p) => listed(p) && p.data.find((e) => e._id === ambassador._id).ambassadorPoints === 10);
    await addReferred(ambassador._id, referred._id);
    u = await update;
    assert.deepEqual(
      { newScore: u.data.newScore, previousScore: u.data.previousScore, referralCount: u.data.referralCount },
      { newScore: 10, previousScore: 0, referralCount: 1 },
    );
    const r = await refresh;
    assert.ok(!Number.isNaN(Date.parse(r.timestamp)));
    assert.ok(r.data.length <= 50);
    const entry = r.data.find((e) => e._id === ambassador._id);
    assert.equal(entry.referralCount, 1);
    assert.equal(u.data.rank, entry.rank);
    assert.equal((await personal).data.newScore, 10);
    room.disconnect();
    detail.disconnect();
  },

  async 'an approval over HTTP reaches travel-grant subscribers with refreshed stats'() {
    const applicant = await createParticipant({ organization: 'Approval Org' });
    await api('POST', `${participantsPath}/${applicant._id}/travel-grant/apply`);
    const room = await connected();
    const detail = await connected();
    room.emit('subscribe:travel-grants');
    const initial = await waitFor(room, 'travel-grants:data');
    detail.emit('subscribe:travel-grant-detail', { participantId: applicant._id });
    await waitFor(detail, 'travel-grant:detail');
    const mine = (p) => p.data.participantId === applicant._id;
    const update = waitFor(room, 'travel-grants:update', mine);
    const personal = waitFor(detail, 'travel-grant:update', mine);
    const stats = waitFor(room, 'travel-grants:stats', (p) => p.data.approved > initial.stats.approved);
    await api('POST', `${participantsPath}/${applicant._id}/travel-grant/approve`);
    const u = await update;
    assert.equal(u.type, 'status-update');
    assert.equal(u.data.status, 'approved');
    assert.equal(u.data.name, applicant.name);
    assert.equal((await personal).data.status, 'approved');
    const s = await stats;
    assert.equal(s.type, 'refresh');
    assert.ok(!Number.isNaN(Date.parse(s.timestamp)));
    assert.deepEqual(s.data, {
      total: initial.stats.total,
      pending: initial.stats.pending - 1,
      approved: initial.stats.approved + 1,
      rejected: initial.stats.rejected,
    });
    room.disconnect();
    detail.disconnect();
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
