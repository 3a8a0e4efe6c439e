// The only way the console builds the page: elements and text nodes. A value from the API always becomes a text node
// (never markup), so a token named <img src=x onerror=alert(1)> is shown as those characters.

/** h('p', {class: 'x', onclick: fn}, 'text', child, ...): attributes, event handlers (on*), children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside element with children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let ids = 0;

/** A labelled control with a slot for its field error: {row, input, error}. */
export function field(label, input, { hint, name } = {}) {
  const id = input.id || `f${++ids}`;
  input.id = id;
  const error = h('p', { class: 'field-error', id: `${id}-error`, 'data-field-error': name || input.name || '' });
  const hintNode = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  input.setAttribute('aria-describedby', [hintNode ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' '));
  const row = h('div', { class: 'field' }, h('label', { for: id }, label), input, hintNode, error);
  return { row, input, error };
}

/** The entries of a one-per-line (or comma-separated) list, such as allowed networks; blank ones dropped. */
export function lines(text) {
  return text.split(/[\n,]/).map((s) => s.trim()).filter((s) => s !== '');
}

/** A select with options [value, label] (or plain strings). */
export function select(name, options, selected) {
  return h('select', { name },
    options.map((o) => {
      const [value, label] = Array.isArray(o) ? o : [o, o];
      return h('option', { value, selected: value === selected }, label);
    }));
}

/** "2026-12-01 23:40 UTC" for an ISO instant, "—" for none. */
export function when(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A status line: loading, empty or a plain message. */
export function status(text, kind = 'info') {
  return h('p', { class: `status status-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** Moves the keyboard focus to the screen's heading, so a screen change is announced and keyboard users start there. */
export function focusHeading(root) {
  const heading = root.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}
