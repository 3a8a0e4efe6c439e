// The organization's registered workspaces and deployments, as the list routes answer them (every page), for the
// entities screen and for every workspace or deployment field: the field stays free text (a caller may name an id it
// cannot list), and a <datalist> beside it offers the ids the caller may see, with a line saying what was found.
import { api, org } from './api.js';
import { h, replace } from './dom.js';

const PAGE = 1000;   // the API's largest page

/** Every workspace or deployment the caller may see: listAll('workspaces') -> [{id, type, workspaceId?, ...}]. */
export async function listAll(kind) {
  const items = [];
  for (;;) {
    const page = await api('GET', org.path(kind), { query: { limit: PAGE, offset: items.length } });
    items.push(...page[kind]);
    if (page[kind].length === 0 || items.length >= page.totalCount) {
      return items;
    }
  }
}

/** Both lists, read once for one screen; a failure is shown where a list is used, never left unhandled. */
export function loadRegistry() {
  const registry = { workspaces: listAll('workspaces'), deployments: listAll('deployments') };
  Object.values(registry).forEach((p) => p.catch(() => {}));
  return registry;
}

let lists = 0;
const NOUNS = { workspaces: ['workspace', 'workspaces'], deployments: ['deployment', 'deployments'] };

/**
 * Offers the registry's ids on a field ({row, input} of dom.js field()), with a note under it: loading, none, how many,
 * or the error. show('workspaces' | 'deployments' | null) switches what is offered (null: nothing, note hidden);
 * reload(registry) offers a newer read.
 */
export function offerIds({ row, input }, registry, kind) {
  const datalist = h('datalist', { id: `registry-${++lists}` });
  const note = h('p', { class: 'hint registry-note', 'aria-live': 'polite' });
  input.setAttribute('list', datalist.id);
  row.append(datalist, note);
  let shown;
  let source = registry;
  async function show(next) {
    if (next === shown) {
      return;   // already offered (or being loaded)
    }
    shown = next;
    replace(datalist);
    if (!next) {
      replace(note);
      note.hidden = true;
      return;
    }
    note.hidden = false;
    const [one, many] = NOUNS[next];
    replace(note, `Loading ${many}…`);
    try {
      const items = await source[next];
      if (shown !== next) {
        return;
      }
      replace(datalist, items.map((e) => h('option', { value: e.id },
        e.workspaceId ? `${e.id} (in ${e.workspaceId})` : e.id)));
      replace(note, items.length === 0 ? `No ${one} registered yet.`
        : `${items.length} ${items.length === 1 ? one : many} registered: pick one or type an id.`);
    } catch (e) {
      if (shown === next) {
        replace(note, `The ${many} could not be listed: ${e.message}${e.requestId ? ` (request id ${e.requestId})` : ''}`);
      }
    }
  }
  /** Offers a newer read of the registry (after a registration or a removal). */
  function reload(next) {
    source = next;
    const kindShown = shown;
    shown = undefined;
    show(kindShown);
  }
  show(kind);
  return { show, reload };
}
