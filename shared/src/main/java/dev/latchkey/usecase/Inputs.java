package dev.latchkey.usecase;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.token.TokenIds;

import java.util.regex.Pattern;

/** Checks on client-supplied identifiers and text, shared by every use case. */
public final class Inputs {

    public static final int MAX_ID_LENGTH = 64;
    /** Astro's limits (UpdateApiTokenRequest); create applies the same ones. */
    public static final int MAX_NAME_LENGTH = 256;
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    /** Letters, digits, {@code _}, {@code -} and single dots; no slashes, no {@code ..}, at most 64 characters. */
    private static final Pattern ENTITY_ID = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]|\\.(?!\\.)){0,63}");

    private Inputs() {
    }

    public static String entityId(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw LatchkeyException.invalid(field, "REQUIRED", field + " is required");
        }
        if (value.length() > MAX_ID_LENGTH || !ENTITY_ID.matcher(value).matches()) {
            throw LatchkeyException.invalid(field, "INVALID_ID",
                    field + " must be 1-" + MAX_ID_LENGTH + " letters, digits, '_', '-' or single '.' characters");
        }
        return value;
    }

    /** Token ids that cannot exist are 404 without a table read; ids that are not ids at all are 400. */
    public static String tokenId(String value) {
        entityId("tokenId", value);
        if (!TokenIds.isWellFormed(value)) {
            throw LatchkeyException.notFound("Token " + value + " not found");
        }
        return value;
    }

    /** An enum constant by its exact name; a clear 400 listing the accepted names otherwise. */
    public static <E extends Enum<E>> E enumValue(String field, Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        throw LatchkeyException.invalid(field, "INVALID_VALUE", field + " must be one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(java.util.stream.Collectors.joining(", ")));
    }

    /** A true/false query parameter: absent is false; anything but {@code true}/{@code false} is a 400, not a silent false. */
    public static boolean flag(String field, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw LatchkeyException.invalid(field, "INVALID_VALUE", field + " must be true or false");
    }

    public static String name(String value) {
        if (value == null || value.isBlank()) {
            throw LatchkeyException.invalid("name", "REQUIRED", "name is required");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw LatchkeyException.invalid("name", "TOO_LONG", "name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw LatchkeyException.invalid("name", "INVALID_CHARACTERS", "name must not contain control characters");
        }
        return value.strip();
    }

    public static String description(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_DESCRIPTION_LENGTH) {
            throw LatchkeyException.invalid("description", "TOO_LONG",
                    "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return value;
    }
}
