package dev.latchkey.bench;

/**
 * One request a load worker sent: which operation, the HTTP status (or {@link HttpCall#TIMED_OUT} /
 * {@link HttpCall#NO_CONNECTION}), whether the answer had the shape that status calls for, and when it ran.
 */
record Call(Op op, int status, boolean wellFormed, long startNanos, long endNanos) {

    enum Op {
        VALIDATE, CREATE, ROTATE,
        /** A validate of a value whose rotation had no answer, to learn whether that rotation happened. */
        PROBE;

        boolean management() {
            return this == CREATE || this == ROTATE;
        }
    }

    /**
     * Reads a reply: a 200 is well formed when it is what the operation promises (VALID, or a token with its value;
     * for a probe any validate answer), anything else when it is the error body with its own status.
     */
    static Call of(Op op, HttpCall.Reply reply) {
        boolean wellFormed = switch (op) {
            case VALIDATE -> reply.status() == 200 ? LatchkeyApi.isValid(reply) : LatchkeyApi.isErrorBody(reply);
            case CREATE, ROTATE -> reply.status() == 200 ? LatchkeyApi.carriesValue(reply) : LatchkeyApi.isErrorBody(reply);
            case PROBE -> reply.status() == 200 ? LatchkeyApi.json(reply).path("code").isTextual() : LatchkeyApi.isErrorBody(reply);
        };
        return new Call(op, reply.status(), wellFormed, reply.startNanos(), reply.endNanos());
    }

    boolean succeeded() {
        return status == 200 && wellFormed;
    }

    long nanos() {
        return endNanos - startNanos;
    }
}
