package dev.latchkey.http;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * JSON strings only, for every {@code String} in a request body: Micronaut Serde 2 would turn {@code 123} or
 * {@code true} into {@code "123"}, and a client that sends the wrong type deserves a 400, not a guess.
 */
@Singleton
@Primary
public class StrictStringDeserializer implements Deserializer<String> {

    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (!node.isString()) {
            throw decoder.createDeserializationException("Expected a JSON string for " + type.getName(), null);
        }
        return node.getStringValue();
    }

    @Override
    public String deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        if (decoder.decodeNull()) {
            return null;
        }
        return deserialize(decoder, context, type);
    }
}
