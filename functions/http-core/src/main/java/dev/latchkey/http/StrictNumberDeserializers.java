package dev.latchkey.http;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Whole JSON numbers only, for every {@code Integer} and {@code Long} in a request body, and real JSON booleans: Micronaut Serde 2 would
 * accept {@code "30"}, {@code [30]}, {@code true} or {@code 1.5} (cut to 1), and a guessed number of days or seconds
 * is worse than a 400.
 */
@Factory
public class StrictNumberDeserializers {

    @Singleton
    @Primary
    Deserializer<Integer> integers() {
        return new Whole<>(Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v);
    }

    @Singleton
    @Primary
    Deserializer<Long> longs() {
        return new Whole<>(Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
    }

    /** {@code true} and {@code false} only: not {@code "yes"}, {@code 1} or {@code "true"}. */
    @Singleton
    @Primary
    Deserializer<Boolean> booleans() {
        return new Deserializer<>() {
            @Override
            public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
                JsonNode node = decoder.decodeNode();
                if (!node.isBoolean()) {
                    throw decoder.createDeserializationException("Expected true or false for " + type.getName(), null);
                }
                return node.getBooleanValue();
            }

            @Override
            public Boolean deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
                return decoder.decodeNull() ? null : deserialize(decoder, context, type);
            }
        };
    }

    private record Whole<T>(long min, long max, java.util.function.LongFunction<T> box) implements Deserializer<T> {

        @Override
        public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            JsonNode node = decoder.decodeNode();
            if (!node.isNumber()) {
                throw decoder.createDeserializationException("Expected a whole JSON number for " + type.getName(), null);
            }
            BigDecimal value = new BigDecimal(node.getNumberValue().toString());
            if (value.stripTrailingZeros().scale() > 0
                    || value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw decoder.createDeserializationException("Expected a whole number in range for " + type.getName(), null);
            }
            return box.apply(value.longValueExact());
        }

        @Override
        public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            if (decoder.decodeNull()) {
                return null;
            }
            return deserialize(decoder, context, type);
        }
    }
}
