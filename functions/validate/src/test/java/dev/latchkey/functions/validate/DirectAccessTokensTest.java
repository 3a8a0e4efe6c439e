package dev.latchkey.functions.validate;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.LocalSecretsManager;
import dev.latchkey.testing.SecretsManagerCalls;
import dev.latchkey.testing.TestClock;
import dev.latchkey.token.direct.DirectAccessClaims;
import dev.latchkey.token.direct.DirectAccessTokens;
import dev.latchkey.token.direct.DirectAccessVerifier;
import dev.latchkey.token.direct.Es256;
import dev.latchkey.token.direct.SigningKeyRing;
import dev.latchkey.usecase.CreateToken;
import dev.latchkey.usecase.CreateTokenCommand;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.OrganizationPolicies;
import dev.latchkey.usecase.PolicyRequest;
import dev.latchkey.usecase.RevokeToken;
import dev.latchkey.usecase.RoleInput;
import dev.latchkey.usecase.SigningKeys;
import dev.latchkey.usecase.RotateToken;
import dev.latchkey.usecase.ValidateToken;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DIRECT_ACCESS tokens: signed JWTs an independent JOSE library verifies against the JWKS route. */
class DirectAccessTokensTest {

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass(ValidateFunctionHandler::new, java.util.Map.of());
    static IssuedToken owner;

    @BeforeAll
    static void seed() {
        Seed seed = Seed.organization(lambda.backend(), "acme").workspace("ws-1");
        owner = seed.ownerToken();
    }

    static IssuedToken direct(IssuedToken by, Scope scope, String entity, String role, Integer days) {
        return lambda.backend().bean(CreateToken.class).create(lambda.backend().caller(by), "acme",
                new CreateTokenCommand("direct", null, scope, entity, role, days, TokenKind.DIRECT_ACCESS), null);
    }

    static String jwks() {
        return jwks(lambda);
    }

    /**
     * The key set a function with this configuration publishes: the JWKS route is manage's (JwksHandlerTest there checks
     * the route itself), and it answers exactly {@code SigningKeys.jwks().toJwks()} of the same secrets.
     */
    static String jwks(LambdaHarness on) {
        return on.handler().getApplicationContext().getBean(SigningKeys.class).jwks().toJwks();
    }

    static String validateCode(String value) {
        return validateCode(lambda, value);
    }

    static String validateCode(LambdaHarness on, String value) {
        LambdaResponse r = on.invoke(HttpEvent.request("POST", "/v1/validate").json("{\"token\":\"" + value + "\"}"));
        assertEquals(200, r.status(), r.body());
        return r.json().get("code").asText();
    }

    /** A well-formed JWS signed by a key Latchkey never had. */
    static String foreignToken(String kid) {
        Instant now = Instant.now();
        return DirectAccessTokens.sign(new DirectAccessClaims("latchkey", "latchkey", "c0ffee", "acme", Scope.ORGANIZATION,
                List.of("organizationId:acme"), now, now, now.plusSeconds(3600), "jti-1"), Es256.generate(kid));
    }

    /** A key secret as the template creates it: {@code {}} until the first direct-access token. */
    static String emptySecret(SecretsManagerClient sm, String name) {
        return sm.createSecret(r -> r.name("latchkey-" + name + "-" + System.nanoTime()).secretString("{}")).arn();
    }

    static String secretString(SecretsManagerClient sm, String id) {
        return sm.getSecretValue(r -> r.secretId(id)).secretString();
    }

