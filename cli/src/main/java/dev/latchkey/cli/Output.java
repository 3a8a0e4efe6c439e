package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** The three output formats: aligned tables for people, the API's JSON as one document, or one JSON item a line. */
final class Output {
    private Output() {
    }

    /** One API document: json prints it as the API sent it, jsonl on one line, table as the given rows. */
    static void document(Session s, JsonNode doc, List<String[]> tableRows) {
        switch (s.format) {
            case json, jsonl -> s.out.println(Json.write(doc));
            case table -> keyValues(s.out, tableRows);
        }
    }

    /** A list answer: jsonl prints each item of {@code items} on its own line. */
    static void list(Session s, JsonNode doc, JsonNode items, String[] headers, List<String[]> rows) {
        switch (s.format) {
            case json -> s.out.println(Json.write(doc));
            case jsonl -> items.forEach(i -> s.out.println(Json.write(i)));
            case table -> table(s.out, headers, rows);
        }
    }

    static void keyValues(PrintStream out, List<String[]> rows) {
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        for (String[] r : rows) {
            if (r[1] != null && !r[1].isEmpty()) {
                out.println(pad(r[0] + ":", width + 2) + r[1]);
            }
        }
    }

    static void table(PrintStream out, String[] headers, List<String[]> rows) {
        int[] widths = new int[headers.length];
        List<String[]> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i] == null ? 1 : r[i].length());
            }
        }
        for (String[] r : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String cell = r[i] == null || r[i].isEmpty() ? "-" : r[i];
                line.append(i == r.length - 1 ? cell : pad(cell, widths[i] + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static String roles(JsonNode token) {
        StringJoiner j = new StringJoiner(",");
        token.path("roles").forEach(r -> j.add(RoleSpec.of(r).toString()));
        return j.toString();
    }

    /** The key-value rows of an ApiToken (and of whoami, which shares most of its fields). */
    static List<String[]> tokenRows(JsonNode t) {
        List<String[]> rows = new ArrayList<>();
        for (String[] f : new String[][]{{"id", "id"}, {"name", "name"}, {"description", "description"},
                {"scope", "scope"}, {"kind", "kind"}, {"organization", "organizationId"}, {"entity", "entityId"},
                {"workspace", "workspaceId"}, {"short token", "shortToken"}, {"start", "startAt"}, {"end", "endAt"},
                {"created", "createdAt"}, {"updated", "updatedAt"}, {"last rotated", "lastRotatedAt"},
                {"last used", "lastUsedAt"}}) {
            rows.add(new String[]{f[0], Json.text(t, f[1])});
        }
        rows.add(new String[]{"roles", roles(t)});
        if (t.path("allowedCidrs").size() > 0) {
            List<String> cidrs = new ArrayList<>();
            t.get("allowedCidrs").forEach(c -> cidrs.add(c.asText()));
            rows.add(new String[]{"allowed cidrs", String.join(", ", cidrs)});
        }
        if (t.hasNonNull("secretsManager")) {
            rows.add(new String[]{"secret", Json.text(t.get("secretsManager"), "secretName")});
        }
        if (t.hasNonNull("rotation")) {
            JsonNode r = t.get("rotation");
            rows.add(new String[]{"rotation", "every " + Json.text(r, "everyDays") + " days, grace "
                    + Json.text(r, "gracePeriodSeconds") + " s, next " + Json.text(r, "nextRotationAt")});
        }
        return rows;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
