package dev.latchkey.http.testing;

import com.networknt.schema.dialect.Dialects;

/**
 * Latchkey's own API description, {@code docs/openapi.yaml} (OpenAPI 3.1), read once per JVM. {@link LambdaHarness}
 * checks every answer against it, so each handler test also proves the document true for what it exercises.
 */
public final class LatchkeyApi {

    public static final OpenApiDocument DOCUMENT = new OpenApiDocument("docs/openapi.yaml",
            () -> OpenApiDocument.repositoryRoot().resolve("docs").resolve("openapi.yaml"), Dialects.getOpenApi31());

    private LatchkeyApi() {
    }

    /**
     * Asserts the answer to {@code method path} is one the matched operation declares (status, and body against that
     * status's schema). A request no documented route matches never reaches a function behind API Gateway; the
     * handler must still answer it with a 4xx error body.
     */
    public static void assertConforms(String method, String path, LambdaResponse response) {
        var route = method == null || path == null ? java.util.Optional.<OpenApiDocument.Route>empty() : DOCUMENT.route(method, path);
        if (route.isPresent()) {
            DOCUMENT.assertResponse(route.get(), response);
            return;
        }
        if (response.status() < 400 || response.status() > 499) {
            throw new AssertionError(DOCUMENT.name() + " has no route " + method + " " + path + ", yet it answered "
                    + response.status() + " (only a 4xx error body is expected there)");
        }
        DOCUMENT.assertValid("#/components/schemas/Error", OpenApiDocument.read(response.body()),
                method + " " + path + " (no documented route) " + response.status() + " answer");
    }
}
