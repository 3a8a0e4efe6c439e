package dev.latchkey.usecase;

import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.SigningKeySecrets;
import dev.latchkey.token.direct.PublicKeys;
import dev.latchkey.token.direct.SigningKey;
import dev.latchkey.token.direct.SigningKeyRing;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Where the direct-access keys come from. Two sides, two secrets:
 * <ul>
 * <li><b>Minting</b> (create; rotate, the sweep and Secrets Manager rotation when they rotate a direct-access token)
 * reads the private ring, {@code latchkey.direct-access-key-secret-id}, once per container. Only
 * {@link #currentKeyCreatingRing()} (create) generates a ring into a still-empty secret, with a fixed version id so
 * concurrent first uses converge, and then publishes its public keys.</li>
 * <li><b>Verification</b> (validate, the authorizer, the JWKS route, leak reports, whoami) reads only the public keys,
 * {@code latchkey.direct-access-public-key-secret-id}, so a verifying function needs neither the private secret nor
 * the right to read it. {@code {}} there means "no keys yet" and is cached like any other answer.</li>
 * </ul>
 * Re-read policy of the public keys: a container reads them on first need, then again at most once per
 * {@code latchkey.direct-access-key-refresh-interval} (1 minute), and only when its copy cannot answer: a presented
 * value names a kid it lacks (the first ring was made in another container, or keys were rolled), or, for the JWKS
 * route, the copy is older than the interval. A failed re-read keeps the previous copy until the next interval. The
 * time of a read is taken when it happens, never at init, so a SnapStart snapshot restores with a copy that is due.
 *
 * <p>Locally, {@code latchkey.direct-access-keys} gives the ring as JSON and both sides use it (verification its public
 * parts). A minting-only function given only the private secret verifies against that ring's public parts.
 */
@Singleton
public class SigningKeys {

    static final String INITIAL_VERSION = "latchkey-initial-signing-key-0001";
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

    /** A copy of the public keys and when it was read. */
    private record Copy(PublicKeys keys, Instant readAt) {
    }

    private final LatchkeyConfiguration config;
    private final SigningKeySecrets secrets;
    private final Clock clock;
    private volatile SigningKeyRing ring;
    private volatile boolean published;
    private volatile Copy copy;

    public SigningKeys(LatchkeyConfiguration config, SigningKeySecrets secrets, Clock clock) {
        this.config = config;
        this.secrets = secrets;
        this.clock = clock;
    }

    // ---- verification ------------------------------------------------------------------------------------------

    /** The public key that verifies values signed under {@code kid}, if there is one. */
    public Optional<SigningKey> verificationKey(String kid) {
        return publicKeys(keys -> keys.find(kid).isPresent()).find(kid);
    }

    /** The public keys for the JWKS route (possibly none). */
    public PublicKeys jwks() {
        return publicKeys(keys -> false);
    }

    private PublicKeys publicKeys(Predicate<PublicKeys> answers) {
        Copy seen = copy;
        if (seen != null && (answers.test(seen.keys()) || !due(seen))) {
            return seen.keys();
        }
        synchronized (this) {
            seen = copy;
            if (seen != null && (answers.test(seen.keys()) || !due(seen))) {
                return seen.keys();
            }
            Instant now = clock.instant();
            try {
                PublicKeys read = readPublicKeys();
                copy = new Copy(read, now);
                return read;
            } catch (LatchkeyException e) {
                if (seen == null) {
                    throw e;
                }
                LOG.warn("Keeping the cached direct-access public keys {}: {}", seen.keys(), e.getMessage());
                copy = new Copy(seen.keys(), now);
                return seen.keys();
            }
        }
    }

    private boolean due(Copy seen) {
        if (config.getDirectAccessKeys() != null) {
            return false;
        }
        return !clock.instant().isBefore(seen.readAt().plus(refreshInterval()));
    }

    private Duration refreshInterval() {
        Duration interval = config.getDirectAccessKeyRefreshInterval();
        return interval == null || interval.isNegative() ? Duration.ZERO : interval;
    }

    private PublicKeys readPublicKeys() {
        if (config.getDirectAccessKeys() != null) {
            return configuredRing().publicKeys();
        }
        String publicId = config.getDirectAccessPublicKeySecretId();
        if (publicId != null) {
            return parsed(publicId, () -> PublicKeys.parse(read(publicId)));
        }
        String privateId = config.getDirectAccessKeySecretId();
        if (privateId != null) {
            return parsed(privateId, () -> SigningKeyRing.parseStored(read(privateId))).map(SigningKeyRing::publicKeys)
                    .orElse(PublicKeys.none());
        }
        return PublicKeys.none();
    }

    // ---- minting -----------------------------------------------------------------------------------------------

    /** The key that signs new values of existing direct-access tokens (rotation); a clear 503 if there is none. */
    public SigningKey currentKey() {
        return ring(false).current();
    }

    /**
     * The key that signs a new direct-access token (create): on the deployment's first one, the ring is generated into
     * the private secret and its public keys published before anything is signed with it.
     */
    public SigningKey currentKeyCreatingRing() {
        return ring(true).current();
    }

    private SigningKeyRing ring(boolean creating) {
        SigningKeyRing loaded = ring;
        if (loaded != null && (!creating || published)) {
            return loaded;
        }
        synchronized (this) {
            if (ring == null) {
                ring = loadRing(creating);
            }
            if (creating && !published) {
                publish(ring);
                published = true;
            }
            return ring;
        }
    }

    private SigningKeyRing loadRing(boolean creating) {
        if (config.getDirectAccessKeys() != null) {
            return configuredRing();
        }
        String secretId = config.getDirectAccessKeySecretId();
        if (secretId == null) {
            throw new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                    "Direct-access tokens are not configured here: set latchkey.direct-access-keys or "
                            + "latchkey.direct-access-key-secret-id", List.of(), null);
        }
        Optional<SigningKeyRing> stored = parsed(secretId, () -> SigningKeyRing.parseStored(read(secretId)));
        if (stored.isPresent()) {
            return stored.get();
        }
        if (!creating) {
            throw new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                    "No direct-access signing key exists yet: the first direct-access token creates it", List.of(), null);
        }
        SigningKeyRing generated = SigningKeyRing.generate("k1");
        // A fixed version id makes concurrent first uses converge on one ring: the loser's write is refused.
        if (!secrets.write(secretId, INITIAL_VERSION, generated.toJson())) {
            LOG.info("The initial direct-access key ring was written by another container; reading it");
        }
        return parsed(secretId, () -> SigningKeyRing.parseStored(read(secretId))).orElseThrow(() ->
                new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                        "The direct-access key ring could not be stored in Secrets Manager", List.of(), null));
    }

    /**
     * After the private ring (written first), its public keys: whatever the public secret lacks of the ring is added,
     * keys already there stay (a publication never drops a key an operator put there). The version id is derived from
     * the content, so containers publishing the same keys at once write one version.
     */
    private void publish(SigningKeyRing ring) {
        String publicId = config.getDirectAccessPublicKeySecretId();
        if (publicId == null || config.getDirectAccessKeys() != null) {
            return;
        }
        PublicKeys there;
        try {
            there = PublicKeys.parse(read(publicId));
        } catch (IllegalArgumentException unreadable) {
            LOG.warn("The direct-access public-key secret did not hold a key set; publishing the ring's keys over it");
            there = PublicKeys.none();
        }
        if (there.kids().containsAll(ring.publicKeys().kids())) {
            copy = new Copy(there, clock.instant());
            return;
        }
        PublicKeys wanted = ring.publicKeys().plus(there);
        String jwks = wanted.toJwks();
        boolean written;
        try {
            written = secrets.write(publicId, versionOf(jwks), jwks);
        } catch (LatchkeyException e) {
            throw notPublished(e);
        }
        if (!written) {
            throw notPublished(null);
        }
        LOG.info("Published the direct-access public keys {}", wanted);
        copy = new Copy(wanted, clock.instant());
    }

    private static String versionOf(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "latchkey-public-keys-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    private SigningKeyRing configuredRing() {
        try {
            return SigningKeyRing.parse(config.getDirectAccessKeys());
        } catch (IllegalArgumentException e) {
            throw new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                    "latchkey.direct-access-keys is not a signing key ring: " + e.getMessage(), List.of(), null);
        }
    }

    private String read(String secretId) {
        return secrets.read(secretId);
    }

    /**
     * A secret that holds something else than keys is the deployment's fault, not the caller's: 503. The log names the
     * secret; the answer, which may go to an anonymous caller, does not.
     */
    private static <T> T parsed(String secretId, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            LOG.error("The direct-access key secret {} does not hold keys: {}", secretId, e.getMessage());
            throw new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                    "The direct-access key secret does not hold keys", List.of(), null);
        }
    }

    private static LatchkeyException notPublished(RuntimeException cause) {
        return new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                "The direct-access public keys could not be published to Secrets Manager", List.of(), cause);
    }
}
