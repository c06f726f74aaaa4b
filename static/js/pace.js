// pace: how fast "Treinar automático" runs and when it stops by itself. The speed is a level of
// the settings table (0 … 10): the slow levels step one phase at a time with a pause (so forward,
// backward and update can be followed on the picture), the middle ones train a fixed number of
// epochs a frame, and the top one as many as the server trains in a frame's budget (it stops
// itself when the time is up, so the count needs no guessing). Pure: no DOM, no timers.

import { editableNumber, formatNumber, formatShort } from './format.js';

/** Pause after each phase at levels 0, 1, 2 (ms); level 3 steps one phase a frame. */
const PHASE_PAUSES = [700, 350, 150, 0];
/** Epochs a frame at levels 4 … 9. */
const EPOCHS = [1, 3, 10, 30, 100, 300];
/** The server's training time per request at the fastest level (about two frames: the page
 * draws the last answer while the server trains the next), and the most epochs one asks for. */
const FRAME_BUDGET_SECONDS = 0.03;
const MAX_EPOCHS_PER_REQUEST = 1000;

/** {mode: 'phase', pause} | {mode: 'train', epochs} | {mode: 'adaptive'} for a speed level. */
export function paceOf(level) {
  if (level < PHASE_PAUSES.length) return { mode: 'phase', pause: PHASE_PAUSES[Math.max(0, level)] };
  const index = level - PHASE_PAUSES.length;
  return index < EPOCHS.length ? { mode: 'train', epochs: EPOCHS[index] } : { mode: 'adaptive' };
}

/** The message the next step of auto-training sends, at epoch `epoch`. Early stopping's
 * `patience` goes only to a session with validation examples (`validated`). */
export function trainMessage(settings, epoch, validated = false) {
  const pace = paceOf(settings.speed);
  if (pace.mode === 'phase') return { op: 'step' };
  const wanted = pace.mode === 'train' ? pace.epochs : MAX_EPOCHS_PER_REQUEST;
  const left = Math.max(1, settings.maxEpochs - epoch);
  const message = { op: 'train', epochs: Math.min(wanted, left), until: settings.targetLoss };
  const timed = pace.mode === 'adaptive' ? { ...message, seconds: FRAME_BUDGET_SECONDS } : message;
  return settings.patience > 0 && validated ? { ...timed, patience: settings.patience } : timed;
}

/** True right after an epoch ended: a `train` answer, or the update of an epoch's last example. */
function epochJustEnded(server) {
  return server.reply_to === 'train' || (server.phase === 'update' && server.sample === 0);
}

/**
 * Why auto-training stops after this state, or null: at the end of an epoch, the training MSE
 * reached the target, or the validation loss has not improved for `patience` epochs (the
 * server's best point, metrics.val_best); or the epoch count reached its maximum. {key, params}.
 */
export function stopReason(server, settings, precision = 4) {
  const mse = server?.metrics?.mse;
  const best = server?.metrics?.val_best;
  if (epochJustEnded(server) && typeof mse === 'number' && mse <= settings.targetLoss) {
    return { key: 'stopped_target', params: { loss: formatNumber(mse, precision, settings.lang),
      target: editableNumber(settings.targetLoss, settings.lang), epoch: server.epoch } };
  }
  if (epochJustEnded(server) && settings.patience > 0 && best && server.epoch - best.epoch >= settings.patience) {
    return { key: 'stopped_early', params: { patience: settings.patience, loss: formatNumber(best.loss, precision, settings.lang),
      best: best.epoch, epoch: server.epoch } };
  }
  if (server.epoch >= settings.maxEpochs) {
    return { key: 'stopped_max', params: { max: settings.maxEpochs } };
  }
  return null;
}

/** The speed as words: "uma fase a cada 0,7 s", "10 épocas por quadro", "máxima". */
export function speedText(level, t) {
  const pace = paceOf(level);
  if (pace.mode === 'phase') {
    return pace.pause ? t('speed_phase', { s: formatShort(pace.pause / 1000, t.lang) }) : t('speed_phase_frame');
  }
  return pace.mode === 'train' ? t(pace.epochs === 1 ? 'speed_epoch' : 'speed_epochs', { n: pace.epochs }) : t('speed_max');
}
