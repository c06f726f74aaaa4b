// network-flow: the gradient flow on the network picture: behind each weight layer's edges a band
// whose shade follows log10 ‖∂L/∂W‖ of that layer (the server's gradflow.norm_W) from the weakest
// layer (faint) to the strongest, over at least one decade, so a vanishing gradient fades
// toward the input. Pure drawing.

/** Band opacity of each weight layer, from 0.03 (weakest, or no gradient) to 0.18 (strongest). */
export function flowShades(norms) {
  const logs = norms.map((v) => (v > 0 ? Math.log10(v) : null));
  const known = logs.filter((v) => v !== null);
  const top = Math.max(...known);
  const span = Math.max(1, top - Math.min(...known));
  return logs.map((v) => 0.03 + 0.15 * (v === null ? 0 : 1 - (top - v) / span));
}

export function drawFlowBands(ctx, norms, layout, color) {
  if (!Array.isArray(norms) || !norms.some((v) => v > 0)) return;
  flowShades(norms).forEach((alpha, l) => {
    const left = layout.neurons[l][0].x;
    ctx.globalAlpha = alpha;
    ctx.fillStyle = color;
    ctx.fillRect(left, layout.header, layout.neurons[l + 1][0].x - left, layout.height - layout.header);
  });
  ctx.globalAlpha = 1;
}
