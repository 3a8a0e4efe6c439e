package dev.latchkey.http;

import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.usecase.IssuedToken;
import io.micronaut.crac.OrderedResource;
import io.micronaut.crac.test.CheckpointSimulator;
import io.micronaut.crac.test.DefaultCheckpointSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SnapStart hooks, run by micronaut-crac's checkpoint simulator against the handler Lambda builds: priming reaches
 * the table and answers its synthetic requests, and a "restored" handler still mints fresh values.
 */
class SnapStartPrimingTest {

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();

    @Test
    void beforeCheckpointWarmsTheTableAndTheRequestPath() {
        var context = lambda.handler().getApplicationContext();
        List<OrderedResource> resources = List.copyOf(context.getBeansOfType(OrderedResource.class));
        assertTrue(resources.stream().anyMatch(r -> r instanceof SnapStartPriming), "the priming resource must be registered");
        CheckpointSimulator simulator = new DefaultCheckpointSimulator(resources);

        simulator.runBeforeCheckpoint();
        SnapStartPriming priming = context.getBean(SnapStartPriming.class);
        assertTrue(priming.tableReached(), "priming must reach the token table");
        Map<String, Integer> statuses = priming.primedStatuses();
        assertEquals(2, statuses.size());
        // http-common alone has no controllers: both requests take the not-found path through routing and errors.
        statuses.values().forEach(status -> assertTrue(status >= 200 && status < 500, "priming request answered " + status));

        simulator.runAfterRestore();
        IssuedToken owner = lambda.backend().owner("after-restore");
        IssuedToken a = lambda.backend().token(owner, "after-restore", Scope.ORGANIZATION, "after-restore", "ORGANIZATION_MEMBER");
        IssuedToken b = lambda.backend().token(owner, "after-restore", Scope.ORGANIZATION, "after-restore", "ORGANIZATION_MEMBER");
        assertNotEquals(a.value(), b.value());
        assertNotEquals(a.token().id(), b.token().id());
    }
}
