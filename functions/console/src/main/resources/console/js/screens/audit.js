// The audit log: a time range, pages through the API's cursors, and a download of the whole range as JSON lines.
import { api, errorBox, org, showError } from '../api.js';
import { field, h, replace, status, when } from '../dom.js';

const PAGE = 20;

/** A datetime-local value (UTC) for an instant. */
function local(date) {
  return date.toISOString().slice(0, 16);
}

export function auditScreen(view) {
  const errors = errorBox();
  const now = new Date();
  const from = h('input', { type: 'datetime-local', name: 'from', value: local(new Date(now - 24 * 3600e3)) });
  const to = h('input', { type: 'datetime-local', name: 'to', value: local(new Date(now.getTime() + 3600e3)) });
  const results = h('div', { 'aria-live': 'polite' });
  const cursors = [null];   // cursors[i] opens page i; the next page's is pushed when it is known
  let pageIndex = 0;

  const range = () => ({ from: `${from.value}:00Z`, to: `${to.value}:00Z` });

  const form = h('form', { class: 'filters', novalidate: true },
    field('From (UTC)', from).row, field('To (UTC)', to).row,
    h('button', { type: 'submit' }, 'Show'),
    h('button', { type: 'button', class: 'secondary', onclick: download }, 'Download JSON lines'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    cursors.length = 1;
    pageIndex = 0;
    load();
  });

  async function load() {
    replace(results, status('Loading events…'));
    showError(errors, null, form);
    try {
      const page = await api('GET', org.path('audit-logs'), {
        query: { ...range(), limit: PAGE, cursor: cursors[pageIndex] },
      });
      cursors[pageIndex + 1] = page.nextCursor;
      render(page);
    } catch (e) {
      replace(results, status('The audit log could not be read.', 'error'));
      showError(errors, e, form);
    }
  }

  function render(page) {
    const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', disabled: pageIndex === 0, onclick: () => { pageIndex -= 1; load(); } }, 'Previous page'),
      h('span', {}, `Page ${pageIndex + 1}`),
      h('button', { type: 'button', disabled: !page.nextCursor, onclick: () => { pageIndex += 1; load(); } }, 'Next page'));
    if (page.events.length === 0) {
      replace(results, status('No events in this range.'), pager);
      return;
    }
    replace(results, h('table', { class: 'audit' },
      h('caption', {}, 'Audit events'),
      h('thead', {}, h('tr', {}, ['Time', 'Action', 'Outcome', 'Token', 'By', 'Request id', 'Detail']
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, page.events.map((e) => h('tr', {},
        h('td', { 'data-label': 'Time' }, when(e.at)), h('td', { 'data-label': 'Action' }, e.action),
        h('td', { 'data-label': 'Outcome' }, e.outcome), h('td', { 'data-label': 'Token' }, h('code', {}, e.tokenId || '—')),
        h('td', { 'data-label': 'By' }, e.actorName || e.actorId || '—'),
        h('td', { 'data-label': 'Request id' }, h('code', {}, e.requestId || '—')),
        h('td', { 'data-label': 'Detail' }, e.detail || ''))))), pager);
  }

  /** Every event of the range as JSON lines, following the cursors, saved as a file. */
  async function download() {
    showError(errors, null, form);
    try {
      const lines = [];
      let cursor = null;
      do {
        const response = await api('GET', org.path('audit-logs'), {
          query: { ...range(), limit: 1000, format: 'jsonl', cursor }, raw: true,
        });
        const text = await response.text();
        if (text) {
          lines.push(text.endsWith('\n') ? text : `${text}\n`);
        }
        cursor = response.headers.get('Latchkey-Next-Cursor');
      } while (cursor);
      const url = URL.createObjectURL(new Blob(lines, { type: 'application/x-ndjson' }));
      const link = h('a', { href: url, download: `latchkey-audit-${org.id}.jsonl` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      showError(errors, e, form);
    }
  }

  view.append(h('h1', {}, 'Audit log'), form, errors, results);
  load();
  return {};
}
