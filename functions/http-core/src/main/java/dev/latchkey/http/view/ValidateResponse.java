package dev.latchkey.http.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.domain.TokenGrant;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.usecase.ValidateToken;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * {@code {valid, code, token?}}: {@code token} describes a genuine value (never the value itself). Anyone may call
 * validate, so a value that does not answer VALID (revoked, expired, out of scope...) gets only its token's id: a
 * leaked dead value must not tell its finder the token's name, roles or entities.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidateResponse(boolean valid, String code, TokenInfo token) {

    /** What validate can say about a genuine token from its hash item alone. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenInfo(String id, String name, String organizationId, String type, String scope, String kind,
                            String entityId, String workspaceId, List<RoleView> roles, Instant startAt, Instant endAt) {
    }

    public static ValidateResponse of(ValidateToken.Outcome outcome) {
        TokenHash h = outcome.token();
        if (h != null && !outcome.valid()) {
            return new ValidateResponse(false, outcome.code().name(),
                    new TokenInfo(h.tokenId(), null, null, null, null, null, null, null, null, null, null));
        }
        TokenGrant g = h == null ? null : h.grant();
        TokenInfo info = h == null ? null : new TokenInfo(h.tokenId(), h.name(), h.organizationId(), g.scope().name(),
                g.scope().name(), g.kind().name(), g.entityId(), g.workspaceId(), g.roles().stream().map(RoleView::of).toList(),
                h.window().startAt(), h.window().endAt());
        return new ValidateResponse(outcome.valid(), outcome.code().name(), info);
    }
}
