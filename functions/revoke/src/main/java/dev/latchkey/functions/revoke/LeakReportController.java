package dev.latchkey.functions.revoke;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.RequestIds;
import dev.latchkey.usecase.RevokeLeakedCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * {@code POST /v1/credentials/revoke}: report leaked values, no authentication needed (like GitHub's credential
 * revocation API). Genuine values are revoked at once; the answer is the same whatever was genuine.
 */
@Controller("/v1/credentials/revoke")
public class LeakReportController {

    /**
     * {@code {"credentials": ["lkw_…", …]}}, at most {@value RevokeLeakedCredentials#MAX_CREDENTIALS}. Elements are read as any JSON value and checked here:
     * Serde's list-of-strings reader would turn {@code 1} into {@code "1"}.
     */
    @Serdeable
    public record LeakReport(@Nullable List<Object> credentials) {
        @Override
        public String toString() {
            return "LeakReport[" + (credentials == null ? 0 : credentials.size()) + " values]";
        }
    }

    /** Only the count: nothing tells a reporter which values were real. */
    @Serdeable
    public record LeakReportReceipt(int received) {
    }

    private final RevokeLeakedCredentials leaks;

    public LeakReportController(RevokeLeakedCredentials leaks) {
        this.leaks = leaks;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public LeakReportReceipt report(HttpRequest<?> request, @Body LeakReport body) {
        return new LeakReportReceipt(leaks.report(strings(body.credentials()), RequestIds.of(request)));
    }

    /** JSON values to the strings the use case checks; anything else is refused here, where its JSON type is known. */
    private static List<String> strings(List<Object> credentials) {
        if (credentials == null) {
            return null;
        }
        List<String> values = new java.util.ArrayList<>(credentials.size());
        for (int i = 0; i < credentials.size(); i++) {
            if (!(credentials.get(i) instanceof String value)) {
                throw LatchkeyException.invalid("credentials[" + i + "]", "INVALID", "Each credential must be a JSON string");
            }
            values.add(value);
        }
        return values;
    }
}
