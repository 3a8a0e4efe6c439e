package dev.latchkey.functions.rotate.events;

import dev.latchkey.http.ops.EmbeddedMetrics;
import dev.latchkey.usecase.HygieneSweep;
import dev.latchkey.usecase.RotationSweep;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The EventBridge schedule's target: rotates every token whose rotation policy is due into its Secrets Manager copy,
 * then runs the idle and expiry hygiene ({@link HygieneSweep}: idle revocations and the hygiene events), and answers
 * (and logs) the summary of both. The rotation counts also go out as metrics ({@link EmbeddedMetrics#rotationSweep}).
 * The scheduled event's content does not matter.
 */
public class ScheduledRotationHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    @Inject
    RotationSweep sweep;

    @Inject
    HygieneSweep hygiene;

    @Inject
    EmbeddedMetrics metrics;

    @Override
    public Map<String, Object> execute(Map<String, Object> scheduledEvent) {
        RotationSweep.Summary summary = sweep.sweep();
        metrics.rotationSweep(summary.due(), summary.rotated(), summary.failed(), summary.skipped());
        HygieneSweep.Summary cleaned = hygiene.sweep();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("due", summary.due());
        answer.put("rotated", summary.rotated());
        answer.put("failed", summary.failed());
        answer.put("skipped", summary.skipped());
        answer.put("idleRevoked", cleaned.idleRevoked());
        answer.put("noticesSent", cleaned.noticesSent());
        answer.put("hygieneFailed", cleaned.failed());
        answer.put("hygieneSkipped", cleaned.skipped());
        return answer;
    }
}
