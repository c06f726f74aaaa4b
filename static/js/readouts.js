// readouts: the words and numbers of the text panel, read from the server's state. Pure: the
// read-outs (Época, Erro, Saída prevista, …), the phase status line, the current example, and
// the list of every gradient by its course name (with the numeric check when it is on).

import { formatList, formatNumber, formatPowerOfTen, MINUS, MISSING, neuronName, paramName } from './format.js';
import { shownExample } from './shown-example.js';

/** False before the first step after a start (the read-outs then show "—"). */
export function hasStarted(server) {
  return Boolean(server) && !(server.phase === 'idle' && server.steps === 0);
}

/** A whole number as is ("1", "−2"), anything else with the chosen decimals. */
export function compactNumber(x, precision, lang) {
  if (Number.isInteger(x)) return String(x).replace('-', MINUS);
  return formatNumber(x, precision, lang);
}

/**
 * The read-outs as text: {epoch, err, trainLoss, out, target, abs, correct, valErr}. err is always
 * the MSE of the training examples (metrics.mse, the curve's number), valErr the validation one; trainLoss is the loss that trains
 * (metrics.loss), shown on its own only when that is cross-entropy. ŷ, y and |ŷ − y| are those
 * of the example on screen (state.shown).
 */
export function readoutTexts(server, precision, t) {
  if (!hasStarted(server)) {
    return { epoch: MISSING, err: MISSING, trainLoss: MISSING, out: MISSING, target: MISSING, abs: MISSING,
      correct: MISSING, valErr: MISSING };
  }
  const shown = shownExample(server);
  const total = server.dataset?.train ?? server.dataset?.Y?.length;
  const correct = server.metrics?.correct;
  return {
    epoch: String(server.epoch),
    err: formatNumber(server.metrics?.mse, precision, t.lang),
    trainLoss: formatNumber(server.metrics?.loss, precision, t.lang),
    out: formatNumber(shown.yHat, precision, t.lang),
    target: shown.y === null ? MISSING : compactNumber(shown.y, precision, t.lang),
    abs: formatNumber(shown.absError, precision, t.lang),
    correct: Number.isInteger(correct) && total ? t('correct_value', { n: correct, total }) : MISSING,
    valErr: formatNumber(server.metrics?.val_mse, precision, t.lang),
  };
}

/**
 * What each read-out is taken over, under its label: the errors are means over the examples
 * ("média dos 4 exemplos"), ŷ, y and |ŷ − y| those of one example ("exemplo 1"). Said because the
 * canvas's L is one example's, and 0,1248 beside 0,1284 reads like a typo. Blank before any state.
 */
export function readoutScopes(server, t) {
  if (!server?.dataset) return { mean: '', valMean: '', example: '' };
  const trained = trainedCount(server);
  const validation = (server.dataset.Y?.length ?? trained) - trained;
  const sample = shownExample(server).sample;
  return {
    mean: meanOver(trained, t),
    valMean: validation > 0 ? meanOver(validation, t) : '',
    example: sample === null ? '' : t('scope_example', { n: sample + 1 }),
  };
}

const meanOver = (total, t) => (total === 1 ? t('scope_mean_one') : t('scope_mean', { total }));

/** True when the session trains with cross-entropy (the server's word, else the page's setting). */
export function trainsWithCrossEntropy(server, settings) {
  return (server?.config?.loss ?? settings?.loss) === 'bce';
}

/**
 * The sentences under the loss curve: the curve and "Erro (MSE)" are always the MSE; with
 * cross-entropy, one more sentence says what "Perda de treino (entropia cruzada)" is.
 */
export function lossNoteTexts(crossEntropy, t) {
  const mse = t('err_mse');
  return {
    bceMean: t('loss_note_bce_mean', { label: t('train_loss_bce') }),
    mean: t(crossEntropy ? 'loss_note_mean_bce' : 'loss_note_mean', { label: mse }),
  };
}

