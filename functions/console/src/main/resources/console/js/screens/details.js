// A token's page: its fields, its roles grouped as Astro shows them (organization, workspaces, deployments, dags),
// edit name, description and allowed networks, add or remove a role (which also assigns the token to another workspace or deployment,
// or removes it from one), rotate with an optional grace period, and delete with a typed confirmation.
import { api, errorBox, org, showError } from '../api.js';
import { field, h, lines, replace, select, status, when } from '../dom.js';
import { loadRegistry, offerIds } from '../registry.js';
import { ENTITY_TYPES, describeRole, grouped, offeredRoles, roleInput } from '../roles.js';

export function detailsScreen(view, ctx, tokenId) {
  const path = org.path(`tokens/${tokenId}`);
  const errors = errorBox();
  const body = h('div', {}, status('Loading the token…'));
  view.append(h('div', { class: 'title' }, h('h1', {}, 'API token'), h('a', { href: '#/tokens' }, '← All tokens')),
    errors, body);

  async function load() {
    try {
      render(await api('GET', path));
    } catch (e) {
      replace(body, status('The token could not be read.', 'error'));
      showError(errors, e);
    }
  }

  function render(t) {
    showError(errors, null);
    view.querySelector('h1').textContent = t.name;
    replace(body, fields(t), editForm(t), rolesSection(t), rotateSection(t), deleteSection(t));
  }

  function fields(t) {
    const rows = [
      ['Id', h('code', {}, t.id)], ['Description', t.description || '—'], ['Scope', t.scope],
      ['Kind', t.kind === 'DIRECT_ACCESS' ? 'Direct access' : 'Standard'], ['Lives at', t.entityId],
      ['Token', h('code', {}, t.shortToken)], ['Created', `${when(t.createdAt)} by ${t.createdBy?.apiTokenName || t.createdBy?.id}`],
      ['Updated', `${when(t.updatedAt)} by ${t.updatedBy?.apiTokenName || t.updatedBy?.id}`],
      ['Starts', when(t.startAt)], ['Expires', t.endAt ? when(t.endAt) : 'Never'],
      ['Last used', when(t.lastUsedAt)], ['Last rotated', when(t.lastRotatedAt)],
      ['Secrets Manager copy', t.secretsManager ? t.secretsManager.secretName : 'None'],
      ['Allowed networks', t.allowedCidrs?.length ? t.allowedCidrs.join(', ') : 'Anywhere'],
      ['Rotation policy', t.rotation ? `every ${t.rotation.everyDays} days, ${t.rotation.gracePeriodSeconds} s grace, next ${when(t.rotation.nextRotationAt)}` : 'None'],
    ];
    return h('dl', { class: 'fields' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  }

  function editForm(t) {
    const boxErrors = errorBox();
    const name = h('input', { name: 'name', value: t.name, maxlength: 256, autocomplete: 'off' });
    const description = h('textarea', { name: 'description', maxlength: 500, rows: 2 }, t.description);
    const cidrs = h('textarea', { name: 'allowedCidrs', rows: 2, autocomplete: 'off', spellcheck: 'false' },
      (t.allowedCidrs || []).join('\n'));
    const form = h('form', { class: 'card', 'aria-labelledby': 'edit-h', novalidate: true },
      h('h2', { id: 'edit-h' }, 'Edit'), boxErrors, field('Name', name).row, field('Description', description).row,
      field('Allowed networks', cidrs, { hint: 'One CIDR per line. Empty: usable from anywhere.' }).row,
      h('button', { type: 'submit' }, 'Save'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const edited = { name: name.value, description: description.value, allowedCidrs: lines(cidrs.value) };
        render(await api('POST', path, { body: edited }));
      } catch (err) {
        showError(boxErrors, err, form);
      }
    });
    return form;
  }

  function rolesSection(t) {
    const boxErrors = errorBox();
    const groups = grouped(t.roles);
    async function replaceRoles(roles) {
      try {
        await api('POST', `${path}/roles`, { body: { roles: roles.map(roleInput) } });
        await load();
      } catch (err) {
        showError(boxErrors, err, form);
      }
    }
    const list = (title, entries) => h('div', { class: 'role-group' }, h('h3', {}, title),
      entries.length === 0 ? h('p', { class: 'hint' }, 'None')
        : h('ul', { class: 'plain' }, entries.map((r) => h('li', {}, describeRole(r), ' ',
          h('button', {
            type: 'button', class: 'link', 'aria-label': `Remove ${describeRole(r)}`,
            onclick: () => replaceRoles(t.roles.filter((x) => x !== r)),
          }, 'Remove')))));

    const type = select('entityType', ENTITY_TYPES, 'WORKSPACE');
    const entity = h('input', { name: 'entityId', autocomplete: 'off' });
    const deployment = h('input', { name: 'deploymentId', autocomplete: 'off' });
    const deploymentField = field('In deployment', deployment, { name: 'roles.deploymentId' });
    const deploymentRow = deploymentField.row;
    const entityField = field('Id', entity, { name: 'roles.entityId' });
    const registry = loadRegistry();
    const offeredEntities = offerIds(entityField, registry, null);
    offerIds(deploymentField, registry, 'deployments');
    const role = h('select', { name: 'role' });
    const refresh = () => {
      deploymentRow.hidden = !(type.value === 'DAG' || type.value === 'DAG_TAG');
      offeredEntities.show({ WORKSPACE: 'workspaces', DEPLOYMENT: 'deployments' }[type.value] || null);
      const chosen = role.value;   // kept: the id field's change event comes when the role is being picked
      replace(role, offeredRoles(ctx.me, type.value, entity.value.trim())
        .map((r) => h('option', { value: r, selected: r === chosen }, r)));
    };
    type.addEventListener('change', refresh);
    entity.addEventListener('change', refresh);
    const form = h('form', { class: 'inline-form', 'aria-labelledby': 'add-role-h', novalidate: true },
      h('h3', { id: 'add-role-h' }, 'Add a role or assign to a workspace or deployment'),
      field('Entity type', type).row, entityField.row, deploymentRow,
      field('Role', role, { name: 'roles.role' }).row, h('button', { type: 'submit' }, 'Add role'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const entry = { entityType: type.value, entityId: entity.value.trim(), role: role.value };
      if (!deploymentRow.hidden) {
        entry.deploymentId = deployment.value.trim();
      }
      replaceRoles([...t.roles, entry]);
    });
    refresh();
    return h('section', { class: 'card', 'aria-labelledby': 'roles-h' }, h('h2', { id: 'roles-h' }, 'Roles'), boxErrors,
      h('div', { class: 'role-groups' }, list('Organization', groups.organization), list('Workspaces', groups.workspaces),
        list('Deployments', groups.deployments), list('Dags', groups.dags)),
      form);
  }

  function rotateSection(t) {
    const boxErrors = errorBox();
    const grace = h('input', { type: 'number', name: 'gracePeriodSeconds', min: 0, value: 0, inputmode: 'numeric' });
    const form = h('form', { class: 'card', 'aria-labelledby': 'rotate-h', novalidate: true },
      h('h2', { id: 'rotate-h' }, 'Rotate'),
      h('p', {}, 'Same token, new value. The old value stops working at once, or after the grace period.'),
      boxErrors, field('Grace period (seconds)', grace).row, h('button', { type: 'submit' }, 'Rotate token'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!window.confirm(`Rotate "${t.name}"? Its current value stops working ${Number(grace.value) > 0 ? `in ${grace.value} s` : 'now'}.`)) {
        return;
      }
      try {
        const rotated = await api('POST', `${path}/rotate`, { body: { gracePeriodSeconds: Number(grace.value || 0) } });
        ctx.showOnce(rotated, 'API token rotated');
      } catch (err) {
        showError(boxErrors, err, form);
      }
    });
    return form;
  }

  function deleteSection(t) {
    const boxErrors = errorBox();
    const typed = h('input', { name: 'confirm', autocomplete: 'off' });
    const button = h('button', { type: 'submit', class: 'danger', disabled: true }, 'Delete token');
    typed.addEventListener('input', () => { button.disabled = typed.value !== 'Delete'; });
    const form = h('form', { class: 'card danger-zone', 'aria-labelledby': 'delete-h', novalidate: true },
      h('h2', { id: 'delete-h' }, 'Delete'),
      h('p', {}, 'Every value of this token stops working at once, and its Secrets Manager copy is deleted.'),
      boxErrors, field('Type "Delete" to confirm', typed).row, button);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (typed.value !== 'Delete') {
        return;
      }
      try {
        const answer = await api('DELETE', path);
        replace(body, status(answer?.secretsManager
          ? `Deleted. Its Secrets Manager copy could not be deleted: ${answer.secretsManager.message}`
          : `Deleted "${t.name}".`), h('p', {}, h('a', { href: '#/tokens' }, 'Back to the tokens')));
        view.querySelector('h1').textContent = 'API token deleted';
      } catch (err) {
        showError(boxErrors, err, form);
      }
    });
    return form;
  }

  load();
  return {};
}
