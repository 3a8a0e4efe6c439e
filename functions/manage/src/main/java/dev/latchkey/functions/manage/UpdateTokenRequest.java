package dev.latchkey.functions.manage;

import dev.latchkey.http.view.RotationInput;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Astro's {@code UpdateApiTokenRequest}, plus Latchkey's rotation policy ({@code everyDays: 0} removes it) and network
 * binding ({@code allowedCidrs}: absent keeps it, a list replaces it, {@code []} removes it).
 */
@Serdeable
public record UpdateTokenRequest(@Nullable String name, @Nullable String description, @Nullable RotationInput rotation,
                                 @Nullable List<Object> allowedCidrs) {
}
