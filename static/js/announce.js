// announce: the sentence the polite live region says after each phase, in words and with the
// phase's key numbers (all from the server's state), and the one said while auto-training.
// Pure: main.js decides when to speak (after each step; at most every few seconds while training).

import { editableNumber, formatNumber } from './format.js';

/** Seconds between two announcements while auto-training. */
export const TRAINING_ANNOUNCE_MS = 4000;

function layerSentence(server, t, key) {
  return t(key, { n: server.layer + 1, total: server.sizes.length - 1 });
}

function backwardSentence(server, t, precision, n) {
  const da = server.backward?.da;
  const dyhat = Array.isArray(da) ? da[da.length - 1]?.[0] : null;
  return t('say_backward', { n, dyhat: formatNumber(dyhat, precision, t.lang) });
}

/** What the live region says about this state after a step (not while training). */
export function phaseAnnouncement(server, t, precision) {
  if (!server) return '';
  const total = server.dataset?.Y?.length ?? 1;
  const n = (server.shown?.sample ?? server.sample) + 1;
  const detailedLayer = Number.isInteger(server.layer);
  switch (server.phase) {
    case 'forward':
      if (detailedLayer && server.forward?.y_hat == null) return layerSentence(server, t, 'say_forward_layer');
      return t('say_forward', { n, total, yhat: formatNumber(server.forward?.y_hat, precision, t.lang),
        y: formatNumber(server.forward?.y, precision, t.lang), loss: formatNumber(server.forward?.loss, precision, t.lang) });
    case 'backward':
      if (detailedLayer && server.layer > 0) return layerSentence(server, t, 'say_backward_layer');
      return backwardSentence(server, t, precision, n);
    case 'update':
      return t('say_update', { lr: editableNumber(server.update?.lr ?? server.config?.lr, t.lang),
        mse: formatNumber(server.metrics?.mse, precision, t.lang) });
    default:
      return t('say_idle', { n: server.sample + 1, total });
  }
}

/** What it says while auto-training runs (or right after it stops, when `paused`). */
export function trainingAnnouncement(server, t, precision, paused = false) {
  if (!server) return '';
  return t(paused ? 'say_paused' : 'say_training',
    { epoch: server.epoch, mse: formatNumber(server.metrics?.mse, precision, t.lang) });
}
