import { io, type Socket } from 'socket.io-client';

// One Socket.IO connection to admit's /realtime namespace per page; the session cookie rides
// along (same origin). Rooms are re-joined after every reconnect.
let socket: Socket | null = null;
// The login's token, kept in memory only, for the Socket.IO handshake; the HttpOnly session
// cookie rides along too, and is all a reloaded page has.
let token: string | null = null;
export function setRealtimeToken(value: string | null): void {
  token = value;
}
const rooms = new Set<string>();
const statusListeners = new Set<(online: boolean) => void>();

export function realtime(): Socket {
  if (socket) return socket;
  socket = io('/realtime', {
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    auth: (cb: (data: object) => void) => cb(token ? { token } : {}),
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  socket.on('connect', () => {
    for (const room of rooms) socket!.emit(`subscribe:${room}`);
    statusListeners.forEach((f) => f(true));
  });
  socket.on('disconnect', () => statusListeners.forEach((f) => f(false)));
  socket.on('connect_error', () => statusListeners.forEach((f) => f(false)));
  return socket;
}

export function subscribe(room: 'sessions' | 'ambassadors' | 'travel-grants'): void {
  const s = realtime();
  rooms.add(room);
  // Joining again is harmless and answers the room's initial state to the page that asks.
  if (s.connected) s.emit(`subscribe:${room}`);
}

export function onConnection(listener: (online: boolean) => void): () => void {
  statusListeners.add(listener);
  listener(socket?.connected ?? false);
  return () => statusListeners.delete(listener);
}

export function closeRealtime(): void {
  socket?.close();
  socket = null;
  rooms.clear();
}
