// shortcuts: the keyboard shortcuts of the page. N or Space: Próximo passo; A: Treinar/Pausar;
// U or Ctrl+Z: Passo anterior; R: Reset; ?: the list. Never while the student types in a field,
// and never over a key a focused control already uses. Pure: main.js listens and acts.

const EDITABLE_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Controls where Space (or Enter) already does something of their own. */
const SPACE_TAGS = new Set(['BUTTON', 'SUMMARY', 'A']);

const PLAIN_KEYS = { n: 'next', ' ': 'next', a: 'auto', u: 'undo', r: 'reset', '?': 'help' };

/**
 * The action of one keydown, or null. event: {key, ctrlKey, metaKey, altKey, repeat,
 * target: {tagName, isContentEditable}}.
 */
export function shortcutFor(event) {
  const target = event.target ?? {};
  if (EDITABLE_TAGS.has(target.tagName) || target.isContentEditable) return null;
  if (event.altKey) return null;
  const key = String(event.key ?? '');
  if (event.ctrlKey || event.metaKey) return key.toLowerCase() === 'z' && !event.shiftKey ? 'undo' : null;
  if (key === ' ' && SPACE_TAGS.has(target.tagName)) return null;
  if (event.repeat && key !== ' ' && key.toLowerCase() !== 'n') return null;
  return PLAIN_KEYS[key.length === 1 ? key.toLowerCase() : key] ?? null;
}
