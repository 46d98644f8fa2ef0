// Conformance scenarios against `admit sio-echo` with the npm socket.io-client and engine.io-client.
// Usage: node echo_test.js <admit binary>
'use strict';
const { run, once, withTimeout, startServer } = require('./lib');
const assert = require('node:assert/strict');
const { io } = require('socket.io-client');
const { Socket: EioSocket } = require('engine.io-client');

let url;
let server;

run({
  async 'start admit sio-echo'() {
    server = await startServer(process.argv[2], ['sio-echo']);
    url = server.url;
  },

  async 'engine.io echoes text and binary over polling then websocket'() {
    const socket = new EioSocket(url, { path: '/engine.io/', transports: ['polling', 'websocket'] });
    await once(socket, 'open');
    assert.equal(socket.transport.name, 'polling');
    await once(socket, 'upgrade');
    assert.equal(socket.transport.name, 'websocket');
    socket.send('hello');
    assert.equal(await once(socket, 'message'), 'hello');
    socket.send(Uint8Array.from([1, 2, 3]));
    const back = await once(socket, 'message');
    assert.deepEqual([...new Uint8Array(back)], [1, 2, 3]);
    socket.close();
  },

  async 'engine.io heartbeat keeps an idle session open'() {
    const socket = new EioSocket(url, { path: '/engine.io/', transports: ['websocket'] });
    await once(socket, 'open');
    let closed = false;
    socket.on('close', () => { closed = true; });
    await new Promise((r) => setTimeout(r, 1200));  // four ping intervals
    assert.equal(closed, false);
    socket.close();
  },

  async 'socket.io polling start, upgrade, auth and echo'() {
    const socket = io(url, { transports: ['polling', 'websocket'], auth: { token: '123' }, forceNew: true });
    const upgraded = new Promise((resolve) => socket.io.on('open', () => socket.io.engine.once('upgrade', resolve)));
    const [auth] = await once(socket, 'auth', true);
    assert.deepEqual(auth, { token: '123' });
    assert.equal(socket.io.engine.transport.name === 'websocket' || (await upgraded, true), true);
    assert.equal(socket.io.engine.transport.name, 'websocket');
    socket.emit('message', 1, '2', { 3: [4] });
    const args = await once(socket, 'message-back', true);
    assert.deepEqual(args, [1, '2', { 3: [4] }]);
    socket.disconnect();
  },

  async 'socket.io websocket only, acknowledgement with binary'() {
    const socket = io(url, { transports: ['websocket'], forceNew: true });
    await once(socket, 'connect');
    const reply = await withTimeout(socket.timeout(2000).emitWithAck('message-with-ack', 1, Buffer.from([9, 8])), 3000);
    assert.equal(reply, 1);
    socket.disconnect();
  },

  async 'socket.io binary event round trip over polling'() {
    const socket = io(url, { transports: ['polling'], forceNew: true });
    await once(socket, 'connect');
    socket.emit('message', Buffer.from([1, 2, 3]), 'x');
    const args = await once(socket, 'message-back', true);
    assert.deepEqual([...new Uint8Array(args[0])], [1, 2, 3]);
    assert.equal(args[1], 'x');
    socket.disconnect();
  },

  async 'socket.io custom namespace and unknown namespace'() {
    const custom = io(`${url}/custom`, { forceNew: true, auth: { a: 1 } });
    assert.deepEqual((await once(custom, 'auth', true))[0], { a: 1 });
    custom.disconnect();
    const unknown = io(`${url}/random`, { forceNew: true });
    const err = await once(unknown, 'connect_error');
    assert.equal(err.message, 'Invalid namespace');
    unknown.disconnect();
  },

  async 'socket.io reconnects after the server drops it'() {
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 50 });
    await once(socket, 'connect');
    const first = socket.id;
    socket.io.engine.close();  // like a network failure: the client reconnects by itself
    await once(socket, 'connect');
    assert.notEqual(socket.id, first);
    socket.disconnect();
  },

  async 'stop the server'() {
    server.stop();
  },
});
