package dev.latchkey.domain;

/** The life of one value's hash item: live, replaced by a rotation (live until its grace ends), or revoked. */
public enum HashStatus {
    LIVE, SUPERSEDED, REVOKED
}