    @Test
    void nimbusVerifiesTheTokenAgainstTheJwksRoute() throws Exception {
        IssuedToken t = direct(owner, Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR", 30);
        SignedJWT jwt = SignedJWT.parse(t.value());
        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        ECKey key = JWKSet.parse(jwks()).getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
        assertTrue(jwt.verify(new ECDSAVerifier(key)), "an independent library must accept the signature");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("latchkey", claims.getIssuer());
        assertEquals(List.of("latchkey"), claims.getAudience());
        assertEquals(t.token().id(), claims.getSubject());
        assertEquals(t.token().id(), claims.getStringClaim("apiTokenId"));
        assertEquals("acme", claims.getStringClaim("org_id"));
        assertEquals("WORKSPACE", claims.getStringClaim("scope"));
        assertEquals(List.of("organizationId:acme", "workspaceId:ws-1"), claims.getStringListClaim("permissions"));
        assertEquals(t.token().lifetime().endAt().getEpochSecond(), claims.getExpirationTime().toInstant().getEpochSecond());
        assertTrue(claims.getJWTID() != null && claims.getNotBeforeTime() != null && claims.getIssueTime() != null);
        assertEquals("VALID", validateCode(t.value()));
        assertFalse(jwks().contains("\"d\""), "the JWKS never carries the private key");
    }

    @Test
    void aTamperedTokenIsMalformedAndTheOfflineVerifierAgrees() {
        IssuedToken t = direct(owner, Scope.ORGANIZATION, "acme", "ORGANIZATION_MEMBER", null);
        assertEquals(t.token().lifetime().startAt().plus(Duration.ofDays(30)), t.token().lifetime().endAt(), "direct access always expires, by default in 30 days");
        String[] parts = t.value().split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertEquals("MALFORMED", validateCode(forged));
        DirectAccessVerifier offline = new DirectAccessVerifier(jwks(), "latchkey", "latchkey");
        assertTrue(offline.verify(t.value(), Instant.now()).isPresent());
        assertTrue(offline.verify(forged, Instant.now()).isEmpty());
        assertTrue(offline.verify(t.value(), t.token().lifetime().endAt().plusSeconds(1)).isEmpty(), "offline, a token dies at exp");
        assertTrue(new DirectAccessVerifier(jwks(), "someone-else", "latchkey").verify(t.value(), Instant.now()).isEmpty());
    }

    @Test
    void onlyOrganizationOwnersCreateThemAndTheirRolesNeverChange() {
        Backend b = lambda.backend();
        IssuedToken wsOwner = b.token(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_OWNER");
        LatchkeyException e = assertThrows(LatchkeyException.class, () -> direct(wsOwner, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", 1));
        assertEquals(LatchkeyException.Kind.FORBIDDEN, e.kind());
        IssuedToken t = direct(owner, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", 1);
        LatchkeyException roles = assertThrows(LatchkeyException.class, () ->
                b.roles(owner, t, List.of(new RoleInput("WORKSPACE", "ws-1", "WORKSPACE_OWNER", null))));
        assertEquals(LatchkeyException.Kind.INVALID_INPUT, roles.kind());
        assertTrue(roles.getMessage().contains("DIRECT_ACCESS"));
    }

    @Test
    void rotateAndDeleteWorkAsForAnyToken() {
        Backend b = lambda.backend();
        IssuedToken t = direct(owner, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", 7);
        IssuedToken rotated = b.bean(RotateToken.class).rotate(b.caller(owner), "acme", t.token().id(), 0L);
        assertTrue(rotated.value().startsWith("eyJ"));
        assertEquals("REVOKED", validateCode(t.value()));
        assertEquals("VALID", validateCode(rotated.value()));
        b.bean(RevokeToken.class).revoke(b.caller(owner), "acme", t.token().id());
        assertEquals("REVOKED", validateCode(rotated.value()), "online, a deleted direct-access token is refused at once");
    }

    @Test
    void aNewSigningKeyKeepsOlderTokensVerifying() {
        IssuedToken old = direct(owner, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", 7);
        SigningKeyRing rotatedRing = SigningKeyRing.parse(Backend.SIGNING_KEYS).rotatedTo(Es256.generate("test-k2"));
        try (Backend next = Backend.startOn(lambda.backend().table(), Map.of("latchkey.direct-access-keys", rotatedRing.toJson()),
                TestClock.followingSystemTime())) {
            assertEquals(ValidateToken.Code.VALID, next.bean(ValidateToken.class).validate(old.value(), ResourcePath.none(), null).code());
            IssuedToken fresh = next.bean(CreateToken.class).create(next.caller(owner), "acme",
                    new CreateTokenCommand("k2", null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", 7, TokenKind.DIRECT_ACCESS), null);
            DirectAccessVerifier offline = new DirectAccessVerifier(rotatedRing.toJwks(), "latchkey", "latchkey");
            assertTrue(offline.verify(old.value(), Instant.now()).isPresent(), "signed with the previous key");
            assertTrue(offline.verify(fresh.value(), Instant.now()).isPresent(), "signed with the new key");
            assertTrue(fresh.value().split("\\.")[0].length() > 0);
        }
    }

    @Test
    void anEmptyKeySecretMeansNoKeysReadOnceNotA500() {
        try (SecretsManagerClient sm = LocalSecretsManager.client()) {
            String privateKeys = emptySecret(sm, "private");
            String publicKeys = emptySecret(sm, "public");
            // Both secrets named (as for create, which also checks bearer values): checking a value never makes a ring.
            try (LambdaHarness fresh = LambdaHarness.start(ValidateFunctionHandler::new, Map.of("latchkey.direct-access-key-secret-id", privateKeys,
                    "latchkey.direct-access-public-key-secret-id", publicKeys, SecretsManagerCalls.PROPERTY, "true"))) {
                for (int i = 0; i < 3; i++) {
                    assertEquals("MALFORMED", validateCode(fresh, "eyJa.b.c"));
                    assertEquals("MALFORMED", validateCode(fresh, foreignToken("k1")));
                    assertEquals("{\"keys\":[]}", jwks(fresh));
                }
                SecretsManagerCalls calls = fresh.handler().getApplicationContext().getBean(SecretsManagerCalls.class);
                assertEquals(1, calls.count("GetSecretValue", publicKeys) + calls.count("GetSecretValue", privateKeys),
                        "one read of the empty key secret, then the cached answer");
                assertEquals(0, calls.count("PutSecretValue", privateKeys) + calls.count("PutSecretValue", publicKeys));
                assertEquals("{}", secretString(sm, privateKeys), "only creating a direct-access token makes the ring");
            }
        }
    }

    @Test
    void aVerifierWithOnlyThePublicSecretChecksWhatCreateMinted() throws Exception {
        try (SecretsManagerClient sm = LocalSecretsManager.client()) {
            String privateKeys = emptySecret(sm, "private");
            String publicKeys = emptySecret(sm, "public");
            try (LambdaHarness verifier = LambdaHarness.start(ValidateFunctionHandler::new, Map.of("latchkey.direct-access-public-key-secret-id", publicKeys));
                 Backend create = Backend.startOn(verifier.backend().table(), Map.of("latchkey.direct-access-key-secret-id", privateKeys,
                         "latchkey.direct-access-public-key-secret-id", publicKeys), TestClock.followingSystemTime())) {
                IssuedToken acmeOwner = verifier.backend().owner("acme");
                IssuedToken t = create.bean(CreateToken.class).create(create.caller(acmeOwner), "acme",
                        new CreateTokenCommand("d", null, Scope.ORGANIZATION, "acme", "ORGANIZATION_MEMBER", 1, TokenKind.DIRECT_ACCESS), null);

                assertTrue(secretString(sm, privateKeys).contains("\"d\""), "the private ring is kept in its own secret");
                assertFalse(secretString(sm, publicKeys).contains("\"d\""), "the public secret holds no private part");
                assertEquals("VALID", validateCode(verifier, t.value()));
                SignedJWT jwt = SignedJWT.parse(t.value());
                ECKey key = JWKSet.parse(jwks(verifier)).getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
                assertTrue(jwt.verify(new ECDSAVerifier(key)));
                assertFalse(jwks(verifier).contains("\"d\""));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"https://other.example/, latchkey", "latchkey, another-audience"})
    void aTokenOfAnotherIssuerOrAudienceIsRefused(String issuer, String audience) {
        // The same signing keys and table, another iss or aud: the signature holds, the claims do not.
        try (Backend other = Backend.startOn(lambda.backend().table(), Map.of("latchkey.direct-access-issuer", issuer,
                "latchkey.direct-access-audience", audience), TestClock.followingSystemTime())) {
            IssuedToken t = other.bean(CreateToken.class).create(other.caller(owner), "acme",
                    new CreateTokenCommand("d", null, Scope.ORGANIZATION, "acme", "ORGANIZATION_MEMBER", 1, TokenKind.DIRECT_ACCESS), null);
            assertEquals("MALFORMED", validateCode(t.value()));
        }
    }

    @Test
    void anOrganizationPolicyCanForbidThem() {
        Backend b = lambda.backend();
        IssuedToken otherOwner = b.owner("strict");
        b.bean(OrganizationPolicies.class).put(b.caller(otherOwner), "strict", new PolicyRequest(null, false, null, false));
        LatchkeyException e = assertThrows(LatchkeyException.class, () -> b.bean(CreateToken.class).create(b.caller(otherOwner), "strict",
                new CreateTokenCommand("d", null, Scope.ORGANIZATION, "strict", "ORGANIZATION_MEMBER", 1, TokenKind.DIRECT_ACCESS), null));
        assertEquals("NOT_ALLOWED_BY_POLICY", e.fieldErrors().get(0).code());
    }
}
