// shortcuts: the keyboard shortcuts of the page. N or Space: Próximo passo; A: Treinar/Pausar;
// U or Ctrl+Z: Passo anterior; R: Reset; ?: the list. Never while the student types in a field,
// and never over a key a focused control already uses. Pure: main.js listens and acts.

/** Where a letter is text (a SELECT's letters pick an option by its name). */
const EDITABLE_TAGS = new Set(['TEXTAREA', 'SELECT']);
/** Inputs nobody types into: a letter there is free for a shortcut, Space is their own. */
const CLICKED_INPUTS = new Set(['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'color', 'file', 'image']);
/** Controls where Space (or Enter) already does something of their own. */
const SPACE_TAGS = new Set(['BUTTON', 'SUMMARY', 'A']);

function typedInto(target) {
  if (target.tagName === 'INPUT') return !CLICKED_INPUTS.has(String(target.type ?? 'text').toLowerCase());
  return EDITABLE_TAGS.has(target.tagName) || Boolean(target.isContentEditable);
}

const PLAIN_KEYS = { n: 'next', ' ': 'next', a: 'auto', u: 'undo', r: 'reset', '?': 'help' };

/**
 * The action of one keydown, or null. event: {key, ctrlKey, metaKey, altKey, repeat,
 * target: {tagName, type, isContentEditable}}. A checkbox or a slider just clicked keeps the
 * letters working: only a field one types into holds them.
 */
export function shortcutFor(event) {
  const target = event.target ?? {};
  if (typedInto(target)) return null;
  if (event.altKey) return null;
  const key = String(event.key ?? '');
  if (event.ctrlKey || event.metaKey) return key.toLowerCase() === 'z' && !event.shiftKey ? 'undo' : null;
  if (key === ' ' && (SPACE_TAGS.has(target.tagName) || target.tagName === 'INPUT')) return null;
  if (event.repeat && key !== ' ' && key.toLowerCase() !== 'n') return null;
  return PLAIN_KEYS[key.length === 1 ? key.toLowerCase() : key] ?? null;
}
