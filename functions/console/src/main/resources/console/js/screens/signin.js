// Sign-in: paste an API token. It is kept in sessionStorage only (this tab, until Sign out, a 401 or the tab closes).
import { errorBox, session, showError } from '../api.js';
import { field, h } from '../dom.js';

export function signInScreen(view, ctx, notice, signedIn) {
  const errors = errorBox();
  const token = h('input', { type: 'password', name: 'token', autocomplete: 'off', spellcheck: 'false', required: true });
  const form = h('form', { class: 'card', novalidate: true },
    field('API token', token, { hint: 'An Organization, Workspace or Deployment API token (lko_…, lkw_…, lkd_…).' }).row,
    h('button', { type: 'submit' }, 'Sign in'));
  const noticeBox = errorBox();
  noticeBox.setAttribute('role', 'status');
  noticeBox.classList.add('notice');
  if (notice) {
    showError(noticeBox, notice.error || { message: notice.message });
    if (notice.error) {
      noticeBox.prepend(h('p', {}, notice.message));
    }
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = token.value.trim();
    if (!value) {
      showError(errors, { message: 'Paste an API token.' });
      return;
    }
    session.signIn(value);
    token.value = '';
    try {
      await signedIn();
    } catch (e) {
      session.signOut();
      showError(errors, e);
    }
  });
  view.append(h('h1', {}, 'Sign in'), noticeBox,
    h('p', {}, 'The console talks to the Latchkey API with this token. It stays in this browser tab only, ',
      'and is forgotten when you sign out or the API refuses it.'),
    errors, form);
  token.focus();
  return {};
}
