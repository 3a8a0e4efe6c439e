package dev.latchkey.template;

import dev.latchkey.store.SecretCopies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.latchkey.template.SamTemplate.map;
import static dev.latchkey.template.SamTemplate.strings;
import static dev.latchkey.template.SamTemplate.walk;

/**
 * The template's least-privilege and abuse limits, which the code cannot enforce by itself:
 * <ol>
 *   <li>the internet-facing validate and authorizer functions may write lastUsedAt, ipDeniedAt on hash items (the
 *       once-a-minute gate of a refused source address) and audit events, and nothing else;</li>
 *   <li>the audit partitions are append-only, and the idempotency records (sealed values) are create's alone;</li>
 *   <li>only the functions that mint direct-access tokens may read the private signing keys;</li>
 *   <li>the Secrets Manager copy statements stay under SecretCopyNamePrefix, with Latchkey's tags only, and never
 *       reach Latchkey's own secrets; Secrets Manager may invoke the rotation function only for secrets there;</li>
 *   <li>the unauthenticated leak-report route has its own low throttle, and validate and the authorizer can be given
 *       reserved concurrency;</li>
 *   <li>the direct-access issuer and audience come from the stack, and infra/samconfig.toml passes valid values;</li>
 *   <li>only the schedule function puts events, and only on the account's default bus.</li>
 * </ol>
 */
class TemplateSecurityTest {

    private static final Set<String> VERIFIERS = Set.of("ValidateFunction", "AuthorizerFunction");
    /** The functions that sign direct-access token values: create, and the three that rotate a token. */
    private static final Set<String> MINTERS =
            Set.of("CreateFunction", "RotateFunction", "RotationScheduleFunction", "SecretsRotationFunction");
    private static final Set<String> LATCHKEY_SECRETS =
            Set.of("PepperSecret", "DirectAccessKeySecret", "DirectAccessPublicKeySecret");
    private static final String PRIVATE_KEY_SECRET = "DirectAccessKeySecret";
    private static final String PUBLIC_KEY_SECRET = "DirectAccessPublicKeySecret";
    private static final String PRIVATE_KEY_ENV = "LATCHKEY_DIRECT_ACCESS_KEY_SECRET_ID";
    private static final String PUBLIC_KEY_ENV = "LATCHKEY_DIRECT_ACCESS_PUBLIC_KEY_SECRET_ID";
    private static final String COPY_ARN_SUFFIX = ":secret:${SecretCopyNamePrefix}*";
    private static final String LEAK_REPORT_ROUTE = "POST /v1/credentials/revoke";

    private static SamTemplate sam;

    @BeforeAll
    static void loadTemplate() throws IOException {
        sam = SamTemplate.load();
    }

    // ------------------------------------------------------------------ 1. validate and the authorizer

    @Test
    void validateAndTheAuthorizerMayWriteLastUsedAtIpDeniedAtAndAuditEventsAndNothingElse() {
        List<String> problems = new ArrayList<>();
        for (String id : VERIFIERS) {
            boolean recordsUse = false;
            boolean gatesIpDenials = false;
            boolean audits = false;
            for (Map<String, Object> s : allows(id)) {
                for (String action : strings(s.get("Action"))) {
                    if (!action.startsWith("dynamodb:")) {
                        continue;
                    }
                    if (!Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem", "dynamodb:PutItem").contains(action)) {
                        problems.add(where(id, s) + ": " + action + " (validate reads, and writes lastUsedAt, ipDeniedAt and audit events only)");
                    }
                    if (action.equals("dynamodb:UpdateItem")) {
                        boolean lastUsed = checkUseAttributesOnly(id, s, problems);
                        recordsUse |= lastUsed;
                        gatesIpDenials |= !lastUsed;
                    }
                    if (action.equals("dynamodb:PutItem")) {
                        audits = true;
                        if (!leadingKeys(s).equals(Set.of("AUDIT#*"))) {
                            problems.add(where(id, s) + ": PutItem outside the audit partitions (has " + leadingKeys(s) + ")");
                        }
                    }
                }
            }
            if (!recordsUse) {
                problems.add(id + ": no dynamodb:UpdateItem at all; recording a token's use (lastUsedAt) would fail");
            }
            if (!gatesIpDenials || !audits) {
                problems.add(id + ": no UpdateItem of ipDeniedAt or no PutItem on AUDIT#*; auditing a use from outside a "
                        + "token's allowedCidrs (TOKEN_IP_DENIED) would fail");
            }
        }
        sam.assertNoProblems("validate / authorizer table writes", problems);
    }

