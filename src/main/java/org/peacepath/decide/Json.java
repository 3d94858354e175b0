package org.peacepath.decide;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one JSON mapper of peacepath, so the command line prints exactly what the API sends. */
public final class Json {
  /** Thread-safe once configured. */
  public static final ObjectMapper MAPPER = configure(new ObjectMapper())
      .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("peacepath-recurring")
          .addSerializer(Decision.Unlocked.class, new CachedJson<>(Decision.Unlocked.class, configure(new ObjectMapper())))
          .addSerializer(Decision.Reason.class, new CachedJson<>(Decision.Reason.class, configure(new ObjectMapper()))));

  private static ObjectMapper configure(ObjectMapper mapper) {
    // A request is one JSON object, each field once: trailing content and a field given twice are refused.
    mapper.getFactory().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return mapper
        .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
        .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
        .registerModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule())
        .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
        .configure(SerializationFeature.INDENT_OUTPUT, false);
  }

  private Json() {}

  /** The value as compact JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
