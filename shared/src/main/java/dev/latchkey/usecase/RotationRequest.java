package dev.latchkey.usecase;

/** A rotation policy as a client sends it: {@code everyDays} 1–365 (0 on update removes the policy). */
public record RotationRequest(Integer everyDays, Long gracePeriodSeconds) {
}