    /**
     * An UpdateItem of validate or the authorizer lists pk, sk and lastUsedAt, or pk, sk and ipDeniedAt on hash items
     * only; true when it is the lastUsedAt one.
     */
    private static boolean checkUseAttributesOnly(String id, Map<String, Object> s, List<String> problems) {
        Map<String, Object> condition = map(s.get("Condition"), "Condition");
        Set<String> attributes = new TreeSet<>(strings(map(condition.get("ForAllValues:StringEquals"), "Condition")
                .get("dynamodb:Attributes")));
        boolean lastUsed = !attributes.isEmpty() && Set.of("pk", "sk", "lastUsedAt").containsAll(attributes)
                && attributes.contains("lastUsedAt");
        boolean ipDenied = !attributes.isEmpty() && Set.of("pk", "sk", "ipDeniedAt").containsAll(attributes)
                && attributes.contains("ipDeniedAt") && leadingKeys(s).equals(Set.of("HASH#*"));
        if (!lastUsed && !ipDenied) {
            problems.add(where(id, s) + ": UpdateItem needs ForAllValues:StringEquals dynamodb:Attributes listing only "
                    + "pk, sk and lastUsedAt, or pk, sk and ipDeniedAt on HASH#* alone (has " + attributes + " on "
                    + leadingKeys(s) + "); otherwise it may rewrite any attribute");
        }
        Set<String> returnValues = new TreeSet<>();
        for (String operator : List.of("StringEquals", "StringEqualsIfExists")) {
            returnValues.addAll(strings(map(condition.get(operator), "Condition").get("dynamodb:ReturnValues")));
        }
        if (returnValues.isEmpty() || !Set.of("NONE", "UPDATED_OLD", "UPDATED_NEW").containsAll(returnValues)) {
            problems.add(where(id, s) + ": UpdateItem needs dynamodb:ReturnValues limited to NONE/UPDATED_* (has "
                    + returnValues + "); ALL_OLD/ALL_NEW would return attributes outside the list");
        }
        return lastUsed;
    }

    private static Set<String> leadingKeys(Map<String, Object> s) {
        return new LinkedHashSet<>(strings(map(map(s.get("Condition"), "Condition").get("ForAllValues:StringLike"), "Condition")
                .get("dynamodb:LeadingKeys")));
    }

    // ------------------------------------------------------------------ 2. table partitions

    @Test
    void auditPartitionsAreAppendOnlyAndIdempotencyRecordsAreCreatesAlone() {
        List<String> problems = new ArrayList<>();
        for (String id : sam.functionIds) {
            for (Map<String, Object> s : allows(id)) {
                List<String> actions = strings(s.get("Action")).stream().filter(a -> a.startsWith("dynamodb:")).toList();
                if (actions.isEmpty() || strings(s.get("Resource")).stream().anyMatch(r -> r.contains("/index/"))) {
                    continue;
                }
                Set<String> keys = new LinkedHashSet<>(strings(map(map(s.get("Condition"), "Condition")
                        .get("ForAllValues:StringLike"), "Condition").get("dynamodb:LeadingKeys")));
                if (keys.isEmpty()) {
                    problems.add(where(id, s) + ": table actions " + actions + " without dynamodb:LeadingKeys");
                }
                if (keys.contains("AUDIT#*")) {
                    Set<String> allowed = id.equals("ManageFunction")   // the audit-log export reads it
                            ? Set.of("dynamodb:PutItem", "dynamodb:Query") : Set.of("dynamodb:PutItem");
                    if (keys.size() > 1 || !allowed.containsAll(actions)) {
                        problems.add(where(id, s) + ": AUDIT#* with " + keys + " and " + actions + "; the audit "
                                + "partitions get their own statement with " + allowed + " only");
                    }
                }
                if (keys.contains("IDEMPOTENCY#*") && !id.equals("CreateFunction")) {
                    problems.add(where(id, s) + ": IDEMPOTENCY#* (sealed token values) outside the create function");
                }
            }
        }
        sam.assertNoProblems("table partitions", problems);
    }

