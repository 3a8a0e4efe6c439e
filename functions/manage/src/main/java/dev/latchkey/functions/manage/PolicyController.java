package dev.latchkey.functions.manage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.domain.OrganizationPolicy;
import dev.latchkey.usecase.Caller;
import dev.latchkey.usecase.OrganizationPolicies;
import dev.latchkey.usecase.PolicyRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;

/** {@code GET/PUT /v1/organizations/{organizationId}/policy}: the organization's limits on its tokens (Organization Owner). */
@Controller("/v1/organizations/{organizationId}/policy")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyController {

    /** The policy as sent and as answered; PUT replaces it whole. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PolicyView(@Nullable Integer maxExpiryDays, @Nullable Boolean requireExpiry,
                             @Nullable Long maxGracePeriodSeconds, @Nullable Boolean allowDirectAccess,
                             @Nullable Boolean requireAllowedCidrs, @Nullable Integer maxIdleDays, @Nullable Integer expiryNoticeDays) {
        static PolicyView of(OrganizationPolicy p) {
            return new PolicyView(p.maxExpiryDays(), p.requireExpiry(), p.maxGracePeriodSeconds(), p.allowDirectAccess(),
                    p.requireAllowedCidrs(), p.maxIdleDays(), p.expiryNoticeDays());
        }
    }

    private final OrganizationPolicies policies;

    public PolicyController(OrganizationPolicies policies) {
        this.policies = policies;
    }

    @Get
    public PolicyView get(@PathVariable String organizationId, Caller caller) {
        return PolicyView.of(policies.get(caller, organizationId));
    }

    @Put
    @Consumes(MediaType.APPLICATION_JSON)
    public PolicyView put(@PathVariable String organizationId,
                          @Body PolicyView body,
                          Caller caller) {
        return PolicyView.of(policies.put(caller, organizationId, new PolicyRequest(
                body.maxExpiryDays(), body.requireExpiry(), body.maxGracePeriodSeconds(), body.allowDirectAccess(),
                body.requireAllowedCidrs(), body.maxIdleDays(), body.expiryNoticeDays())));
    }
}