function phaseText(phase, layer, sizes, t) {
  const name = t(`phase_${phase}`);
  if (!Number.isInteger(layer) || !sizes) return name;
  return `${name}, ${t('layer_of', { n: layer + 1, total: sizes.length - 1 })}`;
}

/** The examples a step works on: "exemplo 2 de 4", or a batch's "exemplos 1 a 8 de 100". */
function examplesText(batch, first, total, t) {
  return batch && batch.size > 1
    ? t('batch_of', { from: first + 1, to: first + batch.size, total })
    : t('example_of', { n: first + 1, total });
}

const statusLine = (now, examples, next, t) =>
  `${t('phase_label')}: ${now} — ${examples} · ${t('next_label')}: ${next}`;

/** Examples trained on (the validation ones are not stepped through). */
const trainedCount = (server) => server.dataset?.train ?? server.dataset?.Y?.length ?? 1;

/**
 * "Fase: forward (propagação) — exemplo 2 de 4 · próximo: backward (retropropagação)"; when the
 * next phase starts another example, it says which ("…próximo: forward (propagação), exemplo 3").
 */
export function statusText(server, t) {
  const total = trainedCount(server);
  const shown = shownExample(server).sample ?? server.sample;
  const now = phaseText(server.phase, server.layer, server.sizes, t);
  let next = server.next ? phaseText(server.next.phase, server.next.layer, server.sizes, t) : MISSING;
  if (server.sample !== shown) next += `, ${t('example_of', { n: server.sample + 1, total })}`;
  const batch = server.batch;
  return statusLine(now, examplesText(batch, batch ? batch.start : shown, total, t), next, t);
}

// (what ran, what comes next) through one example; with "Passo detalhado" a layer at a time.
const MOVES = [['idle', 'forward'], ['forward', 'backward'], ['backward', 'update'], ['update', 'forward']];
const LAYER_MOVES = [...MOVES, ['forward', 'forward'], ['backward', 'backward']];

/**
 * Every status line this session's cycle can show, with the widest numbers it can have (the last
 * example, the last layer): the page sizes the status box to the tallest of them, so the network
 * below does not move from phase to phase. Never shown, so no number in them is the server's.
 */
export function cycleStatusTexts(server, t) {
  const total = trainedCount(server);
  const layers = Number.isInteger(server.layer) || Number.isInteger(server.next?.layer);
  const layerOf = (phase) => (layers && phase !== 'idle' && phase !== 'update' ? server.sizes.length - 2 : null);
  const examples = examplesText(server.batch, Math.max(0, total - (server.batch?.size ?? 1)), total, t);
  return (layers ? LAYER_MOVES : MOVES).map(([now, next]) => {
    const after = now === 'update' ? `, ${t('example_of', { n: total, total })}` : '';
    return statusLine(phaseText(now, layerOf(now), server.sizes, t), examples,
      phaseText(next, layerOf(next), server.sizes, t) + after, t);
  });
}

/** "Exemplo atual: x = (0; 0,5), y = 1": the example whose numbers are on screen. */
export function exampleText(server, precision, t) {
  const shown = shownExample(server);
  const x = server.shown?.x;
  if (!Array.isArray(x) || shown.y === null) return '';
  const xs = formatList(x.map((_, j) => shown.x(j)), t.lang, (xj) => compactNumber(xj, precision, t.lang));
  return `${t('example_now')}: x = (${xs}), y = ${compactNumber(shown.y, precision, t.lang)}`;
}

const at = (value, ...path) => path.reduce((node, key) => (node == null ? null : node[key]), value);

/** One row per parameter, in the course's order: each layer's weights, then its biases. */
export function gradientRows(server) {
  const rows = [];
  const { sizes } = server;
  for (let layer = 0; layer < sizes.length - 1; layer += 1) {
    for (let row = 0; row < sizes[layer + 1]; row += 1) {
      for (let col = 0; col < sizes[layer]; col += 1) {
        rows.push({ name: paramName(sizes, 'weight', layer, row, col), path: ['W', layer, row, col] });
      }
    }
    for (let row = 0; row < sizes[layer + 1]; row += 1) {
      rows.push({ name: paramName(sizes, 'bias', layer, row), path: ['b', layer, row] });
    }
  }
  return rows;
}