    // ------------------------------------------------------------------ 3. direct-access signing keys

    @Test
    void onlyTheMintingFunctionsMayReadThePrivateSigningKeys() {
        List<String> problems = new ArrayList<>();
        for (String id : sam.functionIds) {
            boolean minter = MINTERS.contains(id);
            Map<String, Object> env = environment(id);
            if (minter != env.containsKey(PRIVATE_KEY_ENV)) {
                problems.add(id + ": " + PRIVATE_KEY_ENV + (minter ? " missing" : " set (own or Globals)")
                        + "; only " + new TreeSet<>(MINTERS) + " get the private ring's id");
            }
            Set<String> privateActions = new TreeSet<>();
            Set<String> publicActions = new TreeSet<>();
            for (Map<String, Object> s : allows(id)) {
                Set<String> refs = refs(s.get("Resource"));
                if (refs.contains(PRIVATE_KEY_SECRET)) {
                    privateActions.addAll(strings(s.get("Action")));
                }
                if (refs.contains(PUBLIC_KEY_SECRET)) {
                    publicActions.addAll(strings(s.get("Action")));
                }
            }
            if (!minter && !privateActions.isEmpty()) {
                problems.add(id + ": " + privateActions + " on " + PRIVATE_KEY_SECRET + "; it verifies, it does not sign");
            }
            if (minter && !privateActions.contains("secretsmanager:GetSecretValue")) {
                problems.add(id + ": cannot read " + PRIVATE_KEY_SECRET + " to sign a direct-access value");
            }
            if (!isJava(id)) {
                continue;
            }
            if (!Map.of("Ref", PUBLIC_KEY_SECRET).equals(env.get(PUBLIC_KEY_ENV))) {
                problems.add(id + ": " + PUBLIC_KEY_ENV + " is " + env.get(PUBLIC_KEY_ENV) + ", expected !Ref "
                        + PUBLIC_KEY_SECRET);
            }
            if (!publicActions.contains("secretsmanager:GetSecretValue")) {
                problems.add(id + ": cannot read " + PUBLIC_KEY_SECRET);
            }
        }
        Map<String, Object> publicSecret = sam.resource(PUBLIC_KEY_SECRET);
        if (!"AWS::SecretsManager::Secret".equals(publicSecret.get("Type"))
                || !"Retain".equals(publicSecret.get("DeletionPolicy"))) {
            problems.add(PUBLIC_KEY_SECRET + " must be a retained AWS::SecretsManager::Secret: " + publicSecret);
        }
        sam.assertNoProblems("direct-access signing keys", problems);
    }

    // ------------------------------------------------------------------ 4. Secrets Manager copies

