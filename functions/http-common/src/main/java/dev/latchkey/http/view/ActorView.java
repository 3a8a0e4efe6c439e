package dev.latchkey.http.view;

import dev.latchkey.domain.Actor;
import io.micronaut.serde.annotation.Serdeable;

/** Astro's {@code BasicSubjectProfile} for an API token. */
@Serdeable
public record ActorView(String id, String subjectType, String apiTokenName) {

    public static ActorView of(Actor actor) {
        return new ActorView(actor.id(), "SERVICEKEY", actor.apiTokenName());
    }
}
