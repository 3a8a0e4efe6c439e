package dev.latchkey.functions.manage;

import dev.latchkey.access.ResourcePath;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.functions.manage.admin.BootstrapOrganizationHandler;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.usecase.ValidateToken;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The IAM-only bootstrap function, built as Lambda builds it and invoked with the payload of {@code aws lambda invoke}. */
class BootstrapOrganizationHandlerTest {

    static LambdaHarness lambda;
    static BootstrapOrganizationHandler handler;

    @BeforeAll
    static void start() {
        lambda = LambdaHarness.start();
        handler = new BootstrapOrganizationHandler();
    }

    @AfterAll
    static void stop() {
        handler.close();
        lambda.close();
    }

    @Test
    void firstInvocationIssuesAnOwnerTokenAndTheSecondIsRefused() {
        Map<String, Object> answer = handler.handleRequest(new HashMap<>(Map.of("organizationId", "newco")), new MockLambdaContext());
        String value = (String) answer.get("token");
        ValidateToken.Outcome outcome = lambda.backend().bean(ValidateToken.class)
                .validate(value, new ResourcePath("newco", null, null, null), "organization.tokens.manage");
        assertEquals(ValidateToken.Code.VALID, outcome.code());
        assertEquals(answer.get("tokenId"), outcome.token().tokenId());

        LatchkeyException again = assertThrows(LatchkeyException.class,
                () -> handler.handleRequest(new HashMap<>(Map.of("organizationId", "newco")), new MockLambdaContext()));
        assertEquals(LatchkeyException.Kind.CONFLICT, again.kind());
        assertEquals(1, lambda.backend().bean(dev.latchkey.store.TokenStore.class).list("newco").size());
    }

    @Test
    void badPayloadsAreRefusedAndChangeNothing() {
        for (Map<String, Object> payload : new Map[]{Map.of(), Map.of("organizationId", 5), Map.of("organizationId", "../x")}) {
            LatchkeyException e = assertThrows(LatchkeyException.class,
                    () -> handler.handleRequest(new HashMap<>(payload), new MockLambdaContext()));
            assertEquals(LatchkeyException.Kind.INVALID_INPUT, e.kind());
        }
        assertEquals(0, lambda.backend().bean(dev.latchkey.store.TokenStore.class).list("..").size());
    }
}
