package dev.latchkey.domain;

/** Who made a change: always an API token here (Astro's {@code subjectType: SERVICEKEY}). */
public record Actor(String id, String apiTokenName) {
}
