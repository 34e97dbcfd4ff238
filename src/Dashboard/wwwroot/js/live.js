// The SignalR connection to /hubs/live: automatic reconnect that never gives up, and a visible state.
/* global signalR */

/** Did the server refuse the token (401)? */
const refused = (error) => /\b401\b/.test(String(error?.message ?? ''));

/**
 * @param {object} o
 * @param {() => string} o.token the bearer token
 * @param {(state: 'connecting'|'live'|'reconnecting'|'offline') => void} o.onState
 * @param {() => Promise<void>} o.onReconnected re-subscribe: every Subscribe answers with a fresh snapshot
 * @param {Record<string, (msg: any) => void>} o.handlers server -> client messages
 */
export function createLive({ token, onState, onReconnected, handlers }) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/live', { accessTokenFactory: token })
    // 0, 1, 2, 4, 8, then every 10 s, forever: a wall screen waits out a host restart on its own. A refused
    // token (revoked display, expired sign-in) stops retrying: the screen asks to sign in again.
    .withAutomaticReconnect({
      nextRetryDelayInMilliseconds: (ctx) =>
        refused(ctx.retryReason) ? null : ctx.previousRetryCount === 0 ? 0 : Math.min(1000 * 2 ** (ctx.previousRetryCount - 1), 10000),
    })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  for (const [name, handler] of Object.entries(handlers)) connection.on(name, handler);

  connection.onreconnecting(() => onState('reconnecting'));
  connection.onreconnected(async () => {
    onState('live');
    await onReconnected();
  });
  // Automatic reconnect gave up or the first start failed: keep trying to start again.
  let stopped = false;
  connection.onclose((error) => {
    onState('offline');
    if (stopped) return;
    if (refused(error)) unauthorized();
    else setTimeout(() => start().then(onReconnected).catch(() => {}), 5000);
  });

  let unauthorized = () => {};

  async function start() {
    if (stopped) return;
    onState('connecting');
    try {
      await connection.start();
      onState('live');
    } catch (e) {
      onState('offline');
      if (refused(e)) {
        unauthorized();
        throw e;
      }
      await new Promise((r) => setTimeout(r, 3000));
      return start();
    }
  }

  return {
    start,
    onUnauthorized: (f) => (unauthorized = f),
    invoke: (method, ...args) => connection.invoke(method, ...args),
    stop: () => {
      stopped = true;
      return connection.stop();
    },
  };
}
