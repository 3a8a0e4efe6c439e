// Astro's roles by entity type, highest first, and which of them the signed-in token may hand out. The API has the
// last word (it answers 403 for a role above the caller's); this only keeps such roles out of the menus.

export const ROLES = {
  ORGANIZATION: ['ORGANIZATION_OWNER', 'ORGANIZATION_BILLING_ADMIN', 'ORGANIZATION_OBSERVE_ADMIN',
    'ORGANIZATION_MEMBER', 'ORGANIZATION_OBSERVE_MEMBER'],
  WORKSPACE: ['WORKSPACE_OWNER', 'WORKSPACE_OPERATOR', 'WORKSPACE_AUTHOR', 'WORKSPACE_MEMBER', 'WORKSPACE_ACCESSOR'],
  DEPLOYMENT: ['DEPLOYMENT_ADMIN'],
  DAG: ['DAG_AUTHOR', 'DAG_VIEWER'],
  DAG_TAG: ['DAG_AUTHOR', 'DAG_VIEWER'],
};

export const ENTITY_TYPES = [
  ['WORKSPACE', 'Workspace'], ['DEPLOYMENT', 'Deployment'], ['DAG', 'Dag'], ['DAG_TAG', 'Dag tag'],
  ['ORGANIZATION', 'Organization'],
];

/** The roles of entityType (on entityId) that `me` (whoami) may give: none above its own. */
export function offeredRoles(me, entityType, entityId) {
  const all = ROLES[entityType] || [];
  const mine = me?.roles || [];
  if (mine.some((r) => r.role === 'ORGANIZATION_OWNER')) {
    return all;
  }
  if (entityType === 'ORGANIZATION') {
    return [];
  }
  if (entityType === 'WORKSPACE') {
    const own = mine.filter((r) => r.entityType === 'WORKSPACE' && (!entityId || r.entityId === entityId))
      .map((r) => all.indexOf(r.role)).filter((i) => i >= 0);
    return own.length ? all.slice(Math.min(...own)) : [];
  }
  // Deployments and dags: a workspace owner or operator, or a deployment admin, manages them.
  const manages = mine.some((r) => ['WORKSPACE_OWNER', 'WORKSPACE_OPERATOR', 'DEPLOYMENT_ADMIN'].includes(r.role));
  return manages ? all : [];
}

/** A token's roles grouped as Astro shows them. */
export function grouped(roles) {
  const by = (type) => roles.filter((r) => r.entityType === type);
  return {
    organization: by('ORGANIZATION'),
    workspaces: by('WORKSPACE'),
    deployments: by('DEPLOYMENT'),
    dags: roles.filter((r) => r.entityType === 'DAG' || r.entityType === 'DAG_TAG'),
  };
}

/** "WORKSPACE_AUTHOR @ ws-analytics", "DAG_VIEWER @ dep-etl / dag nightly". */
export function describeRole(r) {
  if (r.entityType === 'DAG' || r.entityType === 'DAG_TAG') {
    return `${r.role} @ ${r.deploymentId} / ${r.entityType === 'DAG' ? 'dag' : 'tag'} ${r.entityId}`;
  }
  return `${r.role} @ ${r.entityId}`;
}

/** The request form of a role entry (what POST .../roles takes). */
export function roleInput(r) {
  const out = { entityType: r.entityType, entityId: r.entityId, role: r.role };
  if (r.deploymentId) {
    out.deploymentId = r.deploymentId;
  }
  return out;
}
