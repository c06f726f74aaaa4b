// architecture: the + and − buttons beside the network picture that add and remove hidden layers
// and units, within the settings table's bounds. architectureActions is pure (what each button
// does); renderArchitecture keeps one keyed <button> per action in the container it is given, so
// a button keeps the keyboard focus while the network changes under it.

/**
 * The buttons for hidden sizes `hidden` (e.g. [2]): [{key, text, labelKey, params, hidden (the
 * sizes a click asks for), disabled}], the layer buttons first, then − and + of each layer.
 */
export function architectureActions(hidden, entry) {
  const last = hidden.length ? hidden[hidden.length - 1] : 2;
  const actions = [
    { key: 'layer-', text: '−', labelKey: 'arch_remove_layer', params: {}, hidden: hidden.slice(0, -1),
      disabled: hidden.length <= entry.min_layers },
    { key: 'layers', text: null, labelKey: 'arch_layers', params: { n: hidden.length } },
    { key: 'layer+', text: '+', labelKey: 'arch_add_layer', params: {}, hidden: [...hidden, last],
      disabled: hidden.length >= entry.max_layers },
  ];
  hidden.forEach((units, i) => {
    const change = (delta) => hidden.map((u, k) => (k === i ? u + delta : u));
    const params = { n: i + 1, units };
    actions.push(
      { key: `units${i}-`, text: '−', labelKey: 'arch_fewer', params, hidden: change(-1), disabled: units <= entry.min },
      { key: `units${i}`, text: null, labelKey: 'arch_units', params },
      { key: `units${i}+`, text: '+', labelKey: 'arch_more', params, hidden: change(1), disabled: units >= entry.max },
    );
  });
  return actions;
}

function elementFor(doc, action) {
  const node = doc.createElement(action.text === null ? 'span' : 'button');
  node.dataset.key = action.key;
  if (action.text !== null) {
    node.type = 'button';
    node.className = 'bp-arch__button';
  } else {
    node.className = 'bp-arch__count';
  }
  return node;
}

/**
 * Show `actions` in `container` (reusing its elements by key); a click calls onChange(hidden).
 * t is the translator.
 */
export function renderArchitecture(container, actions, t, onChange) {
  const doc = container.ownerDocument;
  const existing = new Map([...container.children].map((node) => [node.dataset.key, node]));
  const wanted = actions.map((action) => {
    const node = existing.get(action.key) ?? elementFor(doc, action);
    const label = t(action.labelKey, action.params);
    if (action.text === null) {
      if (node.textContent !== label) node.textContent = label;
    } else {
      if (node.textContent !== action.text) node.textContent = action.text;
      node.setAttribute('aria-label', label);
      node.title = label;
      node.disabled = Boolean(action.disabled);
      node.onclick = () => onChange(action.hidden);
    }
    return node;
  });
  for (const [key, node] of existing) if (!actions.some((a) => a.key === key)) node.remove();
  wanted.forEach((node, i) => {
    if (container.children[i] !== node) container.insertBefore(node, container.children[i] ?? null);
  });
}
