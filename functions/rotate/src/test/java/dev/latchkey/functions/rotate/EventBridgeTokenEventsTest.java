package dev.latchkey.functions.rotate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.domain.Scope;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.functions.rotate.events.EventBridgeTokenEvents;
import dev.latchkey.store.TokenNotice;
import dev.latchkey.testing.LocalSecretsManager;
import dev.latchkey.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The EventBridge implementation against a real EventBridge API (moto_server, which LocalSecretsManager starts),
 * configured only through the SDK's standard endpoint setting as {@code AWS_ENDPOINT_URL_EVENTBRIDGE} would be. A rule
 * on the default bus forwards Latchkey's events to an SQS queue, where the test reads what was delivered.
 */
class EventBridgeTokenEventsTest {

    static final String ENDPOINT_PROPERTY = "aws.endpointUrlEventBridge";
    static URI endpoint;
    static SqsClient sqs;
    static String queueUrl;

    @BeforeAll
    static void start() {
        endpoint = LocalSecretsManager.endpoint();
        System.setProperty(ENDPOINT_PROPERTY, endpoint.toString());
        sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        queueUrl = sqs.createQueue(r -> r.queueName("latchkey-events-" + System.nanoTime())).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            events.putRule(r -> r.name("latchkey-to-sqs").eventBusName("default").eventPattern("{\"source\":[\"latchkey\"]}"));
            events.putTargets(r -> r.rule("latchkey-to-sqs").eventBusName("default").targets(t -> t.id("queue").arn(queueArn)));
        }
    }

    @AfterAll
    static void stop() {
        System.clearProperty(ENDPOINT_PROPERTY);
        sqs.close();
    }

    static List<JsonNode> delivered() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (Message m : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
            out.add(new ObjectMapper().readTree(m.body()));
        }
        return out;
    }

    @Test
    void anEventArrivesOnTheDefaultBusAsLatchkeySent() throws Exception {
        Instant endAt = Instant.parse("2027-01-01T00:00:00Z");
        TokenNotice notice = new TokenNotice(TokenNotice.Kind.EXPIRING, "acme", "c123", "ci \"deployer\"", Scope.WORKSPACE, "ws-1",
                endAt, null, Instant.parse("2026-10-01T00:00:00Z"), null, "c123");
        EventBridgeTokenEvents events = new EventBridgeTokenEvents(new LatchkeyConfiguration(), new TestClock());
        events.publish(notice);

        List<JsonNode> got = delivered();
        assertEquals(1, got.size(), got.toString());
        JsonNode event = got.get(0);
        assertEquals("latchkey", event.get("source").asText());
        assertEquals("Token Expiring", event.get("detail-type").asText());
        JsonNode detail = event.get("detail");
        assertEquals("c123", detail.get("tokenId").asText());
        assertEquals("ci \"deployer\"", detail.get("tokenName").asText(), "free text is escaped, not mangled");
        assertEquals(endAt.toString(), detail.get("endAt").asText());
        assertEquals("EXPIRING:acme:c123", detail.get("noticeId").asText());
    }

    @Test
    void anUnreachableEventBridgeIsABackendError() {
        System.setProperty(ENDPOINT_PROPERTY, "http://127.0.0.1:9");
        try {
            EventBridgeTokenEvents events = new EventBridgeTokenEvents(new LatchkeyConfiguration(), new TestClock());
            TokenNotice notice = new TokenNotice(TokenNotice.Kind.LEAK_REVOKED, "acme", "c9", "t", Scope.ORGANIZATION, "acme",
                    null, null, Instant.EPOCH, Instant.EPOCH, "h");
            assertEquals(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                    assertThrows(LatchkeyException.class, () -> events.publish(notice)).kind());
        } finally {
            System.setProperty(ENDPOINT_PROPERTY, endpoint.toString());
        }
    }
}
