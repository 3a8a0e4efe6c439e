package dev.latchkey.domain;

/** What a role entry points at. Dag entries also name the deployment the dag runs in. */
public enum EntityType {
    ORGANIZATION, WORKSPACE, DEPLOYMENT, DAG, DAG_TAG;

    public boolean isDag() {
        return this == DAG || this == DAG_TAG;
    }
}
