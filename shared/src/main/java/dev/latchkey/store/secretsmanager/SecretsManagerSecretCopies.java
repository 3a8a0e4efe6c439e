package dev.latchkey.store.secretsmanager;

import dev.latchkey.domain.SecretCopy;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.SecretCopies;
import dev.latchkey.store.SecretDocument;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link SecretCopies} on AWS Secrets Manager (or any endpoint speaking its API, such as moto or LocalStack). */
public final class SecretsManagerSecretCopies implements SecretCopies {

    private static final String PENDING = "AWSPENDING";
    private static final String CURRENT = "AWSCURRENT";

    private final Supplier<SecretsManagerClient> clients;

    /** {@code clients} may build the client on first use; it is asked on every call, never at construction. */
    public SecretsManagerSecretCopies(Supplier<SecretsManagerClient> clients) {
        this.clients = clients;
    }

    @Override
    public SecretCopy create(String name, SecretDocument document, Map<String, String> tags) {
        try {
            CreateSecretResponse created = call("create the secret copy", () -> clients.get().createSecret(r -> r
                    .name(name)
                    .description("Latchkey API token " + document.tokenId() + " of organization " + document.organizationId())
                    .secretString(document.toJson())
                    .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
            return new SecretCopy(created.name(), created.arn());
        } catch (ResourceExistsException e) {
            throw LatchkeyException.conflict("A secret named " + name + " already exists and does not belong to this token");
        }
    }

    @Override
    public void putPending(String secretId, String versionId, SecretDocument document) {
        mustExist(secretId, () -> call("write the new value to the secret copy", () -> clients.get().putSecretValue(r -> r
                .secretId(secretId)
                .clientRequestToken(versionId)
                .secretString(document.toJson())
                .versionStages(PENDING))));
    }

    @Override
    public void promote(String secretId, String versionId) {
        DescribeSecretResponse secret = mustExist(secretId,
                () -> call("read the secret copy's versions", () -> clients.get().describeSecret(r -> r.secretId(secretId))));
        String current = secret.versionIdsToStages().entrySet().stream()
                .filter(e -> e.getValue().contains(CURRENT)).map(Map.Entry::getKey).findFirst().orElse(null);
        if (!versionId.equals(current)) {
            mustExist(secretId, () -> call("make the new value the secret copy's AWSCURRENT", () -> clients.get().updateSecretVersionStage(r -> r
                    .secretId(secretId)
                    .versionStage(CURRENT)
                    .moveToVersionId(versionId)
                    .removeFromVersionId(current))));
        }
        if (secret.versionIdsToStages().getOrDefault(versionId, List.of()).contains(PENDING)) {
            clearPending(secretId, versionId);
        }
    }

    /**
     * The promoted version is no longer pending. Best effort: a concurrent rotation may already have moved the label
     * to its own version, and that must not turn a completed promotion into a failure.
     */
    private void clearPending(String secretId, String versionId) {
        try {
            clients.get().updateSecretVersionStage(r -> r.secretId(secretId).versionStage(PENDING).removeFromVersionId(versionId));
        } catch (SdkException e) {
            // Left as it is: the next rotation moves AWSPENDING anyway.
        }
    }

    /** A copy deleted behind Latchkey's back is the backend's failure (502), not the client's and not a crash. */
    private static <T> T mustExist(String secretId, Supplier<T> body) {
        try {
            return body.get();
        } catch (ResourceNotFoundException e) {
            throw new LatchkeyException(LatchkeyException.Kind.BACKEND_FAILED,
                    "The Secrets Manager copy " + secretId + " (or the version asked for) no longer exists", List.of(), e);
        }
    }

    @Override
    public void delete(String secretId) {
        try {
            call("delete the secret copy", () -> clients.get().deleteSecret(r -> r.secretId(secretId).forceDeleteWithoutRecovery(true)));
        } catch (ResourceNotFoundException alreadyGone) {
            // Deleting what is not there is the outcome we wanted.
        }
    }

    @Override
    public Optional<SecretState> describe(String secretId) {
        try {
            DescribeSecretResponse d = call("describe the secret", () -> clients.get().describeSecret(r -> r.secretId(secretId)));
            Map<String, String> tags = d.tags().stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
            Map<String, List<String>> stages = d.hasVersionIdsToStages() ? d.versionIdsToStages() : Map.of();
            return Optional.of(new SecretState(d.arn(), d.name(), tags, stages));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<SecretDocument> read(String secretId, String versionId) {
        try {
            String json = call("read the secret", () -> clients.get().getSecretValue(r -> r.secretId(secretId).versionId(versionId))).secretString();
            return SecretDocument.parse(json);
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** SDK failures to domain ones; messages name the operation, never a value. */
    private static <T> T call(String operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (ResourceExistsException | ResourceNotFoundException e) {
            throw e;
        } catch (SecretsManagerException e) {
            boolean retryable = e.isThrottlingException() || e.statusCode() >= 500;
            String code = e.awsErrorDetails() == null ? Integer.toString(e.statusCode()) : e.awsErrorDetails().errorCode();
            throw new LatchkeyException(retryable ? LatchkeyException.Kind.BACKEND_UNAVAILABLE : LatchkeyException.Kind.BACKEND_FAILED,
                    "Secrets Manager refused to " + operation + " (" + code + ")", List.of(), e);
        } catch (SdkClientException e) {
            throw new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                    "Secrets Manager could not be reached to " + operation, List.of(), e);
        } catch (SdkException e) {
            throw new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                    "Secrets Manager failed to " + operation, List.of(), e);
        }
    }
}
