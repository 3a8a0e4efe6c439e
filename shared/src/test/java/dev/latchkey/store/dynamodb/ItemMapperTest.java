package dev.latchkey.store.dynamodb;

import dev.latchkey.access.CidrSet;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.HashStatus;
import dev.latchkey.domain.History;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.RotationPolicy;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.SecretCopy;
import dev.latchkey.domain.TokenGrant;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.domain.Validity;
import dev.latchkey.domain.ValueHashes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every part of a token and of a hash item survives the table: each instant is distinct, so two attributes swapped in
 * the mapper would show.
 */
class ItemMapperTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final TokenGrant GRANT = new TokenGrant(Scope.DEPLOYMENT, TokenKind.STANDARD, "dep-1", "ws-1",
            List.of(RoleAssignment.of(EntityType.DEPLOYMENT, "dep-1", Role.DEPLOYMENT_ADMIN),
                    new RoleAssignment(EntityType.DAG, "etl", Role.DAG_AUTHOR, "dep-1")),
            CidrSet.parse("allowedCidrs", List.of("203.0.113.0/24", "2001:db8::/32")));

    @Test
    void aTokenWithEveryPartSetReadsBackEqual() {
        ApiToken token = ApiToken.builder("tok-1", "acme").name("ci").description("deploys")
                .grant(GRANT)
                .lifetime(new Lifetime(Validity.from(T0).until(T0.plusSeconds(9_000)), 90))
                .values(ValueHashes.first("v1:current", "lko_abc").withPrevious("v1:previous", T0.plusSeconds(300)))
                .history(History.created(T0.plusSeconds(1), new Actor("creator", "bootstrap"))
                        .changed(T0.plusSeconds(2), new Actor("changer", "admin"))
                        .withLastRotatedAt(T0.plusSeconds(3))
                        .withLastUsedAt(T0.plusSeconds(4)))
                .secretCopy(new SecretCopy("latchkey/acme/tok-1", "arn:aws:secretsmanager:us-east-1:1:secret:x"))
                .rotation(new RotationPolicy(30, 600, T0.plusSeconds(5)))
                .build();

        assertEquals(token, ItemMapper.token(ItemMapper.tokenItem(token)));
    }

    @Test
    void aTokenWithOnlyItsRequiredPartsReadsBackEqual() {
        ApiToken token = ApiToken.builder("tok-2", "acme").name("plain")
                .grant(new TokenGrant(Scope.ORGANIZATION, TokenKind.STANDARD, "acme", null, List.of()))
                .lifetime(new Lifetime(Validity.from(T0), null))
                .values(ValueHashes.first("v1:only", "lko_def"))
                .history(History.created(T0, new Actor("self", "plain")))
                .build();

        assertEquals(token, ItemMapper.token(ItemMapper.tokenItem(token)));
    }

    @Test
    void aSupersededHashItemReadsBackEqual() {
        TokenHash hash = TokenHash.live("v1:h", "tok-1", "acme", "ci", GRANT, Validity.from(T0).until(T0.plusSeconds(9_000)))
                .withStatus(HashStatus.SUPERSEDED, T0.plusSeconds(300))
                .withLastUsedAt(T0.plusSeconds(60))
                .withIpDeniedAt(T0.plusSeconds(70));

        assertEquals(hash, ItemMapper.hash(ItemMapper.hashItem(hash)));
        assertEquals(List.of("203.0.113.0/24", "2001:db8::/32"), ItemMapper.hash(ItemMapper.hashItem(hash)).grant().allowedCidrs().cidrs());
    }
}
