// Socket.IO access control (--auth on): the CONNECT packet's auth.token, or the admit_session
// cookie of the request that opened the Engine.IO session, must be a valid token, else the
// namespace answers CONNECT_ERROR {message: "Unauthorized"}.
// Usage: node auth_test.js <admit binary>
'use strict';
const { run, once, withTimeout, startServer } = require('./lib');
const assert = require('node:assert/strict');
const { io } = require('socket.io-client');

const adminToken = 'realtime-admin-token-0123456789abcdefghijkl';
let server;

async function api(method, path, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

function connect(options = {}) {
  return io(`${server.url}/realtime`, { forceNew: true, reconnection: false, ...options });
}

// Resolves with the connect_error's message, failing if the socket connects instead.
async function refused(options) {
  const socket = connect(options);
  try {
    const outcome = await withTimeout(
      Promise.race([
        once(socket, 'connect_error').then((e) => ({ error: e })),
        once(socket, 'connect').then(() => ({ connected: true })),
      ]),
      5000,
      'connect outcome',
    );
    assert.ok(outcome.error, 'the socket connected without valid credentials');
    return outcome.error.message;
  } finally {
    socket.disconnect();
  }
}

async function admitted(options) {
  const socket = connect(options);
  try {
    const hello = await withTimeout(once(socket, 'connected'), 5000, 'connected greeting');
    assert.equal(hello.clientId, socket.id);
  } finally {
    socket.disconnect();
  }
}

run({
  async 'start admit serve --auth on'() {
    process.env.ADMIT_ADMIN_TOKEN = adminToken;
    server = await startServer(process.argv[2], ['serve', '--log-level', 'warn', '--auth', 'on']);
    delete process.env.ADMIT_ADMIN_TOKEN;
  },

  async 'no token: CONNECT_ERROR Unauthorized (polling and websocket)'() {
    assert.equal(await refused({ transports: ['polling'] }), 'Unauthorized');
    assert.equal(await refused({ transports: ['websocket'] }), 'Unauthorized');
  },

  async 'a wrong token is refused'() {
    assert.equal(await refused({ auth: { token: 'not-a-token' } }), 'Unauthorized');
    assert.equal(await refused({ auth: { token: 42 } }), 'Unauthorized');
  },

  async 'the static admin token connects'() {
    await admitted({ auth: { token: adminToken }, transports: ['websocket'] });
  },

  async 'a signed-in viewer connects; after logout the token is refused'() {
    const created = await api('POST', '/api/v1/users', { username: 'screen', password: 'long enough pw', role: 'viewer' }, adminToken);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const login = await api('POST', '/api/v1/auth/login', { username: 'screen', password: 'long enough pw' });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const token = login.body.data.token;
    await admitted({ auth: { token }, transports: ['polling', 'websocket'] });
    assert.equal((await api('POST', '/api/v1/auth/logout', {}, token)).status, 200);
    assert.equal(await refused({ auth: { token } }), 'Unauthorized');
  },

  async 'the web UI session cookie of the handshake request connects (polling and websocket)'() {
    const created = await api('POST', '/api/v1/users', { username: 'door', password: 'long enough pw', role: 'staff' }, adminToken);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const login = await api('POST', '/api/v1/auth/login', { username: 'door', password: 'long enough pw' });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const cookie = `theme=dark; admit_session=${login.body.data.token}`;
    await admitted({ extraHeaders: { cookie }, transports: ['polling', 'websocket'] });
    await admitted({ extraHeaders: { cookie }, transports: ['websocket'] });
    const stale = `admit_session=${login.body.data.token}x`;
    assert.equal(await refused({ extraHeaders: { cookie: stale }, transports: ['websocket'] }), 'Unauthorized');

    // Cross-site WebSocket hijacking: a page of another origin opens the socket and the browser
    // adds the cookie. WebSocket has no CORS, so the server ignores the cookie of such a request
    // (polling too); a page of our own host, or of a configured origin, still connects with it.
    const own = new URL(server.url).origin;
    for (const transports of [['websocket'], ['polling']]) {
      assert.equal(await refused({ extraHeaders: { cookie, origin: 'http://evil.example' }, transports }), 'Unauthorized');
      await admitted({ extraHeaders: { cookie, origin: own }, transports });
      await admitted({ extraHeaders: { cookie, origin: 'http://localhost:3000' }, transports });
    }
    // A token in auth is not a cookie: it still works from any origin (no browser adds it).
    await admitted({ auth: { token: login.body.data.token }, extraHeaders: { origin: 'http://evil.example' }, transports: ['websocket'] });
  },

  async 'stop'() {
    server.stop();
  },
});
