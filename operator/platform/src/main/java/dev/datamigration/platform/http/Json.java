package dev.datamigration.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.platform.PlatformException;
import java.io.IOException;

/** Jackson for the adapters: tolerant of unknown fields, and a parse failure names the call, not the body. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    public static <T> T read(ApiResponse response, Class<T> type, String call) {
        return read(response, MAPPER.constructType(type), call);
    }

    public static <T> T read(ApiResponse response, JavaType type, String call) {
        try {
            return MAPPER.readValue(response.body(), type);
        } catch (IOException e) {
            throw new PlatformException(call + " returned a response that does not match the API definition: "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()),
                    response.status(), false, e);
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
