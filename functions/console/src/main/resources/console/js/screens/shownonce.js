// The confirmation screen: the value of a created or rotated token, once. It lives in this screen's DOM node and in
// this closure only (never stored, logged or put in a URL) and both are dropped when the screen is left.
import { h } from '../dom.js';

const LEAVE = "You won't be able to see this token's value again. Leave this screen?";

export function shownOnceScreen(view, ctx, created, heading) {
  let value = created.token;
  let confirmed = false;
  const valueNode = h('code', { id: 'shown-once-value', class: 'secret' }, value);
  const copied = h('p', { class: 'hint', role: 'status' });
  const beforeUnload = (event) => { event.preventDefault(); event.returnValue = ''; };
  window.addEventListener('beforeunload', beforeUnload);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      copied.textContent = 'Copied to the clipboard.';
    } catch {
      // No clipboard permission: select the value so Ctrl+C copies it.
      window.getSelection().selectAllChildren(valueNode);
      copied.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  }

  view.append(
    h('h1', {}, heading),
    h('p', { class: 'warning', role: 'note' }, "Copy the token now. You won't be able to see it again."),
    h('dl', { class: 'fields' },
      h('dt', {}, 'Name'), h('dd', {}, created.name),
      h('dt', {}, 'Scope'), h('dd', {}, created.scope),
      h('dt', {}, 'Token'), h('dd', {}, valueNode)),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: copy }, 'Copy token'),
      h('button', {
        type: 'button', class: 'secondary',
        onclick: () => {
          if (window.confirm(LEAVE)) {
            confirmed = true;
            ctx.navigate(`#/tokens/${created.id}`);
          }
        },
      }, 'Done')),
    copied);

  return {
    guard: () => confirmed || window.confirm(LEAVE),
    leave: () => {
      window.removeEventListener('beforeunload', beforeUnload);
      valueNode.textContent = '';
      value = null;
    },
  };
}
