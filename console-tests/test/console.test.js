// Every flow of the console in a real headless Chromium against a local runner: sign-in, the token list (filters,
// sorting, paging, empty and error states), create with the shown-once value and its copy button, details, edit,
// roles, assign and remove, rotate with and without grace, delete with the typed confirmation, workspaces and
// deployments with the cascade preview, audit log, policy, sign out, a revoked or expired token sent back to sign-in, a hostile
// token name shown as text, and where token values may and may not be in the browser.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startStack, TARGET } from '../support/stack.js';

const SHOTS = resolve(process.env.LATCHKEY_CONSOLE_SCREENSHOTS || join(TARGET, 'screenshots'));
const ORG = 'demo-org';
const HOSTILE = '<img src=x onerror=alert(1)>';

let stack;
let context;
let page;
const requests = [];        // every URL the browser asked for
const visited = [];         // every URL the page showed
const values = new Set();   // every token value the console showed (the sign-in token excepted)
const dialogs = [];         // every dialog's message
let answerNextDialog = 'accept';

describe('the Latchkey console in Chromium', { concurrency: false }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack();
    context = await newContext();
    page = await context.newPage();
    watch(page);
    // Set-up through the API, not under test here: entities for the flows and enough tokens for two pages.
    for (const ws of ['ws-analytics', 'ws-old']) {
      assert.equal((await stack.api('PUT', `organizations/${ORG}/workspaces/${ws}`)).status, 200);
    }
    assert.equal((await stack.api('PUT', `organizations/${ORG}/deployments/dep-old`, { workspaceId: 'ws-old' })).status, 200);
    for (let i = 0; i < 11; i++) {
      await created({ name: `batch-${String(i).padStart(2, '0')}`, scope: 'ORGANIZATION', role: 'ORGANIZATION_MEMBER' });
    }
  });

  after(async () => {
    await context?.close();
    await stack?.stop();
  });

  test('sign-in: a wrong token is refused with its request id, the owner token opens the token list', async () => {
    await page.goto(`${stack.url}/console`);
    assert.match(page.url(), /\/console\/index\.html$/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot('sign-in');
    await page.getByLabel('API token').fill('lko_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.locator('.error-box:not([hidden])').first();
    await alert.getByText('Request id:').waitFor();
    assert.equal(await session(), null);

    await signIn(page, stack.owner);
    await page.getByRole('heading', { name: 'API Tokens' }).waitFor();
    const who = await page.locator('#whoami .who').textContent();
    assert.match(who, /ORGANIZATION · demo-org/);
    assert.equal(await session(), stack.owner);
  });

  test('workspaces and deployments: register from the console', async () => {
    await page.getByRole('link', { name: 'Workspaces & deployments' }).click();
    await page.getByRole('heading', { name: 'Workspaces & deployments' }).waitFor();
    const forms = page.locator('form.card');
    await forms.nth(1).getByLabel('Deployment id').fill('dep-etl');
    await forms.nth(1).getByLabel('In workspace').fill('ws-analytics');
    await forms.nth(1).getByRole('button', { name: 'Register' }).click();
    await page.locator('tr[data-entity="DEPLOYMENT:dep-etl"]').waitFor();
    // A bad id: the API's field error beside the field, and nothing registered.
    await forms.nth(0).getByLabel('Workspace id').fill('no spaces');
    await forms.nth(0).getByRole('button', { name: 'Register' }).click();
    await forms.nth(0).locator('.error-box').getByText('Request id:').waitFor();
    await forms.nth(0).getByLabel('Workspace id').fill('ws-etl');
    await forms.nth(0).getByRole('button', { name: 'Register' }).click();
    await page.locator('tr[data-entity="WORKSPACE:ws-etl"]').waitFor();
    // The list is the organization's, from the list routes: the set-up registered these through the API, not here.
    for (const e of ['WORKSPACE:ws-analytics', 'WORKSPACE:ws-old', 'DEPLOYMENT:dep-old']) {
      await page.locator(`tr[data-entity="${e}"]`).waitFor();
    }
    assert.equal(await page.locator('tr[data-entity="DEPLOYMENT:dep-old"] td[data-label="Workspace"]').textContent(), 'ws-old');
    // The deployment form's workspace field offers the registered workspaces.
    assert.ok((await offered(forms.nth(1).getByLabel('In workspace'))).includes('ws-analytics'));
    await shot('entities');
  });

  test('workspace and deployment fields offer what the organization has; the lists have loading and error states', async () => {
    // An entity registered elsewhere (another client) shows up on the next visit, in the filters and the create form.
    assert.equal((await stack.api('PUT', `organizations/${ORG}/workspaces/ws-elsewhere`)).status, 200);
    await page.getByRole('link', { name: 'API Tokens' }).click();
    await page.getByRole('heading', { name: 'API Tokens' }).waitFor();
    const filters = page.getByRole('form', { name: 'Filters' });
    assert.ok((await offered(filters.getByLabel('Workspace'))).includes('ws-elsewhere'));
    assert.deepEqual(await offered(filters.getByLabel('Deployment')), ['dep-etl', 'dep-old']);
    await filters.locator('.registry-note').first().getByText('registered: pick one or type an id').waitFor();
    await openCreate();
    await page.getByLabel('Scope').selectOption('DEPLOYMENT');
    assert.deepEqual(await offered(page.getByLabel('Deployment id')), ['dep-etl', 'dep-old']);
    await page.getByLabel('Scope').selectOption('WORKSPACE');
    assert.ok((await offered(page.getByLabel('Workspace id'))).includes('ws-elsewhere'));
    assert.equal((await stack.api('DELETE', `organizations/${ORG}/workspaces/ws-elsewhere`)).status, 200);

    // A list that fails shows its error (message and request id) instead of a table; one slow to answer says so.
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route('**/v1/organizations/*/deployments?*', async (route) => {
      await held;
      await route.fulfill({
        status: 503, contentType: 'application/json', headers: { 'Retry-After': '1' },
        body: JSON.stringify({ statusCode: 503, message: 'The token table is unavailable', requestId: 'req-lists-503' }),
      });
    });
    await page.getByRole('link', { name: 'Workspaces & deployments' }).click();
    await page.getByText('Loading workspaces and deployments…').waitFor();
    release();
    await page.getByText('The workspaces and deployments could not be listed.').waitFor();
    await page.locator('.error-box:not([hidden])').getByText('req-lists-503').waitFor();
    assert.equal(await page.locator('table.entities').count(), 0);
    await shot('entities-error');
    await page.unroute('**/v1/organizations/*/deployments?*');

    // A deployment token lists its own deployment and no workspace.
    const depToken = await created({ name: 'dep-lister', scope: 'DEPLOYMENT', entityId: 'dep-etl', role: 'DEPLOYMENT_ADMIN' });
    const other = await context.newPage();
    watch(other);
    await other.goto(`${stack.url}/console/index.html`);
    await signIn(other, depToken.token);
    await other.getByRole('link', { name: 'Workspaces & deployments' }).click();
    await other.locator('tr[data-entity="DEPLOYMENT:dep-etl"]').waitFor();
    assert.equal(await other.locator('tr[data-entity^="WORKSPACE:"]').count(), 0);
    await other.close();
  });

  test('create: each scope, the value shown once with a copy button, leaving asks first', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url });
    // Organization token, and the shown-once screen.
    await openCreate();
    await page.getByLabel('Name', { exact: true }).fill('release-bot');
    await page.getByLabel('Description').fill('ships releases');
    await page.getByLabel('Role').selectOption('ORGANIZATION_MEMBER');
    await page.getByLabel('Expiration (days)').fill('90');
    await page.locator('#policy-limits').getByText('Organization policy:').waitFor();
    await shot('create');
    const orgValue = await submitCreate('lko_');
    await page.getByRole('button', { name: 'Copy token' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), orgValue);
    await page.getByText("You won't be able to see it again.").waitFor();
    await shot('shown-once');
    assert.equal(await stack.validate(orgValue), 'VALID');
    // Leaving by the navigation asks; refusing stays on the screen with the value.
    answerNextDialog = 'dismiss';
    await page.getByRole('link', { name: 'API Tokens' }).click();
    await page.waitForTimeout(200);
    assert.equal(await page.locator('#shown-once-value').textContent(), orgValue);
    await page.getByRole('link', { name: 'API Tokens' }).click();   // accepted this time
    await page.getByRole('heading', { name: 'API Tokens' }).waitFor();
    assert.equal(await page.locator('#shown-once-value').count(), 0);
    assert.ok(dialogs.filter((d) => d.includes("won't be able to see")).length >= 2);

    // Workspace token.
    await openCreate();
    await page.getByLabel('Name', { exact: true }).fill('ci-deployer');
    await page.getByLabel('Scope').selectOption('WORKSPACE');
    await page.getByLabel('Workspace id').fill('ws-analytics');
    await page.getByLabel('Role').selectOption('WORKSPACE_AUTHOR');
    await submitCreate('lkw_');
    await done();

    // Deployment token, direct access, with a Secrets Manager copy and a rotation policy.
    await openCreate();
    await page.getByLabel('Name', { exact: true }).fill('etl-runner');
    await page.getByLabel('Scope').selectOption('DEPLOYMENT');
    await page.getByLabel('Deployment id').fill('dep-etl');
    await page.getByLabel('Role').selectOption('DEPLOYMENT_ADMIN');
    await page.getByLabel('Keep a copy in AWS Secrets Manager').check();
    await page.getByLabel('Rotate every (days, optional)').fill('30');
    await page.getByLabel('Grace period on rotation (seconds)').fill('60');
    await submitCreate('lkd_');
    await done();
    await page.locator('dd').getByText(/^latchkey\/demo-org\/c/).waitFor();
    await page.locator('dd').getByText(/^every 30 days, 60 s grace/).waitFor();

    // A field error sits beside its field, with the message and the request id above.
    await openCreate();
    await page.getByLabel('Name', { exact: true }).fill('x');
    await page.getByLabel('Scope').selectOption('WORKSPACE');
    await page.getByLabel('Workspace id').fill('ws-nowhere');
    await page.getByLabel('Role').selectOption('WORKSPACE_MEMBER');
    await page.getByRole('button', { name: 'Create API token' }).click();
    await page.locator('.error-box:not([hidden])').getByText('Request id:').waitFor();
  });

  test('a hostile token name is shown as text, never run', async () => {
    const { id } = await created({ name: HOSTILE, scope: 'ORGANIZATION', role: 'ORGANIZATION_MEMBER' });
    await page.goto(`${stack.url}/console/index.html#/tokens/${id}`);
    await page.getByRole('heading', { name: HOSTILE }).waitFor();
    await page.getByRole('link', { name: 'API Tokens' }).click();
    const link = page.locator(`tr[data-token-id="${id}"] a`);
    assert.equal(await link.textContent(), HOSTILE);
    assert.equal(await page.locator('main img').count(), 0);
    assert.ok(!dialogs.includes('1'), 'the name ran as markup');
  });

  test('list: filters, sorting by each column the API sorts by, paging, empty state', async () => {
    await page.getByRole('link', { name: 'API Tokens' }).click();
    await page.locator('table.tokens caption').getByText(/^Tokens 1–10 of \d+$/).waitFor();
    await shot('tokens');
    const names = () => page.locator('table.tokens tbody tr td:first-child').allTextContents();
    for (const column of ['name', 'scope', 'createdAt', 'endAt', 'lastUsedAt', 'lastRotatedAt']) {
      await page.locator(`button[data-sort="${column}"]`).click();
      await page.locator(`th[aria-sort="ascending"] button[data-sort="${column}"]`).waitFor();
    }
    await page.locator('button[data-sort="name"]').click();
    await page.locator('th[aria-sort="ascending"] button[data-sort="name"]').waitFor();
    const ascending = await names();
    assert.deepEqual(ascending, [...ascending].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await page.locator('button[data-sort="name"]').click();
    await page.locator('th[aria-sort="descending"] button[data-sort="name"]').waitFor();
    assert.notDeepEqual(await names(), ascending);

    await page.getByRole('button', { name: 'Next page' }).click();
    await page.locator('table.tokens caption').getByText(/^Tokens 11–/).waitFor();
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.locator('table.tokens caption').getByText(/^Tokens 1–10/).waitFor();

    await page.getByLabel('Workspace').fill('ws-analytics');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('table.tokens caption').getByText(/^Tokens 1–\d+ of \d+$/).waitFor();
    const scoped = await page.locator('table.tokens tbody tr').count();
    assert.ok(scoped >= 1 && scoped < 10, `${scoped} rows for ws-analytics`);
    await page.getByLabel('Workspace').fill('');
    await page.getByLabel('Kind').selectOption('DIRECT_ACCESS');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No tokens match these filters.').waitFor();
    await page.getByLabel('Kind').selectOption('');
    await page.getByLabel('Organization tokens only').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('table.tokens caption').waitFor();
    assert.deepEqual([...new Set(await page.locator('td[data-label="Scope"]').allTextContents())], ['ORGANIZATION']);
    // An error state: a filter the API refuses, with its message and request id.
    await page.getByLabel('Organization tokens only').uncheck();
    await page.getByLabel('Deployment').fill('bad id!');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('The tokens could not be listed.').waitFor();
    await page.locator('.error-box:not([hidden])').getByText('Request id:').waitFor();
    await page.getByLabel('Deployment').fill('');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('table.tokens caption').waitFor();
    // Readable at 320 px.
    await page.setViewportSize({ width: 320, height: 900 });
    await shot('tokens-320px');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 320, `the page is ${overflow} px wide at 320`);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('details: fields, edit, roles (add, assign, remove), rotate with and without grace, typed delete', async () => {
    const { id, token: first } = await created({ name: 'ops-bot', scope: 'ORGANIZATION', role: 'ORGANIZATION_MEMBER' });
    await page.goto(`${stack.url}/console/index.html#/tokens/${id}`);
    await page.getByRole('heading', { name: 'ops-bot' }).waitFor();

    const edit = page.locator('form[aria-labelledby="edit-h"]');
    await edit.getByLabel('Name').fill('ops-bot-2');
    await edit.getByLabel('Description').fill('runs the nightly jobs');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'ops-bot-2' }).waitFor();
    await page.locator('dd').getByText('runs the nightly jobs').waitFor();

    // Allowed networks: set (shown normalised, and the value is refused without a source address), then cleared.
    await edit.getByLabel('Allowed networks').fill('2001:DB8::/32\n203.0.113.0/24');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.locator('dd').getByText('203.0.113.0/24, 2001:db8::/32').waitFor();
    assert.equal(await stack.validate(first), 'IP_NOT_ALLOWED');
    await edit.getByLabel('Allowed networks').fill('');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.locator('dd').getByText('Anywhere').waitFor();
    assert.equal(await stack.validate(first), 'VALID');

    // "Add Organization API token" to a workspace, then a deployment, then a dag role; each shows in its group.
    const roles = page.locator('section[aria-labelledby="roles-h"]');
    async function addRole(type, entity, role, deployment) {
      await roles.getByLabel('Entity type').selectOption(type);
      await roles.getByLabel('Id', { exact: true }).fill(entity);
      if (deployment) {
        await roles.getByLabel('In deployment').fill(deployment);
      }
      await roles.getByLabel('Role', { exact: true }).selectOption(role);
      await roles.getByRole('button', { name: 'Add role' }).click();
    }
    await addRole('WORKSPACE', 'ws-analytics', 'WORKSPACE_AUTHOR');
    await roles.locator('.role-group', { hasText: 'Workspaces' }).getByText('WORKSPACE_AUTHOR @ ws-analytics').waitFor();
    await addRole('DEPLOYMENT', 'dep-etl', 'DEPLOYMENT_ADMIN');
    await roles.locator('.role-group', { hasText: 'Deployments' }).getByText('DEPLOYMENT_ADMIN @ dep-etl').waitFor();
    await addRole('DAG', 'nightly', 'DAG_VIEWER', 'dep-etl');
    await roles.locator('.role-group', { hasText: 'Dags' }).getByText('DAG_VIEWER @ dep-etl / dag nightly').waitFor();
    await shot('details');
    // Remove it from the workspace again; the API holds the result.
    await roles.getByRole('button', { name: 'Remove WORKSPACE_AUTHOR @ ws-analytics' }).click();
    await roles.locator('.role-group', { hasText: 'Workspaces' }).getByText('None').waitFor();
    const read = await stack.api('GET', `organizations/${ORG}/tokens/${id}`);
    assert.deepEqual(read.body.roles.map((r) => r.entityType).sort(), ['DAG', 'DEPLOYMENT', 'ORGANIZATION']);

    // Rotate without grace: the old value is dead at once.
    const rotate = page.locator('form[aria-labelledby="rotate-h"]');
    await rotate.getByRole('button', { name: 'Rotate token' }).click();
    await page.getByRole('heading', { name: 'API token rotated' }).waitFor();
    const second = await shownValue('lko_');
    assert.equal(await stack.validate(first), 'REVOKED');
    assert.equal(await stack.validate(second), 'VALID');
    await done();
    // With grace: the old value keeps working.
    await rotate.getByLabel('Grace period (seconds)').fill('120');
    await rotate.getByRole('button', { name: 'Rotate token' }).click();
    await page.getByRole('heading', { name: 'API token rotated' }).waitFor();
    const third = await shownValue('lko_');
    assert.equal(await stack.validate(second), 'VALID');
    assert.equal(await stack.validate(third), 'VALID');
    await done();
    await page.locator('dd').getByText(/UTC$/).first().waitFor();

    // Delete: only after typing "Delete".
    const del = page.locator('form[aria-labelledby="delete-h"]');
    const button = del.getByRole('button', { name: 'Delete token' });
    assert.equal(await button.isDisabled(), true);
    await del.getByLabel('Type "Delete" to confirm').fill('delete');
    assert.equal(await button.isDisabled(), true);
    await del.getByLabel('Type "Delete" to confirm').fill('Delete');
    await button.click();
    await page.getByRole('heading', { name: 'API token deleted' }).waitFor();
    assert.equal((await stack.api('GET', `organizations/${ORG}/tokens/${id}`)).status, 404);
    assert.notEqual(await stack.validate(third), 'VALID');
  });

  test('workspaces and deployments: the dry-run preview of the cascade, then the removal', async () => {
    const doomed = await created({ name: 'old-ws-token', scope: 'WORKSPACE', entityId: 'ws-old', role: 'WORKSPACE_MEMBER' });
    await page.getByRole('link', { name: 'Workspaces & deployments' }).click();
    await page.getByRole('button', { name: 'Remove ws-old…' }).click();
    const preview = page.locator('section[aria-labelledby="preview-h"]');
    await preview.getByText(doomed.id).waitFor();
    await preview.getByText('dep-old').waitFor();
    await shot('removal-preview');
    assert.equal(await stack.validate(doomed.token), 'VALID', 'the preview changed something');
    await preview.getByRole('button', { name: 'Remove ws-old for real' }).click();
    await page.getByRole('heading', { name: 'Removed ws-old' }).waitFor();
    assert.notEqual(await stack.validate(doomed.token), 'VALID');
    assert.equal(await page.locator('tr[data-entity="WORKSPACE:ws-old"]').count(), 0);
  });

  test('audit log: a time range, paging through the cursors, download as JSON lines', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.locator('table.audit').waitFor();
    await shot('audit');
    const firstPage = await page.locator('table.audit tbody tr').allTextContents();
    assert.equal(firstPage.length, 20);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2').waitFor();
    assert.notDeepEqual(await page.locator('table.audit tbody tr').allTextContents(), firstPage);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByText('Page 1').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download JSON lines' }).click(),
    ]);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(lines.length > 20, `${lines.length} events downloaded`);
    assert.ok(lines.some((e) => e.action === 'DELETE_ENTITY'));
    // An empty range.
    await page.getByLabel('From (UTC)').fill('2001-01-01T00:00');
    await page.getByLabel('To (UTC)').fill('2001-01-02T00:00');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No events in this range.').waitFor();
  });

  test('policy: view and edit; the create screen shows its limits and the API enforces them beside the field', async () => {
    await page.getByRole('link', { name: 'Policy' }).click();
    await page.getByLabel('Longest expiry (days)').fill('30');
    await page.getByLabel('Require an expiry').selectOption('true');
    await page.getByLabel('Revoke tokens idle for (days)').fill('365');
    await page.getByLabel('Expiry notice (days before)').fill('14');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Policy saved.').waitFor();
    await shot('policy');
    const stored = (await stack.api('GET', `organizations/${ORG}/policy`)).body;
    assert.equal(stored.maxExpiryDays, 30);
    assert.equal(stored.maxIdleDays, 365);
    assert.equal(stored.expiryNoticeDays, 14);
    await openCreate();
    await page.locator('#policy-limits').getByText('at most 30 days; an expiry is required').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('too-long');
    await page.getByLabel('Role').selectOption('ORGANIZATION_MEMBER');
    await page.getByLabel('Expiration (days)').fill('90');
    await page.getByRole('button', { name: 'Create API token' }).click();
    const beside = page.locator('[data-field-error="tokenExpiryPeriodInDays"]');
    await beside.getByText(/\S/).waitFor();
    await page.getByRole('link', { name: 'Policy' }).click();
    await page.getByLabel('Longest expiry (days)').fill('');
    await page.getByLabel('Require an expiry').selectOption('');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Policy saved.').waitFor();
    // PUT replaces the policy whole: a save that edits other fields keeps the hygiene fields the form was showing.
    const resaved = (await stack.api('GET', `organizations/${ORG}/policy`)).body;
    assert.equal(resaved.maxExpiryDays, null);
    assert.equal(resaved.maxIdleDays, 365);
    assert.equal(resaved.expiryNoticeDays, 14);
    await openCreate();  // away and back: a fresh policy screen, without the last "Policy saved."
    await page.getByRole('link', { name: 'Policy' }).click();
    await page.getByLabel('Revoke tokens idle for (days)').fill('');
    await page.getByLabel('Expiry notice (days before)').fill('');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Policy saved.').waitFor();
    assert.equal((await stack.api('GET', `organizations/${ORG}/policy`)).body.maxIdleDays, null);
  });

  test('token values: only the sign-in token, only in sessionStorage; never in localStorage, cookies or URLs', async () => {
    assert.equal(await session(), stack.owner);
    const storage = await page.evaluate(() => ({
      session: Object.keys(sessionStorage), local: localStorage.length, cookie: document.cookie,
    }));
    assert.deepEqual(storage, { session: ['latchkey.session'], local: 0, cookie: '' });
    assert.deepEqual(await context.cookies(), []);
    assert.ok(values.size >= 5, `${values.size} values seen`);
    for (const value of [...values, stack.owner]) {
      for (const url of [...requests, ...visited]) {
        assert.ok(!url.includes(value) && !url.includes(encodeURIComponent(value)), `a token value is in ${url.slice(0, 60)}`);
      }
    }
  });

  test('a revoked token is sent back to sign-in, with its session gone', async () => {
    const { id, token } = await created({ name: 'short-lived', scope: 'ORGANIZATION', role: 'ORGANIZATION_OWNER' });
    const other = await context.newPage();
    watch(other);
    await other.goto(`${stack.url}/console/index.html`);
    await signIn(other, token);
    await other.getByRole('heading', { name: 'API Tokens' }).waitFor();
    assert.equal((await stack.api('DELETE', `organizations/${ORG}/tokens/${id}`)).status, 204);
    await other.getByRole('link', { name: 'Policy' }).click();
    await other.getByText('Your session ended').waitFor();
    await other.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal(await other.evaluate(() => sessionStorage.length), 0);
    await other.close();
  });

  test('an expired token is sent back to sign-in with a message', async () => {
    const { id, token } = await created({ name: 'expiring', scope: 'ORGANIZATION', role: 'ORGANIZATION_OWNER' });
    const other = await context.newPage();
    watch(other);
    await other.goto(`${stack.url}/console/index.html`);
    await signIn(other, token);
    await other.getByRole('heading', { name: 'API Tokens' }).waitFor();
    await expire(id);
    assert.equal(await stack.validate(token), 'EXPIRED');
    await other.getByRole('link', { name: 'Policy' }).click();
    await other.getByText('Your session ended').waitFor();
    await other.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal(await other.evaluate(() => sessionStorage.length), 0);
    await other.close();
  });

  test('sign out clears the session', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    assert.equal(await page.locator('#nav').isHidden(), true);
  });

  test('every answer carries the security headers, and no request left 127.0.0.1', async () => {
    for (const path of ['/console', '/console/index.html', '/console/js/app.js', '/console/nope.js']) {
      const response = await fetch(`${stack.url}${path}`, { redirect: 'manual' });
      assert.match(response.headers.get('content-security-policy'), /frame-ancestors 'none'/, path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    }
    const origin = new URL(stack.url).origin;
    const elsewhere = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
    assert.deepEqual(elsewhere, []);
    assert.ok(requests.length > 50);
  });
});

