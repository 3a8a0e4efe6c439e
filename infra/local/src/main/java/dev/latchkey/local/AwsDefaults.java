package dev.latchkey.local;

/**
 * DynamoDB Local accepts any credentials and region, but the SDK insists on having some. Set harmless ones only
 * where the user has none, so a real AWS profile is never overridden for anything else.
 */
final class AwsDefaults {

    private AwsDefaults() {
    }

    static void applyForLocalUse() {
        defaultTo("aws.region", "AWS_REGION", "us-east-1");
        defaultTo("aws.accessKeyId", "AWS_ACCESS_KEY_ID", "local");
        defaultTo("aws.secretAccessKey", "AWS_SECRET_ACCESS_KEY", "local");
    }

    private static void defaultTo(String property, String env, String value) {
        if (System.getProperty(property) == null && System.getenv(env) == null) {
            System.setProperty(property, value);
        }
    }
}
