package dev.latchkey.testing;

import dev.latchkey.access.CidrSet;
import dev.latchkey.domain.Scope;
import dev.latchkey.store.EntityRegistry;
import dev.latchkey.usecase.Authenticator;
import dev.latchkey.usecase.BootstrapOrganization;
import dev.latchkey.usecase.Caller;
import dev.latchkey.usecase.CreateToken;
import dev.latchkey.usecase.CreateTokenCommand;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RoleInput;
import dev.latchkey.usecase.ReplaceRoles;
import io.micronaut.context.ApplicationContext;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The shared core wired by Micronaut, as in a function, on its own table in the JVM's DynamoDB Local, with a clock the
 * test controls. Helpers create the organizations, entities and tokens a scenario needs through the real use cases.
 */
public final class Backend implements AutoCloseable {

    /** The pepper every test context uses; a token value made with it can be looked up by any of them. */
    public static final String PEPPER = "test-pepper-0123456789-abcdefghijklmnopqrstuvwxyz";

    /** The direct-access signing keys every test context of this JVM shares (made once, at random). */
    public static final String SIGNING_KEYS = dev.latchkey.token.direct.SigningKeyRing.generate("test-k1").toJson();

    private final ApplicationContext context;
    private final TestClock clock;
    private final String table;

    private Backend(ApplicationContext context, TestClock clock, String table) {
        this.context = context;
        this.clock = clock;
        this.table = table;
    }

    public static Backend start() {
        return start(Map.of());
    }

    public static Backend start(Map<String, Object> extraProperties) {
        return start(extraProperties, new TestClock());
    }

    /** A backend on the given clock (a {@link TestClock#followingSystemTime()} one beside a real-clock handler). */
    public static Backend start(Map<String, Object> extraProperties, TestClock clock) {
        LocalDynamo.instance();
        return startOn(LocalDynamo.newTable(), extraProperties, clock);
    }

    /** A second context on an existing table, for example with {@link DeadSecretsManagerFactory#ENVIRONMENT}. */
    public static Backend startOn(String table, Map<String, Object> extraProperties, TestClock clock, String... environments) {
        LocalDynamo.instance();
        // A test that names a pepper secret (or its own pepper) does not get the default pepper value.
        Map<String, Object> pepper = extraProperties.containsKey("latchkey.pepper-secret-id") || extraProperties.containsKey("latchkey.pepper")
                ? Map.of() : Map.of("latchkey.pepper", PEPPER);
        ApplicationContext context = ApplicationContext.builder()
                .environments(environments)
                .properties(Map.of("latchkey.table-name", table))
                .properties(namesKeySecret(extraProperties) ? Map.of() : Map.of("latchkey.direct-access-keys", SIGNING_KEYS))
                .properties(pepper)
                .properties(extraProperties)
                .singletons(clock)
                .start();
        return new Backend(context, clock, table);
    }

    /** A context that names a signing-key secret (private or public) reads its keys there, not from {@link #SIGNING_KEYS}. */
    public static boolean namesKeySecret(Map<String, ?> properties) {
        return properties.containsKey("latchkey.direct-access-key-secret-id")
                || properties.containsKey("latchkey.direct-access-public-key-secret-id");
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public TestClock clock() {
        return clock;
    }

    public String table() {
        return table;
    }

    public ApplicationContext context() {
        return context;
    }

    /** Registers the organization and returns its first Organization Owner token. */
    public IssuedToken owner(String organizationId) {
        return bean(BootstrapOrganization.class).bootstrap(organizationId);
    }

    public Caller caller(IssuedToken token) {
        return caller(token.value());
    }

    public Caller caller(String value) {
        return bean(Authenticator.class).authenticate("Bearer " + value);
    }

    public void workspace(String organizationId, String workspaceId) {
        bean(EntityRegistry.class).putWorkspace(organizationId, workspaceId, clock.instant());
    }

    public void deployment(String organizationId, String deploymentId, String workspaceId) {
        bean(EntityRegistry.class).putDeployment(organizationId, deploymentId, workspaceId, clock.instant());
    }

    /** Creates a token as {@code by}, with one role on its own entity. */
    public IssuedToken token(IssuedToken by, String organizationId, Scope scope, String entityId, String role) {
        return bean(CreateToken.class).create(caller(by), organizationId,
                new CreateTokenCommand("token " + role + " on " + entityId, null, scope, entityId, role, null, null), null);
    }

    /** As {@link #token}, bound to the networks {@code allowedCidrs}. */
    public IssuedToken boundToken(IssuedToken by, String organizationId, Scope scope, String entityId, String role,
                                  String... allowedCidrs) {
        return bean(CreateToken.class).create(caller(by), organizationId,
                new CreateTokenCommand("token " + role + " on " + entityId + " from " + String.join(",", allowedCidrs), null,
                        scope, entityId, role, null, null, null, null, CidrSet.parse("allowedCidrs", List.of(allowedCidrs))), null);
    }

    /** Replaces a token's roles as {@code by}. */
    public void roles(IssuedToken by, IssuedToken target, List<RoleInput> roles) {
        bean(ReplaceRoles.class).replace(caller(by), target.token().organizationId(), target.token().id(), roles);
    }

    public Clock clockBean() {
        return context.getBean(Clock.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
