// The organization's policy: view and replace it (Organization Owner). An empty field is "no limit".
import { api, errorBox, org, showError } from '../api.js';
import { field, h, replace, select, status } from '../dom.js';

const TRI = [['', 'Not set'], ['true', 'Yes'], ['false', 'No']];

export function policyScreen(view) {
  const errors = errorBox();
  const body = h('div', {}, status('Loading the policy…'));
  view.append(h('h1', {}, 'Organization policy'), errors, body);

  function render(policy) {
    const maxExpiry = h('input', { type: 'number', name: 'maxExpiryDays', min: 1, max: 3650, value: policy.maxExpiryDays ?? '' });
    const requireExpiry = select('requireExpiry', TRI, policy.requireExpiry === null ? '' : String(policy.requireExpiry));
    const maxGrace = h('input', { type: 'number', name: 'maxGracePeriodSeconds', min: 0, value: policy.maxGracePeriodSeconds ?? '' });
    const allowDirect = select('allowDirectAccess', TRI, policy.allowDirectAccess === null ? '' : String(policy.allowDirectAccess));
    const requireCidrs = select('requireAllowedCidrs', TRI,
      policy.requireAllowedCidrs === null || policy.requireAllowedCidrs === undefined ? '' : String(policy.requireAllowedCidrs));
    const maxIdle = h('input', { type: 'number', name: 'maxIdleDays', min: 1, max: 3650, value: policy.maxIdleDays ?? '' });
    const notice = h('input', { type: 'number', name: 'expiryNoticeDays', min: 0, max: 90, value: policy.expiryNoticeDays ?? '' });
    const saved = h('p', { role: 'status', class: 'hint' });
    const form = h('form', { class: 'card', novalidate: true },
      field('Longest expiry (days)', maxExpiry, { hint: 'Empty: no maximum.' }).row,
      field('Require an expiry', requireExpiry).row,
      field('Longest rotation grace (seconds)', maxGrace, { hint: 'Empty: the stack\'s maximum.' }).row,
      field('Allow direct-access tokens', allowDirect).row,
      field('Require allowed networks on new tokens', requireCidrs).row,
      field('Revoke tokens idle for (days)', maxIdle, { hint: 'Unused (or, never used, created) longer ago. Empty: never.' }).row,
      field('Expiry notice (days before)', notice, { hint: 'A Token Expiring event; 0: none. Empty: 7.' }).row,
      h('button', { type: 'submit' }, 'Save policy'), saved);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const number = (input) => (input.value === '' ? null : Number(input.value));
      const tri = (s) => (s.value === '' ? null : s.value === 'true');
      try {
        const stored = await api('PUT', org.path('policy'), {
          body: {
            maxExpiryDays: number(maxExpiry), requireExpiry: tri(requireExpiry),
            maxGracePeriodSeconds: number(maxGrace), allowDirectAccess: tri(allowDirect),
            requireAllowedCidrs: tri(requireCidrs),
            maxIdleDays: number(maxIdle), expiryNoticeDays: number(notice),
          },
        });
        showError(errors, null, form);
        render(stored);
        body.querySelector('[role=status]').textContent = 'Policy saved.';
      } catch (err) {
        showError(errors, err, form);
      }
    });
    replace(body, form);
  }

  api('GET', org.path('policy')).then(render, (e) => {
    replace(body, status('The policy could not be read.', 'error'));
    showError(errors, e);
  });
  return {};
}