/** How the check's verdicts are decided, with the server's own thresholds ('' without a check). */
export function checkNote(gradcheck, t) {
  if (!gradcheck) return '';
  return t('grads_check_note', { h: formatPowerOfTen(gradcheck.step, t.lang),
    rtol: formatPowerOfTen(gradcheck.rtol, t.lang), resolution: formatPowerOfTen(gradcheck.resolution, t.lang) });
}

/**
 * The text of the Gradientes box: "∂L/∂w₁₁ = −0.0123", with the numeric check when present. The
 * same rows and a closing note from the start ("—" and "ainda não calculado" until a backward):
 * the box grew from 1 line to 11 at the first backward, and everything under it jumped. Below
 * the check's resolution the relative error reads "—": there the server's figure is |a − n| over
 * its floor (10⁻¹⁰), not over |a| + |n| (2.97×10⁻⁵⁸ against 0 would read 3.0×10⁻⁴⁸, not 1).
 */
export function gradientsText(server, precision, t) {
  if (!Array.isArray(server?.sizes)) return MISSING;
  const rows = gradientRows(server).map(({ name, path }) => {
    const [kind, ...address] = path;
    const analytic = at(server.backward, `d${kind}`, ...address);
    const numeric = at(server.gradcheck, `d${kind}`, ...address);
    const relative = at(server.gradcheck, `rel_error_${kind}`, ...address);
    const verdict = address.reduce((node, index) => node?.[index], server.gradcheck?.[`verdict_${kind}`]);
    return { label: `∂L/∂${name}`, value: formatNumber(analytic, precision, t.lang), numeric, relative, verdict };
  });
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const valueWidth = Math.max(...rows.map((r) => r.value.length));
  const lines = rows.map((r) => {
    let line = `${r.label.padEnd(labelWidth)} = ${r.value.padStart(valueWidth)}`;
    if (typeof r.numeric === 'number') {
      line += `   ${t('grads_numeric')} ${formatNumber(r.numeric, precision, t.lang).padStart(valueWidth)}`;
      line += `   ${t('grads_rel')} ${r.verdict === 'below_resolution' ? MISSING : formatNumber(r.relative, 2, t.lang)}`;
      if (r.verdict) line += `   ${t(`verdict_${r.verdict}`)}`;
    }
    return line;
  });
  lines.push('', `(${t(server.backward ? 'grads_done' : 'grads_pending')})`);
  return lines.join('\n');
}

function markedUnits(sizes, marks) {
  return (marks ?? []).flatMap((layer, l) => layer.flatMap((on, i) => (on ? [neuronName(sizes, l + 1, i)] : [])));
}

/**
 * What holds training back, in words: dead ReLU units and saturated units over the whole data set
 * (the server's `units`), and the scheduled η when a schedule is on; '' when there is nothing to say.
 */
export function healthText(server, precision, t) {
  const parts = [];
  const dead = markedUnits(server.sizes, server.units?.dead);
  const saturated = markedUnits(server.sizes, server.units?.saturated);
  if (dead.length) parts.push(t('units_dead', { names: dead.join(', ') }));
  if (saturated.length) parts.push(t('units_saturated', { names: saturated.join(', ') }));
  if (server.metrics?.penalty > 0) parts.push(t('penalty_value', { value: formatNumber(server.metrics.penalty, precision, t.lang) }));
  if (server.config?.schedule && server.config.schedule !== 'constant' && typeof server.lr_now === 'number') {
    parts.push(t('lr_scheduled', { lr: formatNumber(server.lr_now, precision, t.lang) }));
  }
  return parts.join(' · ');
}