// ------------------------------------------------------------------ helpers

async function newContext() {
  return stack.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
}

function watch(p) {
  p.on('request', (r) => requests.push(r.url()));
  p.on('framenavigated', (f) => visited.push(f.url()));
  p.on('dialog', async (d) => {
    dialogs.push(d.message());
    const answer = answerNextDialog;
    answerNextDialog = 'accept';
    await (answer === 'accept' ? d.accept() : d.dismiss());
  });
  p.on('pageerror', (e) => { throw e; });
}

async function signIn(p, token) {
  await p.getByLabel('API token').fill(token);
  await p.getByRole('button', { name: 'Sign in' }).click();
}

async function session() {
  return page.evaluate(() => sessionStorage.getItem('latchkey.session'));
}

/** A token made through the API for set-up; its value joins the ones that must never leak into URLs. */
async function created(body) {
  const answer = await stack.api('POST', `organizations/${ORG}/tokens`, body);
  assert.equal(answer.status, 200, JSON.stringify(answer.body?.message));
  values.add(answer.body.token);
  return answer.body;
}

/**
 * Lets a token's time run out for real: its endAt, on its token item and every hash item of its values, set to just
 * after its startAt (so already past), in the runner's table. The test reads the items back by scanning: it cannot
 * compute the hash keys, which are keyed with the runner's pepper.
 */
