package dev.latchkey.usecase;

import dev.latchkey.domain.Scope;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.LocalSecretsManager;
import dev.latchkey.testing.SecretsManagerCalls;
import dev.latchkey.testing.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The direct-access keys in Secrets Manager (moto): the private ring and its published public keys, each in its own
 * secret, made by the first direct-access token and then shared by every container.
 */
class SigningKeysIT {

    static final String PRIVATE = "latchkey.direct-access-key-secret-id";
    static final String PUBLIC = "latchkey.direct-access-public-key-secret-id";

    static SecretsManagerClient sm;

    @BeforeAll
    static void moto() {
        LocalSecretsManager.endpoint();
        sm = LocalSecretsManager.client();
    }

    static String emptySecret(String name) {
        return sm.createSecret(r -> r.name("latchkey-" + name + "-" + System.nanoTime()).secretString("{}")).arn();
    }

    static String secretString(String id) {
        return sm.getSecretValue(r -> r.secretId(id)).secretString();
    }

    /** What create does for a direct-access token: sign a value with the current key. */
    static String mint(Backend b) {
        Instant now = b.clock().instant();
        return b.bean(TokenMinter.class).mintDirectAccess("c0ffee", "acme", Scope.ORGANIZATION, List.of(), now, now.plusSeconds(3600)).value();
    }

    static boolean verifies(Backend b, String value) {
        return b.bean(TokenValues.class).parse(value).isPresent();
    }

    static String kid(String value) {
        String header = new String(java.util.Base64.getUrlDecoder().decode(value.substring(0, value.indexOf('.'))));
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void theFirstDirectAccessTokenWritesThePrivateRingThenItsPublicKeysAndLaterContainersReuseThem() {
        Map<String, Object> create = Map.of(PRIVATE, emptySecret("private"), PUBLIC, emptySecret("public"));
        String first;
        try (Backend b = Backend.start(create, new TestClock())) {
            first = mint(b);
            assertTrue(verifies(b, first));
        }
        String privateRing = secretString((String) create.get(PRIVATE));
        String publicKeys = secretString((String) create.get(PUBLIC));
        assertTrue(privateRing.contains("\"d\""), "the private key is kept in the private secret");
        assertTrue(publicKeys.contains("\"kid\":\"" + kid(first) + "\""), "its public key is published");
        assertFalse(publicKeys.contains("\"d\""), "the public secret never holds a private part");
        try (Backend second = Backend.start(create, new TestClock())) {
            assertEquals(kid(first), kid(mint(second)), "a second container signs with the same key, not a new pair");
        }
        assertEquals(privateRing, secretString((String) create.get(PRIVATE)));
        assertEquals(publicKeys, secretString((String) create.get(PUBLIC)));
    }

    @Test
    void concurrentFirstUsesConvergeOnOneRingAndOnePublication() throws Exception {
        Map<String, Object> create = Map.of(PRIVATE, emptySecret("private"), PUBLIC, emptySecret("public"));
        try (Backend one = Backend.start(create, new TestClock()); Backend two = Backend.start(create, new TestClock())) {
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> awaitThenMint(go, one));
            CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> awaitThenMint(go, two));
            go.countDown();
            assertEquals(kid(a.get()), kid(b.get()));
            assertTrue(verifies(one, b.get()) && verifies(two, a.get()));
            String publicKeys = secretString((String) create.get(PUBLIC));
            assertEquals(1, publicKeys.split("\"kid\"").length - 1, "one published key: " + publicKeys);
        }
    }

    private static String awaitThenMint(CountDownLatch go, Backend b) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return mint(b);
    }

    @Test
    void aWarmVerifierWithNoKeysRereadsAtMostOncePerIntervalAndNeverTheRing() {
        String privateId = emptySecret("private");
        String publicId = emptySecret("public");
        TestClock clock = new TestClock();
        try (Backend verifier = Backend.start(Map.of(PUBLIC, publicId, SecretsManagerCalls.PROPERTY, "true"), clock);
             Backend create = Backend.start(Map.of(PRIVATE, privateId, PUBLIC, publicId), new TestClock())) {
            SecretsManagerCalls calls = verifier.bean(SecretsManagerCalls.class);
            String madeElsewhere = mintElsewhere();
            assertFalse(verifies(verifier, madeElsewhere));
            assertEquals(1, calls.count("GetSecretValue", publicId), "the empty key set is read once");

            String token = mint(create);
            clock.advance(Duration.ofSeconds(30));
            assertFalse(verifies(verifier, token), "within the interval the cached empty set answers");
            assertEquals(1, calls.count("GetSecretValue", publicId));

            clock.advance(Duration.ofSeconds(31));
            assertTrue(verifies(verifier, token), "after the interval an unknown kid makes it read again");
            assertEquals(2, calls.count("GetSecretValue", publicId));
            assertTrue(verifies(verifier, token));
            assertFalse(verifies(verifier, madeElsewhere));
            assertEquals(2, calls.count("GetSecretValue", publicId), "a known kid, or an unknown one within the interval, reads nothing");
            assertEquals(0, calls.count("GetSecretValue", privateId), "verification never reads the private ring");
        }
    }

    /** A value signed by a ring that is not the deployment's (another local configuration). */
    private static String mintElsewhere() {
        try (Backend elsewhere = Backend.start(Map.of(), new TestClock())) {
            return mint(elsewhere);
        }
    }
}