    @Test
    void copyStatementsStayUnderThePrefixWithLatchkeysTagsAndNeverReachItsOwnSecrets() {
        List<String> problems = new ArrayList<>();
        int copyStatements = 0;
        for (String id : sam.functionIds) {
            Set<String> denied = new TreeSet<>();
            for (Map<String, Object> s : statements(id)) {
                if ("Deny".equals(s.get("Effect")) && refs(s.get("Resource")).containsAll(LATCHKEY_SECRETS)) {
                    denied.addAll(strings(s.get("Action")));
                }
            }
            for (Map<String, Object> s : allows(id)) {
                List<String> arns = strings(s.get("Resource")).stream().filter(r -> r.contains(":secret:")).toList();
                if (arns.isEmpty()) {
                    continue;
                }
                copyStatements++;
                for (String arn : arns) {
                    if (!arn.endsWith(COPY_ARN_SUFFIX)) {
                        problems.add(where(id, s) + ": Resource " + arn + " is not confined to " + COPY_ARN_SUFFIX);
                    }
                }
                Set<String> actions = new TreeSet<>(strings(s.get("Action")));
                Set<String> mustDeny = new TreeSet<>(actions);
                // Reads stay allowed: the same function reads the pepper (and a minter the signing keys).
                mustDeny.removeAll(Set.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"));
                if (!denied.containsAll(mustDeny)) {
                    mustDeny.removeAll(denied);
                    problems.add(where(id, s) + ": no explicit Deny of " + mustDeny + " on " + new TreeSet<>(LATCHKEY_SECRETS));
                }
                Map<String, Object> condition = map(s.get("Condition"), "Condition");
                if (actions.contains("secretsmanager:CreateSecret") || actions.contains("secretsmanager:TagResource")) {
                    Set<String> tagKeys = new TreeSet<>(strings(map(condition.get("ForAllValues:StringEquals"),
                            "Condition").get("aws:TagKeys")));
                    Set<String> latchkeyTags = new TreeSet<>(List.of(SecretCopies.TOKEN_ID_TAG, SecretCopies.ORGANIZATION_ID_TAG));
                    if (!tagKeys.equals(latchkeyTags)) {
                        problems.add(where(id, s) + ": ForAllValues:StringEquals aws:TagKeys is " + tagKeys
                                + ", expected exactly the tags Latchkey writes " + latchkeyTags);
                    }
                    Map<String, Object> present = map(condition.get("Null"), "Condition.Null");
                    for (String tag : latchkeyTags) {
                        if (!"false".equals(String.valueOf(present.get("aws:RequestTag/" + tag)))) {
                            problems.add(where(id, s) + ": creation does not require the tag " + tag);
                        }
                    }
                } else if (!"false".equals(String.valueOf(map(condition.get("Null"), "Condition.Null")
                        .get("secretsmanager:ResourceTag/" + SecretCopies.TOKEN_ID_TAG)))) {
                    problems.add(where(id, s) + ": not limited to secrets tagged " + SecretCopies.TOKEN_ID_TAG);
                }
            }
        }
        if (copyStatements == 0) {
            problems.add("no statement on Secrets Manager copies at all; the check would be vacuous");
        }
        sam.assertNoProblems("Secrets Manager copy statements", problems);
    }

    @Test
    void secretsManagerMayInvokeTheRotationFunctionOnlyForCopiesUnderThePrefix() {
        List<String> problems = new ArrayList<>();
        int permissions = 0;
        for (Map.Entry<String, Object> r : sam.resources().entrySet()) {
            Map<String, Object> body = map(r.getValue(), r.getKey());
            Map<String, Object> props = map(body.get("Properties"), r.getKey() + ".Properties");
            if (!"AWS::Lambda::Permission".equals(body.get("Type"))
                    || !"secretsmanager.amazonaws.com".equals(props.get("Principal"))) {
                continue;
            }
            permissions++;
            if (!Map.of("Ref", "AWS::AccountId").equals(props.get("SourceAccount"))) {
                problems.add(r.getKey() + ": SourceAccount is " + props.get("SourceAccount") + ", expected !Ref AWS::AccountId");
            }
            Object sourceArn = props.get("SourceArn");
            String arn = sourceArn instanceof Map<?, ?> m && m.get("Fn::Sub") instanceof String sub ? sub : null;
            if (arn == null || !arn.startsWith("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:")
                    || !arn.endsWith(COPY_ARN_SUFFIX)) {
                problems.add(r.getKey() + ": SourceArn is " + sourceArn + ", expected !Sub of this account's "
                        + "secretsmanager ARNs ending " + COPY_ARN_SUFFIX + ": any secret's rotation could call it");
            }
        }
        if (permissions == 0) {
            problems.add("no AWS::Lambda::Permission for secretsmanager.amazonaws.com; the check would be vacuous");
        }
        sam.assertNoProblems("Secrets Manager invoke permission", problems);
    }

    @Test
    void secretCopyPrefixDefaultsToLatchkeyAndCannotBeEmpty() {
        Map<String, Object> parameter = map(sam.parameters().get("SecretCopyNamePrefix"), "Parameters.SecretCopyNamePrefix");
        List<String> problems = new ArrayList<>();
        if (!"latchkey/".equals(parameter.get("Default"))) {
            problems.add("SecretCopyNamePrefix defaults to '" + parameter.get("Default") + "', expected 'latchkey/' "
                    + "(where default copy names go)");
        }
        Object pattern = parameter.get("AllowedPattern");
        if (!(pattern instanceof String p) || Pattern.matches(p, "")) {
            problems.add("SecretCopyNamePrefix's AllowedPattern " + pattern + " admits the empty prefix, which opens the "
                    + "copy statements to every secret of the account");
        } else if (!Pattern.matches(p, "latchkey/")) {
            problems.add("SecretCopyNamePrefix's AllowedPattern " + p + " refuses its own default");
        }
        sam.assertNoProblems("SecretCopyNamePrefix", problems);
    }

    // ------------------------------------------------------------------ 5. abuse limits

    @Test
    void theLeakReportRouteHasItsOwnThrottleBelowTheDefaultRoutes() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> api = map(sam.resource("HttpApi").get("Properties"), "HttpApi.Properties");
        Map<String, Object> defaults = map(api.get("DefaultRouteSettings"), "HttpApi.DefaultRouteSettings");
        Map<String, Object> routes = map(api.get("RouteSettings"), "HttpApi.RouteSettings");
        Set<String> declared = httpApiRoutes();
        for (String key : routes.keySet()) {
            if (!declared.contains(key)) {
                problems.add("HttpApi.RouteSettings names " + key + ", which is no route of the template (the stage "
                        + "would fail to deploy); routes: " + declared);
            }
        }
        Map<String, Object> report = map(routes.get(LEAK_REPORT_ROUTE), "RouteSettings." + LEAK_REPORT_ROUTE);
        for (String limit : List.of("ThrottlingBurstLimit", "ThrottlingRateLimit")) {
            Double own = parameterDefault(report.get(limit));
            Double fallback = parameterDefault(defaults.get(limit));
            if (own == null || fallback == null || own >= fallback) {
                problems.add(LEAK_REPORT_ROUTE + " " + limit + " is " + report.get(limit) + " (default " + own
                        + "), expected a parameter whose default is below the default route's " + defaults.get(limit)
                        + " (" + fallback + "): unauthenticated reports cost table reads per value");
            }
        }
        sam.assertNoProblems("leak-report throttle", problems);
    }

