package dev.latchkey.functions.rotate.events;

import dev.latchkey.http.ops.EmbeddedMetrics;
import dev.latchkey.usecase.RotationSweep;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * The EventBridge schedule's target: rotates every token whose rotation policy is due into its Secrets Manager copy,
 * and answers (and logs) one summary line, whose counts also go out as metrics ({@link EmbeddedMetrics#rotationSweep}).
 * The scheduled event's content does not matter.
 */
public class ScheduledRotationHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    @Inject
    RotationSweep sweep;

    @Inject
    EmbeddedMetrics metrics;

    @Override
    public Map<String, Object> execute(Map<String, Object> scheduledEvent) {
        RotationSweep.Summary summary = sweep.sweep();
        metrics.rotationSweep(summary.due(), summary.rotated(), summary.failed(), summary.skipped());
        return Map.of("due", summary.due(), "rotated", summary.rotated(), "failed", summary.failed(), "skipped", summary.skipped());
    }
}
