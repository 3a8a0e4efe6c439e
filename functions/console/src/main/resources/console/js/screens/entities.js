// Workspaces and deployments: register them, list the ones the organization has (those the caller may see, from the
// list routes), remove one after a dry-run preview of the cascade (tokens revoked, role entries stripped, deployments
// removed).
import { api, errorBox, org, showError } from '../api.js';
import { field, h, replace, status, when } from '../dom.js';
import { loadRegistry, offerIds } from '../registry.js';

export function entitiesScreen(view) {
  const errors = errorBox();
  const known = h('div', { 'aria-live': 'polite' }, status('Loading…'));
  const preview = h('div', { class: 'preview', 'aria-live': 'polite' });

  let registry = loadRegistry();
  const pickers = [];

  const workspaceForm = registerForm('Register a workspace', [['workspaceId', 'Workspace id']], async (v) => {
    await api('PUT', org.path(`workspaces/${encodeURIComponent(v.workspaceId)}`));
  });
  const deploymentForm = registerForm('Register a deployment',
    [['deploymentId', 'Deployment id'], ['workspaceId', 'In workspace', 'workspaces']], async (v) => {
      await api('PUT', org.path(`deployments/${encodeURIComponent(v.deploymentId)}`),
        { body: { workspaceId: v.workspaceId } });
    });

  function registerForm(title, inputs, submit) {
    const box = errorBox();
    const controls = inputs.map(([name, label, offered]) => {
      const control = field(label, h('input', { name, autocomplete: 'off' }));
      if (offered) {
        pickers.push(offerIds(control, registry, offered));
      }
      return control;
    });
    const form = h('form', { class: 'card', novalidate: true }, h('h2', {}, title), box,
      controls.map((c) => c.row), h('button', { type: 'submit' }, 'Register'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const values = Object.fromEntries(controls.map((c) => [c.input.name, c.input.value.trim()]));
      try {
        await submit(values);
        showError(box, null, form);
        controls.forEach((c) => { c.input.value = ''; });
        await list();
      } catch (err) {
        showError(box, err, form);
      }
    });
    return form;
  }

  /** Reads both lists again (after a change) and shows them: loading, error, empty or the table. */
  async function list(fresh = true) {
    if (fresh) {
      registry = loadRegistry();
      pickers.forEach((p) => p.reload(registry));
    }
    replace(known, status('Loading workspaces and deployments…'));
    known.setAttribute('aria-busy', 'true');
    let workspaces;
    let deployments;
    try {
      [workspaces, deployments] = await Promise.all([registry.workspaces, registry.deployments]);
    } catch (e) {
      replace(known, status('The workspaces and deployments could not be listed.', 'error'));
      showError(errors, e);
      return;
    } finally {
      known.removeAttribute('aria-busy');
    }
    showError(errors, null);
    const rows = [...workspaces, ...deployments];
    if (rows.length === 0) {
      replace(known, status('No workspace or deployment is registered yet (or none you may see): register one.'));
      return;
    }
    replace(known, h('table', { class: 'entities' },
      h('caption', {}, `Registered workspaces (${workspaces.length}) and deployments (${deployments.length})`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Id'),
        h('th', { scope: 'col' }, 'Workspace'), h('th', { scope: 'col' }, 'Registered'),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')))),
      h('tbody', {}, rows.map((e) => h('tr', { 'data-entity': `${e.type}:${e.id}` },
        h('td', { 'data-label': 'Type' }, e.type === 'WORKSPACE' ? 'Workspace' : 'Deployment'),
        h('td', { 'data-label': 'Id' }, e.id),
        h('td', { 'data-label': 'Workspace' }, e.workspaceId || '—'),
        h('td', { 'data-label': 'Registered' }, when(e.createdAt)),
        h('td', {}, h('button', {
          type: 'button', class: 'secondary', 'aria-label': `Remove ${e.id}…`, onclick: () => showPreview(e),
        }, 'Remove…')))))));
  }

  function removalPath(e) {
    return org.path(`${e.type === 'WORKSPACE' ? 'workspaces' : 'deployments'}/${encodeURIComponent(e.id)}`);
  }

  function removalList(title, ids) {
    return [h('h3', {}, `${title} (${ids.length})`),
      ids.length ? h('ul', { class: 'plain' }, ids.map((id) => h('li', {}, h('code', {}, id)))) : h('p', { class: 'hint' }, 'None')];
  }

  async function showPreview(e) {
    const box = errorBox();
    replace(preview, status('Computing what the removal would do…'));
    try {
      const dry = await api('DELETE', removalPath(e), { query: { dryRun: 'true' } });
      const confirm = h('button', { type: 'button', class: 'danger' }, `Remove ${e.id} for real`);
      const cancel = h('button', { type: 'button', class: 'secondary', onclick: () => replace(preview) }, 'Cancel');
      confirm.addEventListener('click', async () => {
        try {
          const done = await api('DELETE', removalPath(e));
          replace(preview, h('section', { class: 'card', 'aria-labelledby': 'removed-h' },
            h('h2', { id: 'removed-h' }, `Removed ${e.id}`),
            removalList('Tokens revoked', done.revokedTokens), removalList('Roles removed from', done.rolesRemovedFrom),
            removalList('Deployments removed', done.deploymentsRemoved)));
          await list();
        } catch (err) {
          showError(box, err);
        }
      });
      replace(preview, h('section', { class: 'card danger-zone', 'aria-labelledby': 'preview-h' },
        h('h2', { id: 'preview-h' }, `Removing ${e.type === 'WORKSPACE' ? 'workspace' : 'deployment'} ${e.id} would:`),
        box, removalList('Revoke tokens', dry.revokedTokens), removalList('Remove roles from tokens', dry.rolesRemovedFrom),
        removalList('Remove deployments', dry.deploymentsRemoved), h('div', { class: 'actions' }, confirm, cancel)));
      confirm.focus();
    } catch (err) {
      replace(preview, box);
      showError(box, err);
    }
  }

  view.append(h('h1', {}, 'Workspaces & deployments'), errors,
    h('div', { class: 'two' }, workspaceForm, deploymentForm), preview, known);
  list(false);
  return {};
}
