package dev.latchkey.config;

import io.micronaut.context.exceptions.ConfigurationException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.time.Duration;
import java.util.Locale;

/**
 * The synchronous HTTP client under the DynamoDB client, by name ({@code latchkey.dynamodb-http-client},
 * {@code LATCHKEY_DYNAMODB_HTTP_CLIENT}): {@code url-connection} (the default: the JDK's, the fewest classes to load),
 * {@code apache} or {@code crt}. The last two are optional dependencies: a function that names one carries its jar
 * (docs/benchmarks.md has the measurements each function's choice rests on). Each client's classes are referenced
 * only from its own nested class, so a function without the Apache or CRT jars never loads them.
 */
public final class DynamoDbHttpClients {

    public static final String PROPERTY = "latchkey.dynamodb-http-client";
    public static final String DEFAULT = "url-connection";

    private DynamoDbHttpClients() {
    }

    /** A builder for the named client, with the connect limit (the api-call timeout bounds everything else). */
    public static SdkHttpClient.Builder<?> builder(String name, Duration connectTimeout) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "url-connection" -> UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout);
            case "apache" -> Apache.builder(connectTimeout);
            case "crt" -> Crt.builder(connectTimeout);
            default -> throw new ConfigurationException(PROPERTY + " (LATCHKEY_DYNAMODB_HTTP_CLIENT) must be url-connection,"
                    + " apache or crt, not " + name);
        };
    }

    private static final class Apache {
        static SdkHttpClient.Builder<?> builder(Duration connectTimeout) {
            requirePresent("software.amazon.awssdk.http.apache.ApacheHttpClient", "apache-client");
            return software.amazon.awssdk.http.apache.ApacheHttpClient.builder().connectionTimeout(connectTimeout);
        }
    }

    private static final class Crt {
        static SdkHttpClient.Builder<?> builder(Duration connectTimeout) {
            requirePresent("software.amazon.awssdk.http.crt.AwsCrtHttpClient", "aws-crt-client");
            return software.amazon.awssdk.http.crt.AwsCrtHttpClient.builder().connectionTimeout(connectTimeout);
        }
    }

    private static void requirePresent(String className, String artifact) {
        try {
            Class.forName(className, false, DynamoDbHttpClients.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException(PROPERTY + " names a client whose jar (software.amazon.awssdk:" + artifact
                    + ") is not in this function");
        }
    }
}
