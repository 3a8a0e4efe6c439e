package dev.latchkey.functions.manage.admin;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.usecase.BootstrapOrganization;
import dev.latchkey.usecase.IssuedToken;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IAM-only way into a fresh deployment: {@code aws lambda invoke} with {@code {"organizationId": "acme"}} registers
 * the organization and answers its first Organization Owner token, once. There is no HTTP route to this handler;
 * calling it needs {@code lambda:InvokeFunction} on it, which only the platform's administrators hold.
 */
public class BootstrapOrganizationHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    @Inject
    BootstrapOrganization bootstrap;

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        Object organizationId = input == null ? null : input.get("organizationId");
        if (!(organizationId instanceof String id)) {
            throw LatchkeyException.invalid("organizationId", "REQUIRED", "Invoke with {\"organizationId\": \"<id>\"}");
        }
        IssuedToken issued = bootstrap.bootstrapNew(id);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("organizationId", issued.token().organizationId());
        answer.put("tokenId", issued.token().id());
        answer.put("shortToken", issued.token().values().shortToken());
        answer.put("token", issued.value());
        answer.put("note", "Shown once. Store it now (for example in Secrets Manager); it is an Organization Owner token.");
        return answer;
    }
}