async function expire(tokenId) {
  const { Items } = await stack.dynamo('Scan', {
    TableName: 'latchkey',
    // Hash items name their token; audit events name it too, and are left alone.
    FilterExpression: '(#type = :hash AND tokenId = :id) OR (pk = :pk AND sk = :sk)',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: {
      ':hash': { S: 'HASH' }, ':id': { S: tokenId }, ':pk': { S: `ORG#${ORG}` }, ':sk': { S: `TOKEN#${tokenId}` },
    },
  });
  assert.ok(Items.length >= 2, `the token item and its hash item (found ${Items.length})`);
  for (const item of Items) {
    await stack.dynamo('UpdateItem', {
      TableName: 'latchkey', Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: 'SET endAt = :end', ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':end': { N: String(Number(item.startAt.N) + 1) } },
    });
  }
}

/** The ids a text field's datalist offers, once loaded. */
async function offered(input) {
  const list = await input.getAttribute('list');
  const options = input.page().locator(`datalist[id="${list}"] option`);
  await options.first().waitFor({ state: 'attached' });
  return options.evaluateAll((os) => os.map((o) => o.value));
}

async function openCreate() {
  await page.getByRole('link', { name: 'API Tokens' }).click();
  await page.getByRole('link', { name: '+ API Token' }).click();
  await page.getByRole('heading', { name: 'Create an API token' }).waitFor();
}

async function submitCreate(prefix) {
  await page.getByRole('button', { name: 'Create API token' }).click();
  await page.getByRole('heading', { name: 'API token created' }).waitFor();
  return shownValue(prefix);
}

async function shownValue(prefix) {
  const value = await page.locator('#shown-once-value').textContent();
  assert.ok(value.startsWith(prefix), `the shown value starts with ${value.slice(0, 4)}`);
  values.add(value);
  assert.equal(await session(), stack.owner, 'the shown value went into sessionStorage');
  return value;
}

/** "Done" on the shown-once screen (its confirmation accepted), then the token's page. */
async function done() {
  await page.getByRole('button', { name: 'Done' }).click();
  await page.locator('form[aria-labelledby="rotate-h"]').waitFor();
}

/** A screenshot of the page as it is, the shown-once value masked. */
async function shot(name) {
  await page.screenshot({
    path: join(SHOTS, `${name}.png`), fullPage: true, mask: [page.locator('#shown-once-value')],
    animations: 'disabled',
  });
}
