// architecture: the + and − buttons beside the network picture that add and remove hidden layers
// and units, within the settings table's bounds. architectureActions is pure (what each button
// does); renderArchitecture keeps one keyed <button> per action in the container it is given, so
// a button keeps the keyboard focus while the network changes under it.

/**
 * The buttons for hidden sizes `hidden` (e.g. [2]): [{key, group, text, labelKey, params, hidden
 * (the sizes a click asks for), disabled}], the layer buttons first, then − and + of each layer;
 * `group` names the −, count and + that belong together.
 */
export function architectureActions(hidden, entry) {
  const last = hidden.length ? hidden[hidden.length - 1] : 2;
  const actions = [
    { key: 'layer-', group: 'layers', text: '−', labelKey: 'arch_remove_layer', params: {}, hidden: hidden.slice(0, -1),
      disabled: hidden.length <= entry.min_layers },
    { key: 'layers', group: 'layers', text: null, labelKey: 'arch_layers', params: { n: hidden.length } },
    { key: 'layer+', group: 'layers', text: '+', labelKey: 'arch_add_layer', params: {}, hidden: [...hidden, last],
      disabled: hidden.length >= entry.max_layers },
  ];
  hidden.forEach((units, i) => {
    const change = (delta) => hidden.map((u, k) => (k === i ? u + delta : u));
    const params = { n: i + 1, units };
    const group = `units${i}`;
    actions.push(
      { key: `units${i}-`, group, text: '−', labelKey: 'arch_fewer', params, hidden: change(-1), disabled: units <= entry.min },
      { key: `units${i}`, group, text: null, labelKey: 'arch_units', params },
      { key: `units${i}+`, group, text: '+', labelKey: 'arch_more', params, hidden: change(1), disabled: units >= entry.max },
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
 * Show `actions` in `container` (reusing its elements by key), each −, count and + kept together
 * in one group that wraps as a whole on a narrow screen; a click calls onChange(hidden).
 * t is the translator.
 */
export function renderArchitecture(container, actions, t, onChange) {
  const doc = container.ownerDocument;
  const existing = new Map([...container.querySelectorAll('[data-key]')].map((node) => [node.dataset.key, node]));
  const groups = new Map();
  for (const action of actions) {
    if (!groups.has(action.group)) groups.set(action.group, []);
    groups.get(action.group).push(renderAction(existing.get(action.key) ?? elementFor(doc, action), action, t, onChange));
  }
  const oldGroups = new Map([...container.children].map((node) => [node.dataset.group, node]));
  const wanted = [...groups].map(([key, nodes]) => {
    const group = oldGroups.get(key) ?? groupElement(doc, key);
    keepChildren(group, nodes);
    return group;
  });
  keepChildren(container, wanted);
}

function groupElement(doc, key) {
  const group = doc.createElement('span');
  group.className = 'bp-arch__group';
  group.dataset.group = key;
  return group;
}

function renderAction(node, action, t, onChange) {
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
}

/** Make `nodes` the children of `parent`, in order, moving only what is out of place. */
function keepChildren(parent, nodes) {
  for (const child of [...parent.children]) if (!nodes.includes(child)) child.remove();
  nodes.forEach((node, i) => {
    if (parent.children[i] !== node) parent.insertBefore(node, parent.children[i] ?? null);
  });
}
