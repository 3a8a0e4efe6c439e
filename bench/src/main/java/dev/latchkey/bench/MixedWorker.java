package dev.latchkey.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One worker of the mixed load: {@code validatesPerOp} validates of its own tokens' latest values, then one management
 * operation, alternately a create (a new WORKSPACE token in the worker's own workspace) and a rotation without grace
 * of one of its own tokens. Workers never touch each other's tokens, so any 409 is a real conflict, not the harness.
 *
 * <p>A create or rotation that gets no 200 may still have happened (the backend died after committing). Until it is
 * settled the worker does no new management operation: a create is retried with the same Idempotency-Key (which
 * returns the first answer if there was one); for a rotation the worker first validates the value it knows: VALID means
 * nothing happened, REVOKED that the rotation went through and its new value was lost, and either way it rotates again.
 */
final class MixedWorker {

    private sealed interface Pending permits PendingCreate, PendingRotation {
    }

    private record PendingCreate(String name, String idempotencyKey) implements Pending {
    }

    private record PendingRotation(String tokenId) implements Pending {
    }

    private final String id;
    private final String workspaceId;
    private final LatchkeyApi api;
    private final int validatesPerOp;
    private final WorkerTokens tokens = new WorkerTokens();
    private Pending pending;
    private boolean createNext;
    private int created;
    private int validateCursor;
    private int rotateCursor;
    private int unexpectedProbeAnswers;

    MixedWorker(String id, LatchkeyApi api, int validatesPerOp) {
        this.id = id;
        this.workspaceId = "ws-" + id;
        this.api = api;
        this.validatesPerOp = validatesPerOp;
    }

    /** Registers the worker's workspace and creates its first token, so that there is something to validate. */
    void setUp() {
        HttpCall.Reply workspace = api.registerWorkspace(workspaceId);
        if (workspace.status() != 200) {
            throw new IllegalStateException("registering workspace " + workspaceId + " answered " + workspace.status());
        }
        Call first = create(nextCreate());
        if (!first.succeeded()) {
            throw new IllegalStateException("worker " + id + "'s first create answered " + first.status());
        }
    }

    /** Runs the loop until {@code stop} says so; returns every request sent. */
    List<Call> runUntil(BooleanSupplier stop) {
        List<Call> calls = new ArrayList<>();
        while (!stop.getAsBoolean()) {
            for (int i = 0; i < validatesPerOp && !stop.getAsBoolean(); i++) {
                calls.add(validateOne());
            }
            if (!stop.getAsBoolean()) {
                calls.addAll(manageOnce());
            }
        }
        return calls;
    }

    /** Settles an operation whose outcome is unknown, trying up to {@code attempts} times; true when none is left. */
    boolean settle(int attempts, long pauseMillis) throws InterruptedException {
        for (int i = 0; i < attempts && pending != null; i++) {
            settlePending(new ArrayList<>());
            if (pending != null) {
                Thread.sleep(pauseMillis);
            }
        }
        return pending == null;
    }

    String id() {
        return id;
    }

    String workspaceId() {
        return workspaceId;
    }

    WorkerTokens tokens() {
        return tokens;
    }

    int unexpectedProbeAnswers() {
        return unexpectedProbeAnswers;
    }

    private Call validateOne() {
        String value = nextValueToValidate();
        return Call.of(Call.Op.VALIDATE, api.validate(value, value.equals(api.ownerToken()) ? null : workspaceId));
    }

    /** The next of the worker's tokens whose latest value is known and not in doubt; the owner's while there is none. */
    private String nextValueToValidate() {
        List<String> ids = tokens.tokenIds();
        for (int i = 0; i < ids.size(); i++) {
            String tokenId = ids.get(validateCursor++ % ids.size());
            String value = tokens.latest(tokenId);
            if (value != null && !(pending instanceof PendingRotation p && p.tokenId().equals(tokenId))) {
                return value;
            }
        }
        return api.ownerToken();
    }

    private List<Call> manageOnce() {
        List<Call> calls = new ArrayList<>();
        if (pending != null) {
            settlePending(calls);
        } else if (createNext) {
            calls.add(create(nextCreate()));
        } else {
            List<String> ids = tokens.tokenIds();
            calls.add(rotate(ids.get(rotateCursor++ % ids.size())));
        }
        createNext = !createNext;
        return calls;
    }

    private void settlePending(List<Call> calls) {
        if (pending instanceof PendingCreate c) {
            calls.add(create(c));
            return;
        }
        String tokenId = ((PendingRotation) pending).tokenId();
        String known = tokens.latest(tokenId);
        if (known != null) {
            HttpCall.Reply probe = api.validate(known, workspaceId);
            calls.add(Call.of(Call.Op.PROBE, probe));
            if (probe.status() != 200) {
                return;
            }
            String code = LatchkeyApi.json(probe).path("code").asText();
            if ("REVOKED".equals(code)) {
                tokens.rotationAnswerLost(tokenId);
            } else if (!"VALID".equals(code)) {
                unexpectedProbeAnswers++;
            }
        }
        calls.add(rotate(tokenId));
    }

    private Call create(PendingCreate request) {
        HttpCall.Reply reply = api.createWorkspaceToken(workspaceId, request.name(), request.idempotencyKey());
        Call call = Call.of(Call.Op.CREATE, reply);
        if (call.succeeded()) {
            JsonNode body = LatchkeyApi.json(reply);
            tokens.created(body.path("id").asText(), body.path("token").asText(), reply.endNanos());
            pending = null;
        } else {
            pending = request;
        }
        return call;
    }

    private Call rotate(String tokenId) {
        HttpCall.Reply reply = api.rotate(tokenId);
        Call call = Call.of(Call.Op.ROTATE, reply);
        JsonNode body = LatchkeyApi.json(reply);
        if (call.succeeded() && tokenId.equals(body.path("id").asText())) {
            tokens.rotated(tokenId, body.path("token").asText(), reply.endNanos());
            pending = null;
        } else {
            pending = new PendingRotation(tokenId);
        }
        return call;
    }

    private PendingCreate nextCreate() {
        created++;
        return new PendingCreate("mixed " + id + " #" + created, "mixed-" + id + "-" + created);
    }
}
