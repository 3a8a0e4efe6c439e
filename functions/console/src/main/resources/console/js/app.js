// The console's shell: sign-in, the header (whoami, navigation, sign out) and a hash router over the screens. A
// screen may hold a guard (the shown-once screen asks before it is left) and a leave hook (it drops the value).
import { api, org, session, whenUnauthorized } from './api.js';
import { h, replace, focusHeading } from './dom.js';
import { signInScreen } from './screens/signin.js';
import { tokensScreen } from './screens/tokens.js';
import { createScreen } from './screens/create.js';
import { detailsScreen } from './screens/details.js';
import { entitiesScreen } from './screens/entities.js';
import { auditScreen } from './screens/audit.js';
import { policyScreen } from './screens/policy.js';
import { shownOnceScreen } from './screens/shownonce.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const whoami = document.getElementById('whoami');

const ROUTES = [
  [/^#\/tokens$/, tokensScreen],
  [/^#\/tokens\/new$/, createScreen],
  [/^#\/tokens\/(c[0-9a-z]{24})$/, detailsScreen],
  [/^#\/entities$/, entitiesScreen],
  [/^#\/audit$/, auditScreen],
  [/^#\/policy$/, policyScreen],
];

let current = null;      // {guard?: () => boolean, leave?: () => void} of the screen on show
let revertingTo = null;  // the hash put back after a refused leave, whose hashchange is not a navigation

const ctx = {
  me: null,
  navigate(hash) {
    if (window.location.hash === hash) {
      route();
    } else {
      window.location.hash = hash;
    }
  },
  /** The value of a created or rotated token, once; `then` is where "Done" goes. */
  showOnce(created, heading) {
    show(shownOnceScreen, [created, heading]);
  },
};

function leaveCurrent() {
  if (current?.guard && !current.guard()) {
    return false;
  }
  current?.leave?.();
  current = null;
  return true;
}

function show(screen, params) {
  const view = h('section', { class: 'screen' });
  replace(main, view);
  current = screen(view, ctx, ...params) || {};
  focusHeading(view);
}

let shownHash = null;

function route() {
  if (revertingTo !== null && window.location.hash === revertingTo) {
    revertingTo = null;
    return;
  }
  if (!leaveCurrent()) {
    revertingTo = shownHash;
    window.location.hash = shownHash;
    return;
  }
  if (!session.token() || !ctx.me) {
    signIn();
    return;
  }
  const hash = window.location.hash || '#/tokens';
  shownHash = hash;
  for (const [pattern, screen] of ROUTES) {
    const m = hash.match(pattern);
    if (m) {
      show(screen, m.slice(1));
      return;
    }
  }
  ctx.navigate('#/tokens');
}

function signIn(notice) {
  current?.leave?.();
  current = null;
  ctx.me = null;
  org.id = null;
  nav.hidden = true;
  replace(whoami);
  shownHash = null;
  show(signInScreen, [notice, async () => {
    ctx.me = await api('GET', 'whoami');
    org.id = ctx.me.organizationId;
    header();
    if (window.location.hash === '#/tokens') {
      route();
    } else {
      window.location.hash = '#/tokens';
    }
  }]);
}

function header() {
  nav.hidden = false;
  replace(whoami,
    h('span', { class: 'who' }, h('strong', {}, ctx.me.name), ' · ', ctx.me.scope, ' · ', ctx.me.organizationId),
    h('button', { type: 'button', class: 'secondary', onclick: signOut }, 'Sign out'));
}

function signOut() {
  if (!leaveCurrent()) {
    return;
  }
  session.signOut();
  signIn({ message: 'Signed out.' });
}

// Any 401 (expired, revoked or deleted token) ends the session at once, wherever it happens.
whenUnauthorized((error) => {
  if (ctx.me) {
    // The session is over: signIn drops the screen without its guard (a shown value goes with it).
    signIn({ message: 'Your session ended: the API refused the token.', error });
  }
});

window.addEventListener('hashchange', route);

async function start() {
  if (session.token()) {
    try {
      ctx.me = await api('GET', 'whoami');
      org.id = ctx.me.organizationId;
      header();
    } catch (e) {
      session.signOut();
      signIn({ message: 'Sign in again.', error: e });
      return;
    }
  }
  route();
}

start();
