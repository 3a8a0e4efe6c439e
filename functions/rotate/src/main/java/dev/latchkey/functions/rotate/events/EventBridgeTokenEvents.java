package dev.latchkey.functions.rotate.events;

import dev.latchkey.config.CoreFactory;
import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.config.LazyClient;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.TokenEvents;
import dev.latchkey.store.TokenNotice;
import dev.latchkey.store.events.JsonLinesTokenEvents;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.time.Clock;
import java.util.List;

/**
 * Hygiene events on the account's default EventBridge bus, one PutEvents per event. Region, credentials and
 * {@code AWS_ENDPOINT_URL_EVENTBRIDGE} come from the SDK's standard chain; the client is built at the first event,
 * so the rotate function's other handlers never pay for it. Not used where {@code latchkey.events-file} is set.
 */
@Singleton
@Requires(missingProperty = JsonLinesTokenEvents.PROPERTY)
public final class EventBridgeTokenEvents implements TokenEvents {

    /** The only bus template.yaml lets the schedule function put events on. */
    static final String BUS = "default";

    private final LazyClient<EventBridgeClient> client;
    private final Clock clock;

    public EventBridgeTokenEvents(LatchkeyConfiguration config, Clock clock) {
        this.client = new LazyClient<>(() -> EventBridgeClient.builder()
                .httpClientBuilder(CoreFactory.boundedConnects(config))
                .overrideConfiguration(CoreFactory.boundedCalls(config))
                .build());
        this.clock = clock;
    }

    @Override
    public void publish(TokenNotice notice) {
        PutEventsResponse response;
        try {
            response = client.get().putEvents(r -> r.entries(e -> e
                    .eventBusName(BUS)
                    .source(TokenNotice.SOURCE)
                    .detailType(notice.kind().detailType())
                    .time(clock.instant())
                    .detail(notice.detailJson())));
        } catch (EventBridgeException e) {
            boolean retryable = e.isThrottlingException() || e.statusCode() >= 500;
            throw failure(retryable ? LatchkeyException.Kind.BACKEND_UNAVAILABLE : LatchkeyException.Kind.BACKEND_FAILED,
                    "EventBridge refused PutEvents (" + (e.awsErrorDetails() == null ? e.statusCode() : e.awsErrorDetails().errorCode()) + ")", e);
        } catch (SdkClientException e) {
            throw failure(LatchkeyException.Kind.BACKEND_UNAVAILABLE, "EventBridge could not be reached", e);
        } catch (SdkException e) {
            throw failure(LatchkeyException.Kind.BACKEND_UNAVAILABLE, "EventBridge failed during PutEvents", e);
        }
        // PutEvents answers 200 with failed entries (throttled, internal): the event is not on the bus then.
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            PutEventsResultEntry entry = response.entries().isEmpty() ? null : response.entries().get(0);
            throw failure(LatchkeyException.Kind.BACKEND_UNAVAILABLE, "EventBridge did not take the event ("
                    + (entry == null ? "no entry" : entry.errorCode()) + ")", null);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private static LatchkeyException failure(LatchkeyException.Kind kind, String message, Exception cause) {
        return new LatchkeyException(kind, message, List.of(), cause);
    }
}
