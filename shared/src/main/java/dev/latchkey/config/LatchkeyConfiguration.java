package dev.latchkey.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * Latchkey's own settings, all under {@code latchkey.*} (environment: {@code LATCHKEY_*}). The AWS SDK's standard
 * variables ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_DYNAMODB}) are read by the SDK itself. docs/configuration.md's
 * configuration table lists every name here.
 */
@ConfigurationProperties("latchkey")
public class LatchkeyConfiguration {

    /** {@code iss} and {@code aud} of direct-access tokens where no deployment names its own (local runs, tests). */
    public static final String DEFAULT_DIRECT_ACCESS_NAME = "latchkey";

    private String tableName = "latchkey";
    private String tokenPrefix = "lk";
    @Nullable
    private String pepper;
    private int pepperVersion = 1;
    @Nullable
    private String pepperSecretId;
    private boolean secretsManagerEnabled = true;
    private String secretNamePrefix = "";
    private long secretsManagerRotationGraceSeconds = 300;
    private long maxGracePeriodSeconds = Duration.ofDays(7).toSeconds();
    private Duration lastUsedInterval = Duration.ofMinutes(1);
    private Duration idempotencyRetention = Duration.ofHours(24);
    private Duration auditRetention = Duration.ofDays(365);
    @Nullable
    private String directAccessKeys;
    @Nullable
    private String directAccessKeySecretId;
    @Nullable
    private String directAccessPublicKeySecretId;
    private Duration directAccessKeyRefreshInterval = Duration.ofMinutes(1);
    private String directAccessIssuer = DEFAULT_DIRECT_ACCESS_NAME;
    private String directAccessAudience = DEFAULT_DIRECT_ACCESS_NAME;
    private int directAccessDefaultExpiryDays = 30;
    private Duration dynamodbApiCallTimeout = Duration.ofSeconds(5);
    private Duration dynamodbAttemptTimeout = Duration.ofSeconds(2);
    private Duration dynamodbConnectTimeout = Duration.ofMillis(500);
    private int dynamodbMaxAttempts = 3;

    /** DynamoDB table holding tokens, hashes, entities and idempotency records. */
    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    /** Lowercase letters before the scope letter of every value ({@code lk} gives {@code lko_}, {@code lkw_}, {@code lkd_}). */
    public String getTokenPrefix() {
        return tokenPrefix;
    }

    public void setTokenPrefix(String tokenPrefix) {
        this.tokenPrefix = tokenPrefix;
    }

    /** The HMAC pepper (at least 32 characters). Locally a value; in AWS it comes from Secrets Manager. */
    @Nullable
    public String getPepper() {
        return pepper;
    }

    public void setPepper(@Nullable String pepper) {
        this.pepper = pepper;
    }

    public int getPepperVersion() {
        return pepperVersion;
    }

    public void setPepperVersion(int pepperVersion) {
        this.pepperVersion = pepperVersion;
    }

    /**
     * The Secrets Manager secret holding the pepper (AWS deployments): JSON {@code {"version":N,"pepper":"...",
     * "previous":[{"version":M,"pepper":"..."}]}} or a plain string. Read once per container; {@link #getPepper()}
     * wins when both are set.
     */
    @Nullable
    public String getPepperSecretId() {
        return pepperSecretId;
    }

    public void setPepperSecretId(@Nullable String pepperSecretId) {
        this.pepperSecretId = pepperSecretId;
    }

    /**
     * Secret copies must be named with this prefix (empty: any name). The template's IAM policy allows creating and
     * tagging secrets under it only, so a deployment can confine Latchkey's copies to, say, {@code latchkey/}.
     */
    public String getSecretNamePrefix() {
        return secretNamePrefix;
    }

    public void setSecretNamePrefix(String secretNamePrefix) {
        this.secretNamePrefix = secretNamePrefix == null ? "" : secretNamePrefix;
    }

    /** False where no Secrets Manager endpoint exists (the local runner without one): copies then answer 503 saying so. */
    public boolean isSecretsManagerEnabled() {
        return secretsManagerEnabled;
    }

    public void setSecretsManagerEnabled(boolean secretsManagerEnabled) {
        this.secretsManagerEnabled = secretsManagerEnabled;
    }

    /**
     * Grace for the previous value when Secrets Manager drives a rotation and the token has no policy of its own:
     * between setSecret and finishSecret, readers of AWSCURRENT still get the previous value.
     */
    public long getSecretsManagerRotationGraceSeconds() {
        return secretsManagerRotationGraceSeconds;
    }

    public void setSecretsManagerRotationGraceSeconds(long secretsManagerRotationGraceSeconds) {
        this.secretsManagerRotationGraceSeconds = secretsManagerRotationGraceSeconds;
    }

    /** The longest grace period a rotation may ask for. */
    public long getMaxGracePeriodSeconds() {
        return maxGracePeriodSeconds;
    }

    public void setMaxGracePeriodSeconds(long maxGracePeriodSeconds) {
        this.maxGracePeriodSeconds = maxGracePeriodSeconds;
    }

    /** {@code lastUsedAt} is written at most once per this interval per value. */
    public Duration getLastUsedInterval() {
        return lastUsedInterval;
    }

    public void setLastUsedInterval(Duration lastUsedInterval) {
        this.lastUsedInterval = lastUsedInterval;
    }