    @Test
    void validateAndTheAuthorizerTakeReservedConcurrencyFromAParameterThatDefaultsToNone() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> conditions = map(sam.template.get("Conditions"), "Conditions");
        for (String id : VERIFIERS) {
            Object reserved = sam.ownProperties.get(id).get("ReservedConcurrentExecutions");
            // !If [Condition, !Ref Parameter, !Ref AWS::NoValue]: 0 would throttle every call, so 0 means "not set".
            List<?> branches = reserved instanceof Map<?, ?> m && m.get("Fn::If") instanceof List<?> l && l.size() == 3
                    ? l : null;
            Object parameterName = branches != null && branches.get(1) instanceof Map<?, ?> ref ? ref.get("Ref") : null;
            Map<String, Object> parameter = parameterName == null ? Map.of()
                    : map(sam.parameters().get(String.valueOf(parameterName)), "Parameters." + parameterName);
            if (branches == null || parameter.isEmpty() || !Map.of("Ref", "AWS::NoValue").equals(branches.get(2))) {
                problems.add(id + ": ReservedConcurrentExecutions is " + reserved + ", expected !If [condition, !Ref "
                        + "<parameter>, !Ref AWS::NoValue]");
                continue;
            }
            if (!"Number".equals(parameter.get("Type")) || !"0".equals(String.valueOf(parameter.get("Default")))
                    || !"0".equals(String.valueOf(parameter.get("MinValue")))) {
                problems.add(parameterName + ": expected Type Number, Default 0 (a fresh account may not have 100 "
                        + "unreserved executions to spare), MinValue 0: " + parameter);
            }
            Object condition = conditions.get(String.valueOf(branches.get(0)));
            Object expected = Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", parameterName), 0))));
            if (!expected.equals(condition)) {
                problems.add(id + ": condition " + branches.get(0) + " is " + condition + ", expected !Not [!Equals [!Ref "
                        + parameterName + ", 0]]");
            }
        }
        sam.assertNoProblems("reserved concurrency", problems);
    }

    // ------------------------------------------------------------------ 6. issuer, audience, samconfig

    @Test
    void directAccessIssuerAndAudienceComeFromTheStack() {
        List<String> problems = new ArrayList<>();
        for (String id : sam.functionIds) {
            if (!isJava(id)) {
                continue;
            }
            Map<String, Object> env = environment(id);
            for (String name : List.of("LATCHKEY_DIRECT_ACCESS_ISSUER", "LATCHKEY_DIRECT_ACCESS_AUDIENCE")) {
                List<String> values = strings(env.get(name));
                Set<String> refs = refs(env.get(name));
                if (!refs.contains("DirectAccessIssuer") || values.stream().noneMatch(v -> v.contains("${AWS::StackName}"))) {
                    problems.add(id + ": " + name + " is " + env.get(name) + ", expected the DirectAccessIssuer parameter "
                            + "or a default naming the stack (a fixed value lets one stack's tokens pass another's check)");
                }
            }
        }
        sam.assertNoProblems("direct-access issuer and audience", problems);
    }

    @Test
    void samconfigOverridesAreValuesTheTemplateAccepts() throws IOException {
        Path samconfig = sam.root.resolve("infra/samconfig.toml");
        Matcher line = Pattern.compile("(?m)^parameter_overrides\\s*=\\s*\"(.*)\"\\s*$")
                .matcher(Files.readString(samconfig, StandardCharsets.UTF_8));
        List<String> problems = new ArrayList<>();
        if (!line.find()) {
            problems.add(samconfig + " has no parameter_overrides line");
        } else {
            Matcher pair = Pattern.compile("(\\w+)=\\\\\"((?:[^\\\\]|\\\\[^\"])*)\\\\\"").matcher(line.group(1));
            while (pair.find()) {
                String name = pair.group(1);
                String value = pair.group(2);
                Map<String, Object> parameter = map(sam.parameters().get(name), "Parameters." + name);
                if (parameter.isEmpty()) {
                    problems.add(name + " is not a parameter of the template");
                } else if (parameter.get("AllowedPattern") instanceof String p && !Pattern.matches(p, value)) {
                    problems.add(name + "=\"" + value + "\" does not match its AllowedPattern " + p);
                } else if (parameter.get("AllowedValues") instanceof List<?> allowed
                        && allowed.stream().map(String::valueOf).noneMatch(value::equals)) {
                    problems.add(name + "=\"" + value + "\" is not one of " + allowed);
                } else if (!value.equals(String.valueOf(parameter.get("Default")))) {
                    problems.add(name + "=\"" + value + "\" differs from the template default " + parameter.get("Default")
                            + " (the file says its overrides are the defaults)");
                }
            }
        }
        sam.assertNoProblems("infra/samconfig.toml parameter_overrides", problems);
    }

    // ================================================================== helpers

    private static boolean isJava(String id) {
        return String.valueOf(sam.effectiveProperties.get(id).get("Runtime")).startsWith("java");
    }

    /** Every statement of a function's inline policies. */
    private static List<Map<String, Object>> statements(String id) {
        List<Map<String, Object>> out = new ArrayList<>();
        Object policies = sam.ownProperties.get(id).get("Policies");
        for (Object policy : policies instanceof List<?> l ? l : List.of()) {
            if (policy instanceof Map<?, ?> p) {
                Object st = p.get("Statement");
                for (Object s : st instanceof List<?> sl ? sl : st == null ? List.of() : List.of(st)) {
                    out.add(map(s, id + ".Policies.Statement"));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ 7. hygiene events

    private static final String EVENT_SENDER = "RotationScheduleFunction";
    private static final String DEFAULT_BUS = "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default";

    @Test
    void onlyTheScheduleFunctionPutsEventsAndOnlyOnTheDefaultBus() {
        List<String> problems = new ArrayList<>();
        int grants = 0;
        for (String id : sam.functionIds) {
            for (Map<String, Object> s : allows(id)) {
                List<String> actions = strings(s.get("Action")).stream().filter(a -> a.startsWith("events:")).toList();
                if (actions.isEmpty()) {
                    continue;
                }
                grants++;
                if (!id.equals(EVENT_SENDER)) {
                    problems.add(where(id, s) + ": " + actions + "; only " + EVENT_SENDER + " sends the hygiene events");
                }
                if (!actions.equals(List.of("events:PutEvents"))) {
                    problems.add(where(id, s) + ": " + actions + " (events:PutEvents only)");
                }
                List<String> resources = strings(s.get("Resource"));
                if (!resources.equals(List.of(DEFAULT_BUS))) {
                    problems.add(where(id, s) + ": Resource " + resources + " (the default bus only: " + DEFAULT_BUS + ")");
                }
                if (s.containsKey("Condition")) {
                    problems.add(where(id, s) + ": a Condition; the grant is the default bus, plainly");
                }
            }
        }
        if (grants != 1) {
            problems.add(grants + " events grants; " + EVENT_SENDER + " needs exactly one");
        }
        sam.assertNoProblems("event grants", problems);
    }

    private static List<Map<String, Object>> allows(String id) {
        return statements(id).stream().filter(s -> "Allow".equals(s.get("Effect"))).toList();
    }

    private static Map<String, Object> environment(String id) {
        return map(map(sam.effectiveProperties.get(id).get("Environment"), id + ".Environment").get("Variables"),
                id + ".Environment.Variables");
    }

    /** The logical ids a value refers to with !Ref (also inside lists and other intrinsics). */
    private static Set<String> refs(Object value) {
        Set<String> out = new TreeSet<>();
        walk(value, "", (path, node) -> {
            if (node instanceof Map<?, ?> m && m.get("Ref") instanceof String ref) {
                out.add(ref);
            }
        });
        return out;
    }

    /** The default of the parameter a value refers to (or the value itself when it is a number). */
    private static Double parameterDefault(Object value) {
        Object v = value instanceof Map<?, ?> m && m.get("Ref") instanceof String ref
                ? map(sam.parameters().get(ref), "Parameters." + ref).get("Default") : value;
        try {
            return v == null ? null : Double.valueOf(String.valueOf(v));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "METHOD /path" of every HttpApi event, as API Gateway names the route. */
    private static Set<String> httpApiRoutes() {
        Set<String> routes = new TreeSet<>();
        for (String id : sam.functionIds) {
            Map<String, Object> events = map(sam.ownProperties.get(id).get("Events"), id + ".Events");
            for (Map.Entry<String, Object> e : events.entrySet()) {
                Map<String, Object> body = map(e.getValue(), id + ".Events." + e.getKey());
                Map<String, Object> props = map(body.get("Properties"), id + ".Events." + e.getKey() + ".Properties");
                if ("HttpApi".equals(body.get("Type"))) {
                    routes.add(String.valueOf(props.get("Method")).toUpperCase() + " " + props.get("Path"));
                }
            }
        }
        return routes;
    }

    private static String where(String id, Map<String, Object> statement) {
        return id + " (Sid " + statement.get("Sid") + ")";
    }
}
