// Organization Settings › Access Management › API Tokens: the tokens the caller may see, filtered, sorted, paged.
import { api, errorBox, org, showError } from '../api.js';
import { field, h, replace, select, status, when } from '../dom.js';
import { loadRegistry, offerIds } from '../registry.js';
import { describeRole } from '../roles.js';

const PAGE = 10;
// The columns the API sorts by (docs/openapi.yaml, listTokens `sorts`), and the others.
const COLUMNS = [
  ['name', 'Name', 'name'], ['scope', 'Scope', 'scope'], ['roles', 'Roles', null], ['shortToken', 'Token', null],
  ['createdAt', 'Created', 'createdAt'], ['endAt', 'Expires', 'endAt'], ['lastUsedAt', 'Last used', 'lastUsedAt'],
  ['lastRotatedAt', 'Last rotated', 'lastRotatedAt'],
];

// The list's state survives a visit to a token and back (in memory only).
const state = { workspaceId: '', deploymentId: '', kind: '', orgOnly: false, sort: 'createdAt:desc', offset: 0 };

export function tokensScreen(view, ctx) {
  const errors = errorBox();
  const workspace = h('input', { name: 'workspaceId', value: state.workspaceId, autocomplete: 'off' });
  const deployment = h('input', { name: 'deploymentId', value: state.deploymentId, autocomplete: 'off' });
  const kind = select('kind', [['', 'Any'], ['STANDARD', 'Standard'], ['DIRECT_ACCESS', 'Direct access']], state.kind);
  const orgOnly = h('input', { type: 'checkbox', name: 'includeOnlyOrganizationTokens', checked: state.orgOnly });
  const registry = loadRegistry();
  const workspaceField = field('Workspace', workspace);
  const deploymentField = field('Deployment', deployment);
  offerIds(workspaceField, registry, 'workspaces');
  offerIds(deploymentField, registry, 'deployments');
  const filters = h('form', { class: 'filters', 'aria-label': 'Filters' },
    workspaceField.row, deploymentField.row, field('Kind', kind).row,
    h('div', { class: 'field check' }, orgOnly, h('label', { for: (orgOnly.id = 'org-only') }, 'Organization tokens only')),
    h('div', { class: 'field-error', 'data-field-error': 'includeOnlyOrganizationTokens' }),
    h('button', { type: 'submit' }, 'Apply'));
  const results = h('div', { class: 'results', 'aria-live': 'polite' });

  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    Object.assign(state, {
      workspaceId: workspace.value.trim(), deploymentId: deployment.value.trim(), kind: kind.value,
      orgOnly: orgOnly.checked, offset: 0,
    });
    load();
  });

  async function load() {
    replace(results, status('Loading tokens…'));
    results.setAttribute('aria-busy', 'true');
    showError(errors, null, filters);
    try {
      const page = await api('GET', org.path('tokens'), {
        query: {
          workspaceId: state.workspaceId, deploymentId: state.deploymentId, kind: state.kind,
          includeOnlyOrganizationTokens: state.orgOnly ? 'true' : '', sorts: [state.sort], offset: state.offset,
          limit: PAGE,
        },
      });
      render(page);
    } catch (e) {
      replace(results, status('The tokens could not be listed.', 'error'));
      showError(errors, e, filters);
    } finally {
      results.removeAttribute('aria-busy');
    }
  }

  function sortButton(key, label) {
    const [field, direction] = state.sort.split(':');
    const active = field === key;
    const next = active && direction === 'asc' ? 'desc' : 'asc';
    return h('button', {
      type: 'button', class: 'sort', 'data-sort': key,
      'aria-label': `Sort by ${label} ${next === 'asc' ? 'ascending' : 'descending'}`,
      onclick: () => { state.sort = `${key}:${next}`; state.offset = 0; load(); },
    }, label, active ? (direction === 'asc' ? ' ▲' : ' ▼') : '');
  }

  function render(page) {
    if (page.tokens.length === 0) {
      replace(results, status(page.totalCount === 0 ? 'No tokens match these filters.' : 'No tokens on this page.'));
      return;
    }
    const [sortField, direction] = state.sort.split(':');
    const head = h('tr', {}, COLUMNS.map(([key, label, sortable]) => h('th', {
      scope: 'col', 'aria-sort': sortField === key ? (direction === 'asc' ? 'ascending' : 'descending') : null,
    }, sortable ? sortButton(sortable, label) : label)));
    const rows = page.tokens.map((t) => h('tr', { 'data-token-id': t.id },
      h('td', { 'data-label': 'Name' }, h('a', { href: `#/tokens/${t.id}` }, t.name)),
      h('td', { 'data-label': 'Scope' }, t.scope, t.kind === 'DIRECT_ACCESS' ? ' (direct)' : ''),
      h('td', { 'data-label': 'Roles' }, h('ul', { class: 'plain' }, t.roles.map((r) => h('li', {}, describeRole(r))))),
      h('td', { 'data-label': 'Token' }, h('code', {}, t.shortToken)),
      h('td', { 'data-label': 'Created' }, when(t.createdAt)),
      h('td', { 'data-label': 'Expires' }, t.endAt ? when(t.endAt) : 'Never'),
      h('td', { 'data-label': 'Last used' }, when(t.lastUsedAt)),
      h('td', { 'data-label': 'Last rotated' }, when(t.lastRotatedAt))));
    const from = page.offset + 1;
    const to = page.offset + page.tokens.length;
    replace(results,
      h('table', { class: 'tokens' }, h('caption', {}, `Tokens ${from}–${to} of ${page.totalCount}`),
        h('thead', {}, head), h('tbody', {}, rows)),
      h('nav', { class: 'pager', 'aria-label': 'Pages' },
        h('button', {
          type: 'button', disabled: page.offset === 0,
          onclick: () => { state.offset = Math.max(0, state.offset - PAGE); load(); },
        }, 'Previous page'),
        h('span', {}, `Page ${Math.floor(page.offset / PAGE) + 1} of ${Math.max(1, Math.ceil(page.totalCount / PAGE))}`),
        h('button', {
          type: 'button', disabled: to >= page.totalCount,
          onclick: () => { state.offset += PAGE; load(); },
        }, 'Next page')));
  }

  view.append(
    h('div', { class: 'title' }, h('h1', {}, 'API Tokens'),
      h('a', { class: 'button', href: '#/tokens/new' }, '+ API Token')),
    filters, errors, results);
  load();
  return {};
}
