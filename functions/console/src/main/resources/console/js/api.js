// The console's only way to the API: same origin, bearer token from sessionStorage, every error turned into an
// ApiError that carries the API's message, request id and field errors. A 401 ends the session.
import { h } from './dom.js';

const KEY = 'latchkey.session';
// The API sits beside the console on the same origin (and stage): /console/index.html -> /v1/...
const BASE = new URL('../v1/', window.location.href);

export class ApiError extends Error {
  constructor(status, body) {
    super(body && typeof body.message === 'string' ? body.message : `HTTP ${status}`);
    this.status = status;
    this.requestId = body && typeof body.requestId === 'string' ? body.requestId : null;
    this.fieldErrors = body && Array.isArray(body.fieldErrors) ? body.fieldErrors : [];
  }
}

export const session = {
  token() {
    return window.sessionStorage.getItem(KEY);
  },
  signIn(token) {
    window.sessionStorage.setItem(KEY, token);
  },
  signOut() {
    window.sessionStorage.removeItem(KEY);
  },
};

let onUnauthorized = () => {};

/** What to do when the API answers 401 (the token expired, was revoked or is wrong): the app shows sign-in. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** api('GET', 'organizations/o/tokens', {query: {limit: 10, sorts: ['name:asc']}}) -> parsed JSON (null for 204). */
export async function api(method, path, { query, body, raw } = {}) {
  const url = new URL(path, BASE);
  for (const [name, value] of Object.entries(query || {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') {
        url.searchParams.append(name, String(v));
      }
    }
  }
  const headers = { Accept: 'application/json' };
  const token = session.token();
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(url, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    throw new ApiError(0, { message: `The API could not be reached (${e.message}).` });
  }
  if (response.status === 401) {
    const error = new ApiError(401, await json(response));
    session.signOut();
    onUnauthorized(error);
    throw error;
  }
  if (!response.ok) {
    throw new ApiError(response.status, await json(response));
  }
  if (raw) {
    return response;
  }
  return response.status === 204 ? null : json(response);
}

async function json(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** The id of the organization the signed-in token belongs to (set at sign-in from whoami). */
export const org = { id: null, path: (rest) => `organizations/${encodeURIComponent(org.id)}/${rest}` };

/**
 * Shows an error: its message and request id in the form's (or screen's) alert box, each field error beside its
 * field (a control whose data-field-error slot names the field), the rest listed in the box.
 */
export function showError(box, error, form) {
  box.replaceChildren();
  form?.querySelectorAll('[data-field-error]').forEach((slot) => { slot.textContent = ''; });
  form?.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
  if (!error) {
    box.hidden = true;
    return;
  }
  const message = error instanceof ApiError ? error.message : String(error.message || error);
  const unplaced = [];
  for (const fe of error.fieldErrors || []) {
    const slot = form?.querySelector(`[data-field-error="${CSS.escape(fe.field)}"]`);
    const text = `${fe.message || fe.code}${fe.message ? ` (${fe.code})` : ''}`;
    if (slot) {
      slot.textContent = text;
      document.getElementById(slot.id.replace(/-error$/, ''))?.setAttribute('aria-invalid', 'true');
    } else {
      unplaced.push(h('li', {}, `${fe.field}: ${text}`));
    }
  }
  box.append(h('p', { class: 'error-message' }, message));
  if (error.requestId) {
    box.append(h('p', { class: 'request-id' }, 'Request id: ', h('code', {}, error.requestId)));
  }
  if (unplaced.length) {
    box.append(h('ul', {}, unplaced));
  }
  box.hidden = false;
}

/** An alert box for showError. */
export function errorBox() {
  return h('div', { class: 'error-box', role: 'alert', hidden: true });
}
