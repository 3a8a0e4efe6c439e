package dev.latchkey.store.dynamodb;

import dev.latchkey.error.LatchkeyException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.function.Supplier;

/**
 * Turns AWS SDK failures into the domain's backend errors: unreachable, timed out or throttled is 503-worthy
 * (BACKEND_UNAVAILABLE), anything else the service refused is BACKEND_FAILED (502). Messages name the table
 * operation, never an item's contents.
 */
final class BackendErrors {

    private BackendErrors() {
    }

    static <T> T call(String operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (LatchkeyException e) {
            throw e;
        } catch (TransactionCanceledException | ConditionalCheckFailedException e) {
            // Conditions are the caller's business: it knows whether a failed one means conflict or no-op.
            throw e;
        } catch (DynamoDbException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            boolean retryable = e.isThrottlingException() || e.statusCode() >= 500
                    || "ProvisionedThroughputExceededException".equals(code) || "RequestLimitExceeded".equals(code);
            throw new LatchkeyException(retryable ? LatchkeyException.Kind.BACKEND_UNAVAILABLE : LatchkeyException.Kind.BACKEND_FAILED,
                    "The token table refused " + operation + " (" + (code.isEmpty() ? e.statusCode() : code) + ")", List.of(), e);
        } catch (SdkClientException e) {
            throw new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                    "The token table could not be reached for " + operation, List.of(), e);
        } catch (SdkException e) {
            throw new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                    "The token table failed during " + operation, List.of(), e);
        }
    }

    static void run(String operation, Runnable body) {
        call(operation, () -> {
            body.run();
            return null;
        });
    }

    /** True when the transaction was cancelled by a failed condition (or a competing transaction) on item {@code index}. */
    static boolean failedAt(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (reasons == null || index >= reasons.size()) {
            return false;
        }
        String code = reasons.get(index).code();
        return "ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code);
    }

    /** Cancelled because some condition failed or another transaction raced us: a client-visible conflict. */
    static boolean isConflict(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (reasons == null) {
            return false;
        }
        return reasons.stream().map(CancellationReason::code)
                .anyMatch(c -> "ConditionalCheckFailed".equals(c) || "TransactionConflict".equals(c));
    }
}
