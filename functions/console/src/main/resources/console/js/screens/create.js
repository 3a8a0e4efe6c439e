// "+ API Token": name, description, scope and where it lives, role, expiry (with the organization's limits),
// standard or direct access, an optional Secrets Manager copy with a rotation policy, the networks it may be used
// from. Success shows the value once.
import { api, errorBox, org, showError } from '../api.js';
import { field, h, lines, replace, select } from '../dom.js';
import { loadRegistry, offerIds } from '../registry.js';
import { offeredRoles } from '../roles.js';

const SCOPES = [['ORGANIZATION', 'Organization'], ['WORKSPACE', 'Workspace'], ['DEPLOYMENT', 'Deployment']];

export function createScreen(view, ctx) {
  const errors = errorBox();
  const name = h('input', { name: 'name', maxlength: 256, required: true, autocomplete: 'off' });
  const description = h('textarea', { name: 'description', maxlength: 500, rows: 2 });
  const scope = select('scope', SCOPES, 'ORGANIZATION');
  const entity = h('input', { name: 'entityId', autocomplete: 'off' });
  const entityField = field('Workspace or deployment id', entity, { name: 'entityId' });
  const entityRow = entityField.row;
  const offered = offerIds(entityField, loadRegistry(), null);
  const role = h('select', { name: 'role' });
  const expiry = h('input', { type: 'number', name: 'tokenExpiryPeriodInDays', min: 1, max: 3650, inputmode: 'numeric' });
  const limits = h('p', { class: 'hint', id: 'policy-limits' }, 'Reading the organization policy…');
  const cidrs = h('textarea', { name: 'allowedCidrs', rows: 2, autocomplete: 'off', spellcheck: 'false' });
  const standard = h('input', { type: 'radio', name: 'kind', value: 'STANDARD', id: 'kind-standard', checked: true });
  const direct = h('input', { type: 'radio', name: 'kind', value: 'DIRECT_ACCESS', id: 'kind-direct' });
  const copy = h('input', { type: 'checkbox', name: 'secretsManager', id: 'copy' });
  const secretName = h('input', { name: 'secretsManager.secretName', autocomplete: 'off' });
  const everyDays = h('input', { type: 'number', name: 'rotation.everyDays', min: 1, max: 365, inputmode: 'numeric' });
  const grace = h('input', { type: 'number', name: 'rotation.gracePeriodSeconds', min: 0, inputmode: 'numeric' });
  const copyFields = h('div', { class: 'sub', hidden: true },
    field('Secret name (optional)', secretName, { hint: 'Default: latchkey/<organization>/<token id>' }).row,
    field('Rotate every (days, optional)', everyDays).row,
    field('Grace period on rotation (seconds)', grace).row);

  function refresh() {
    const isOrg = scope.value === 'ORGANIZATION';
    entityRow.hidden = isOrg;
    entityRow.querySelector('label').textContent = scope.value === 'DEPLOYMENT' ? 'Deployment id' : 'Workspace id';
    offered.show({ WORKSPACE: 'workspaces', DEPLOYMENT: 'deployments' }[scope.value] || null);
    const roles = offeredRoles(ctx.me, scope.value, isOrg ? null : entity.value.trim());
    const chosen = role.value;
    replace(role, roles.map((r) => h('option', { value: r, selected: r === chosen }, r)));
    copyFields.hidden = !copy.checked;
  }
  scope.addEventListener('change', refresh);
  entity.addEventListener('change', refresh);
  copy.addEventListener('change', refresh);

  const form = h('form', { class: 'card', novalidate: true },
    field('Name', name).row,
    field('Description', description).row,
    field('Scope', scope).row,
    entityRow,
    field('Role', role).row,
    field('Expiration (days)', expiry, { hint: 'Empty: never expires (unless the policy requires an expiry).' }).row,
    limits,
    field('Allowed networks (optional)', cidrs,
      { hint: 'One CIDR per line, e.g. 203.0.113.0/24 or 2001:db8::/32. Empty: usable from anywhere.' }).row,
    h('fieldset', {}, h('legend', {}, 'Access'),
      h('div', { class: 'check' }, standard, h('label', { for: 'kind-standard' }, 'Standard (checked by Latchkey)')),
      h('div', { class: 'check' }, direct, h('label', { for: 'kind-direct' }, 'Direct access (signed, verifiable offline)')),
      h('p', { class: 'field-error', 'data-field-error': 'kind', id: 'kind-error' })),
    h('div', { class: 'check' }, copy, h('label', { for: 'copy' }, 'Keep a copy in AWS Secrets Manager')),
    h('p', { class: 'field-error', 'data-field-error': 'secretsManager', id: 'copy-error' }),
    copyFields,
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'Create API token'),
      h('a', { href: '#/tokens', class: 'button secondary' }, 'Cancel')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: name.value, description: description.value, scope: scope.value, role: role.value };
    if (scope.value !== 'ORGANIZATION') {
      body.entityId = entity.value.trim();
    }
    if (expiry.value !== '') {
      body.tokenExpiryPeriodInDays = Number(expiry.value);
    }
    if (direct.checked) {
      body.kind = 'DIRECT_ACCESS';
    }
    if (lines(cidrs.value).length > 0) {
      body.allowedCidrs = lines(cidrs.value);
    }
    if (copy.checked) {
      body.secretsManager = secretName.value.trim() ? { secretName: secretName.value.trim() } : {};
      if (everyDays.value !== '') {
        body.rotation = { everyDays: Number(everyDays.value) };
        if (grace.value !== '') {
          body.rotation.gracePeriodSeconds = Number(grace.value);
        }
      }
    }
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      const created = await api('POST', org.path('tokens'), { body });
      ctx.showOnce(created, 'API token created');
    } catch (e) {
      showError(errors, e, form);
      submit.disabled = false;
    }
  });

  view.append(h('h1', {}, 'Create an API token'), errors, form);
  refresh();
  api('GET', org.path('policy')).then((policy) => {
    const parts = [];
    parts.push(policy.maxExpiryDays ? `at most ${policy.maxExpiryDays} days` : 'no maximum');
    if (policy.requireExpiry) {
      parts.push('an expiry is required');
      expiry.required = true;
    }
    if (policy.maxExpiryDays) {
      expiry.max = policy.maxExpiryDays;
    }
    if (policy.requireAllowedCidrs) {
      parts.push('allowed networks are required');
      cidrs.required = true;
    }
    if (policy.allowDirectAccess === false) {
      parts.push('direct access is not allowed');
    }
    if (policy.maxGracePeriodSeconds !== null) {
      parts.push(`grace at most ${policy.maxGracePeriodSeconds} s`);
    }
    limits.textContent = `Organization policy: ${parts.join('; ')}.`;
  }, () => {
    limits.textContent = 'The organization policy is not readable with this token; the API applies it anyway.';
  });
  return {};
}
