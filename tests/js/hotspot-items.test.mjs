// Tests for hotspot-items.js's editor boxes: an open editor covers the label it edits (on a phone a
// label has no name), so the name of what is edited is written over it, clear of it and inside the
// canvas, for every editable hotspot at the canvas sizes a 320 … 1280 px window gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hotspotItems, editBox, captionBox, CAPTION_H } from '../../static/js/hotspot-items.js';
import { layoutNetwork, FOCUS_RING_PX } from '../../static/js/layout.js';

const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function stateFor(sizes) {
  const W = sizes.slice(1).map((n, l) => Array.from({ length: n }, () => Array(sizes[l]).fill(-0.5264)));
  const b = sizes.slice(1).map((n) => Array(n).fill(0.35));
  return { sizes, params: { W, b }, forward: null, shown: { sample: 0, x: [0, 1], y: 1, under_way: true } };
}

test('the name of each value being edited sits by its editor, apart from it and inside the canvas', () => {
  let checked = 0;
  for (const sizes of [[2, 2, 1], [2, 8, 1], [2, 3, 2, 1], [2, 8, 8, 8, 8, 8, 8, 1]]) {
    for (const [width, height] of [[276, 276], [316, 316], [276, 680], [544, 326], [544, 680]]) {
      const layout = layoutNetwork(sizes, width, height, { precision: 4 });
      for (const item of hotspotItems(layout, stateFor(sizes), { precision: 4 }).filter((i) => i.editable)) {
        const editor = editBox(item.box, layout);
        const caption = captionBox(editor, layout);
        const what = `${sizes.join('–')}, ${width}×${height}, ${item.name}`;
        assert.equal(caption.h, CAPTION_H, what);
        assert.ok(caption.w >= 40, `${what}: ${caption.w} px is too narrow for a name`);
        assert.ok(!overlap(caption, { x: editor.x - FOCUS_RING_PX, y: editor.y - FOCUS_RING_PX,
          w: editor.w + 2 * FOCUS_RING_PX, h: editor.h + 2 * FOCUS_RING_PX }), `${what}: the name covers its editor or its ring`);
        assert.ok(caption.x >= 0 && caption.y >= 0 && caption.x + caption.w <= width && caption.y + caption.h <= height, `${what}: the name leaves the canvas`);
        checked += 1;
      }
    }
  }
  assert.ok(checked > 300, `${checked} editors checked`);
});

test('the name goes above its editor, below it only at the canvas’s top', () => {
  const layout = layoutNetwork([2, 2, 1], 276, 276, { precision: 4 });
  const low = captionBox({ x: 20, y: 100, w: 92, h: 26 }, layout);
  assert.ok(low.y + low.h <= 100 - FOCUS_RING_PX);
  const top = captionBox({ x: 20, y: 8, w: 92, h: 26 }, layout);
  assert.ok(top.y >= 8 + 26 + FOCUS_RING_PX);
});
