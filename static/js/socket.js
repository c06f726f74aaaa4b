// socket: the one WebSocket to the server. Builds its URL, keeps one request in flight (the others
// wait in a queue; a student's action may cut in behind it, see pump), hands every reply to its
// listener, and reconnects with a capped exponential back-off, letting the page resume its session
// first on each (re)open.

const MAX_QUEUE = 100;
const GOING_AWAY = 1001;

/** The socket URL for a page location: wss under https, /ws?lang=… on the same host. */
export function socketUrl(pageLocation, lang) {
  const scheme = pageLocation.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${pageLocation.host}/ws?lang=${encodeURIComponent(lang)}`;
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
 *   onStatus(status, retryInMs, reason)  'connecting' | 'open' | 'waiting'; reason is the
 *                    server's sentence when it closed the socket ("Servidor cheio: …"), or ''
 *   onOpen(api)      called on each open: resume the session here with request(m, {first: true});
 *                    until the promise it returns settles, only those requests go out
 * Returns {request(message, {first, cutIn}) → Promise<reply>, close()}. Requests not yet sent wait
 * for the next open (after the resume); those in flight when the socket drops reject with
 * Disconnected (the session is restored from a snapshot, so they are not sent again).
 */
export function createSocket({ url, WebSocketImpl, timers, onReply, onStatus, onOpen, random }) {
  const queue = [];
  const onWire = []; // sent, not yet answered: the server answers each message once, in order
  let socket = null;
  let attempt = 0;
  let retryTimer = null;
  let closedForGood = false;
  let resuming = false;

  /**
   * Send the next request when none is on the wire; while the session is being resumed, only the
   * resume's own. A cut-in goes behind one on the wire: the server ends a `train` at its next
   * epoch once another message waits, so a student's action need not wait for a long one.
   */
  function pump() {
    if (!socket || socket.readyState !== 1 || onWire.length > 1) return;
    const index = resuming ? queue.findIndex((entry) => entry.first) : 0;
    if (index < 0 || index >= queue.length || (onWire.length && !queue[index].cutIn)) return;
    const [entry] = queue.splice(index, 1);
    onWire.push(entry);
    socket.send(JSON.stringify(entry.message));
    pump(); // a cut-in queued behind it may follow
  }

  function request(message, { first = false, cutIn = false } = {}) {
    return new Promise((resolve, reject) => {
      if (queue.length >= MAX_QUEUE) return reject(new Error('queue full'));
      const entry = { message, resolve, reject, first, cutIn };
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
    const answered = onWire.shift();
    onReply(reply);
    answered?.resolve(reply);
    pump();
  }

  /**
   * On a drop, give up the requests on the wire (they may or may not have run) and the unsent
   * requests of the interrupted resume (the next open resumes afresh).
   */
  function failInterrupted() {
    const lost = onWire.splice(0);
    for (let i = queue.length - 1; i >= 0; i -= 1) {
      if (queue[i].first) lost.push(...queue.splice(i, 1));
    }
    for (const entry of lost) entry.reject(new Disconnected());
  }

  function connect() {
    retryTimer = null;
    onStatus('connecting', 0);
    const current = new WebSocketImpl(url());
    socket = current;
    socket.onopen = () => {
      onStatus('open', 0);
      resuming = true;
      const resumed = onOpen?.({ request });
      const done = () => {
        if (socket !== current) return; // that connection is gone; the next one resumes anew
        resuming = false;
        pump();
      };
      if (typeof resumed?.finally === 'function') resumed.finally(done);
      else done();
    };
    socket.onmessage = handleMessage;
    socket.onclose = (event) => {
      socket = null;
      failInterrupted();
      if (closedForGood) return;
      // 1001: the server is going away (a redeploy); another one can take the session at once.
      const goingAway = event?.code === GOING_AWAY;
      const delay = goingAway ? 0 : backoffDelay(attempt, { random });
      if (!goingAway) attempt += 1;
      onStatus('waiting', delay, event?.reason || '');
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
