package dev.latchkey.http.view;

import dev.latchkey.domain.Actor;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.History;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.RotationPolicy;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.SecretCopy;
import dev.latchkey.domain.TokenGrant;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.domain.Validity;
import dev.latchkey.domain.ValueHashes;
import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The token JSON field by field and in order: grouping the view's parts must not change a byte of it. */
class ApiTokenViewJsonTest {

    @Test
    void writesTheFlatAstroShapeInItsOrder() throws Exception {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Actor a = new Actor("id1", "n1");
        RoleAssignment r = RoleAssignment.of(EntityType.WORKSPACE, "ws", Role.WORKSPACE_AUTHOR);
        ApiToken full = ApiToken.builder("tid", "org").name("nm").description("d")
                .grant(new TokenGrant(Scope.WORKSPACE, TokenKind.STANDARD, "ws", "ws", List.of(r),
                        dev.latchkey.access.CidrSet.parse("allowedCidrs", List.of("2001:db8::/32", "10.0.0.0/8"))))
                .lifetime(new Lifetime(Validity.from(t0).until(t0.plusSeconds(9)), 5))
                .values(ValueHashes.first("h", "short").withPrevious("p", t0.plusSeconds(3)))
                .history(History.created(t0.plusSeconds(1), a).changed(t0.plusSeconds(2), new Actor("id2", "n2"))
                        .withLastRotatedAt(t0.plusSeconds(4)).withLastUsedAt(t0.plusSeconds(5)))
                .secretCopy(new SecretCopy("sn", "arn")).rotation(new RotationPolicy(3, 60, t0.plusSeconds(7))).build();
        ApiToken bare = ApiToken.builder("tid", "org").name("nm")
                .grant(new TokenGrant(Scope.ORGANIZATION, TokenKind.STANDARD, "org", null, List.of(r)))
                .lifetime(new Lifetime(Validity.from(t0), null)).values(ValueHashes.first("h", "short"))
                .history(History.created(t0, a)).build();
        try (ApplicationContext ctx = ApplicationContext.run()) {
            ObjectMapper m = ctx.getBean(ObjectMapper.class);
            assertEquals("{\"id\":\"tid\",\"name\":\"nm\",\"description\":\"d\",\"shortToken\":\"short\",\"type\":\"WORKSPACE\",\"scope\":\"WORKSPACE\",\"kind\":\"STANDARD\",\"organizationId\":\"org\",\"entityId\":\"ws\",\"startAt\":\"2026-01-01T00:00:00Z\",\"endAt\":\"2026-01-01T00:00:09Z\",\"expiryPeriodInDays\":5,\"createdAt\":\"2026-01-01T00:00:01Z\",\"updatedAt\":\"2026-01-01T00:00:02Z\",\"lastRotatedAt\":\"2026-01-01T00:00:04Z\",\"lastUsedAt\":\"2026-01-01T00:00:05Z\",\"roles\":[{\"entityType\":\"WORKSPACE\",\"entityId\":\"ws\",\"role\":\"WORKSPACE_AUTHOR\"}],\"allowedCidrs\":[\"10.0.0.0/8\",\"2001:db8::/32\"],\"createdBy\":{\"id\":\"id1\",\"subjectType\":\"SERVICEKEY\",\"apiTokenName\":\"n1\"},\"updatedBy\":{\"id\":\"id2\",\"subjectType\":\"SERVICEKEY\",\"apiTokenName\":\"n2\"},\"secretsManager\":{\"secretName\":\"sn\",\"secretArn\":\"arn\"},\"rotation\":{\"everyDays\":3,\"gracePeriodSeconds\":60,\"nextRotationAt\":\"2026-01-01T00:00:07Z\"},\"token\":\"VALUE\"}",
                    m.writeValueAsString(ApiTokenView.withValue(full, "VALUE")));
            assertEquals("{\"id\":\"tid\",\"name\":\"nm\",\"description\":\"\",\"shortToken\":\"short\",\"type\":\"ORGANIZATION\",\"scope\":\"ORGANIZATION\",\"kind\":\"STANDARD\",\"organizationId\":\"org\",\"entityId\":\"org\",\"startAt\":\"2026-01-01T00:00:00Z\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\",\"roles\":[{\"entityType\":\"WORKSPACE\",\"entityId\":\"ws\",\"role\":\"WORKSPACE_AUTHOR\"}],\"allowedCidrs\":[],\"createdBy\":{\"id\":\"id1\",\"subjectType\":\"SERVICEKEY\",\"apiTokenName\":\"n1\"},\"updatedBy\":{\"id\":\"id1\",\"subjectType\":\"SERVICEKEY\",\"apiTokenName\":\"n1\"}}",
                    m.writeValueAsString(ApiTokenView.of(bare)), "absent parts are left out, a missing description is \"\", an unbound token shows allowedCidrs []");
        }
    }
}
