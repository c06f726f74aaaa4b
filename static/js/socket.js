// socket: the one WebSocket to the server. Builds its URL, keeps at most one request in flight
// (the others wait in a queue), hands every reply to its listener, and reconnects with a capped
// exponential back-off, letting the page resume its session first on each (re)open.

const MAX_QUEUE = 100;

/** The socket URL for a page location: wss under https, /ws?lang=… on the same host. */
export function socketUrl(location, lang) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws?lang=${encodeURIComponent(lang)}`;
}

/** Milliseconds to wait before reconnect number `attempt` (0, 1, …): doubling, capped, jittered. */
export function backoffDelay(attempt, { baseMs = 500, capMs = 15000, random = Math.random } = {}) {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() / 2));
}

export class Disconnected extends Error {
  constructor() {
    super('disconnected');
    this.name = 'Disconnected';
  }
}

/**
 * Open the connection. Options:
 *   url()            the URL to (re)connect to
 *   WebSocketImpl    the WebSocket constructor
 *   timers           {setTimeout, clearTimeout}
 *   onReply(reply)   every message the server sends, parsed
 *   onStatus(status, retryInMs)  'connecting' | 'open' | 'waiting'
 *   onOpen(api)      called on each open, before queued requests go out: resume the session here
 * Returns {request(message, {first}) → Promise<reply>, close()}; a request made while the
 * connection is down waits for the next open; one in flight when it drops rejects with Disconnected.
 */
export function createSocket({ url, WebSocketImpl, timers, onReply, onStatus, onOpen, random }) {
  const queue = [];
  let inFlight = null;
  let socket = null;
  let attempt = 0;
  let retryTimer = null;
  let closedForGood = false;

  function pump() {
    if (inFlight || !queue.length || !socket || socket.readyState !== 1) return;
    inFlight = queue.shift();
    socket.send(JSON.stringify(inFlight.message));
  }

  function request(message, { first = false } = {}) {
    return new Promise((resolve, reject) => {
      if (queue.length >= MAX_QUEUE) return reject(new Error('queue full'));
      const entry = { message, resolve, reject };
      if (first) queue.unshift(entry);
      else queue.push(entry);
      pump();
    });
  }

  function handleMessage(event) {
    let reply;
    try {
      reply = JSON.parse(event.data);
    } catch {
      return; // The server only sends JSON; ignore anything else.
    }
    attempt = 0;
    const answered = inFlight;
    inFlight = null;
    onReply(reply);
    answered?.resolve(reply);
    pump();
  }

  function failPending() {
    const pending = inFlight ? [inFlight, ...queue] : [...queue];
    inFlight = null;
    queue.length = 0;
    for (const entry of pending) entry.reject(new Disconnected());
  }

  function connect() {
    retryTimer = null;
    onStatus('connecting', 0);
    socket = new WebSocketImpl(url());
    socket.onopen = () => {
      onStatus('open', 0);
      onOpen?.({ request });
      pump();
    };
    socket.onmessage = handleMessage;
    socket.onclose = () => {
      socket = null;
      failPending();
      if (closedForGood) return;
      const delay = backoffDelay(attempt, { random });
      attempt += 1;
      onStatus('waiting', delay);
      retryTimer = timers.setTimeout(connect, delay);
    };
  }

  connect();
  return {
    request,
    close() {
      closedForGood = true;
      if (retryTimer) timers.clearTimeout(retryTimer);
      socket?.close();
    },
  };
}
