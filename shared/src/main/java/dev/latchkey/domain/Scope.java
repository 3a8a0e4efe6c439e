package dev.latchkey.domain;

import java.util.Optional;

/** The level a token lives at; fixed at creation. The letter is part of the token value ({@code lko_}, {@code lkw_}, {@code lkd_}). */
public enum Scope {
    ORGANIZATION('o', EntityType.ORGANIZATION),
    WORKSPACE('w', EntityType.WORKSPACE),
    DEPLOYMENT('d', EntityType.DEPLOYMENT);

    private final char letter;
    private final EntityType entityType;

    Scope(char letter, EntityType entityType) {
        this.letter = letter;
        this.entityType = entityType;
    }

    public char letter() {
        return letter;
    }

    /** The entity type of the role that every token of this scope holds on its own entity. */
    public EntityType entityType() {
        return entityType;
    }

    public static Optional<Scope> ofLetter(char letter) {
        for (Scope scope : values()) {
            if (scope.letter == letter) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