    /** How long a create's Idempotency-Key replays its first answer. */
    public Duration getIdempotencyRetention() {
        return idempotencyRetention;
    }

    public void setIdempotencyRetention(Duration idempotencyRetention) {
        this.idempotencyRetention = idempotencyRetention;
    }

    /**
     * The direct-access signing key ring as JSON (local use and tests); see {@code SigningKeyRing}. Wins over both
     * secrets; verification uses its public parts.
     */
    @Nullable
    public String getDirectAccessKeys() {
        return directAccessKeys;
    }

    public void setDirectAccessKeys(@Nullable String directAccessKeys) {
        this.directAccessKeys = directAccessKeys;
    }

    /**
     * The Secrets Manager secret keeping the private signing key ring (AWS), for the functions that mint direct-access
     * values only. The create function generates the first ring into it (and publishes its public keys, see
     * {@link #getDirectAccessPublicKeySecretId()}) when the first direct-access token is made.
     */
    @Nullable
    public String getDirectAccessKeySecretId() {
        return directAccessKeySecretId;
    }

    public void setDirectAccessKeySecretId(@Nullable String directAccessKeySecretId) {
        this.directAccessKeySecretId = directAccessKeySecretId;
    }

    /**
     * The Secrets Manager secret holding only the public keys, current and previous, as a JWKS ({@code {}} before the
     * first direct-access token): all that verification (validate, the authorizer, the JWKS route, leak reports,
     * whoami) reads.
     */
    @Nullable
    public String getDirectAccessPublicKeySecretId() {
        return directAccessPublicKeySecretId;
    }

    public void setDirectAccessPublicKeySecretId(@Nullable String directAccessPublicKeySecretId) {
        this.directAccessPublicKeySecretId = directAccessPublicKeySecretId;
    }

    /**
     * A container re-reads the public keys at most once per this interval, and only when its copy cannot answer: a
     * presented value names a kid it lacks (or it has no keys), or the JWKS route's copy is older than this.
     */
    public Duration getDirectAccessKeyRefreshInterval() {
        return directAccessKeyRefreshInterval;
    }

    public void setDirectAccessKeyRefreshInterval(Duration directAccessKeyRefreshInterval) {
        this.directAccessKeyRefreshInterval = directAccessKeyRefreshInterval;
    }

    /** {@code iss} of direct-access tokens, minted and required: the template sets the stack's API URL. */
    public String getDirectAccessIssuer() {
        return directAccessIssuer;
    }

    public void setDirectAccessIssuer(@Nullable String directAccessIssuer) {
        this.directAccessIssuer = orDefault(directAccessIssuer);
    }

    /** {@code aud} of direct-access tokens, minted and required. */
    public String getDirectAccessAudience() {
        return directAccessAudience;
    }

    public void setDirectAccessAudience(@Nullable String directAccessAudience) {
        this.directAccessAudience = orDefault(directAccessAudience);
    }

    private static String orDefault(String name) {
        // An empty environment variable (a template parameter left blank) means the default, not an empty claim.
        return name == null || name.isBlank() ? DEFAULT_DIRECT_ACCESS_NAME : name;
    }

    /** Direct-access tokens always expire (offline verifiers only learn of a deletion at exp): days when none is asked. */
    public int getDirectAccessDefaultExpiryDays() {
        return directAccessDefaultExpiryDays;
    }

    public void setDirectAccessDefaultExpiryDays(int directAccessDefaultExpiryDays) {
        this.directAccessDefaultExpiryDays = directAccessDefaultExpiryDays;
    }

    /** How long audit events are kept (DynamoDB TTL). */
    public Duration getAuditRetention() {
        return auditRetention;
    }

    public void setAuditRetention(Duration auditRetention) {
        this.auditRetention = auditRetention;
    }

    /** Upper bound of one DynamoDB call, retries included: a dead backend answers 503 within it. */
    public Duration getDynamodbApiCallTimeout() {
        return dynamodbApiCallTimeout;
    }

    public void setDynamodbApiCallTimeout(Duration dynamodbApiCallTimeout) {
        this.dynamodbApiCallTimeout = dynamodbApiCallTimeout;
    }

    public Duration getDynamodbAttemptTimeout() {
        return dynamodbAttemptTimeout;
    }

    public void setDynamodbAttemptTimeout(Duration dynamodbAttemptTimeout) {
        this.dynamodbAttemptTimeout = dynamodbAttemptTimeout;
    }

    /**
     * Upper bound of one TCP connect to the table (and Secrets Manager). The SDK's api-call timer cuts a hanging read
     * at once but cannot interrupt a blocking connect, so a call whose last attempt starts just before the api-call
     * deadline against an endpoint that drops connections ends up to this much later; the HTTP client's default of 2 s
     * would let such a call outlast its deadline by seconds. A connect takes milliseconds when the endpoint is up.
     */
    public Duration getDynamodbConnectTimeout() {
        return dynamodbConnectTimeout;
    }

    public void setDynamodbConnectTimeout(Duration dynamodbConnectTimeout) {
        this.dynamodbConnectTimeout = dynamodbConnectTimeout;
    }

    /** Attempts per DynamoDB call, the first included. */
    public int getDynamodbMaxAttempts() {
        return dynamodbMaxAttempts;
    }

    public void setDynamodbMaxAttempts(int dynamodbMaxAttempts) {
        this.dynamodbMaxAttempts = dynamodbMaxAttempts;
    }
}
