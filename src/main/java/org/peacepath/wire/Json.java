package org.peacepath.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.peacepath.decide.Decision;

/** The one JSON mapper of peacepath, so the command line prints exactly what the API sends. */
public final class Json {
  /** Thread-safe once configured. */
  public static final ObjectMapper MAPPER = configure(new ObjectMapper())
      .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("peacepath-recurring")
          .addSerializer(Decision.Unlocked.class, new CachedJson<>(Decision.Unlocked.class, configure(new ObjectMapper())))
          .addSerializer(Decision.Reason.class, new CachedJson<>(Decision.Reason.class, configure(new ObjectMapper())))
          .addSerializer(Decision.StepStatus.class, new CachedJson<>(Decision.StepStatus.class, configure(new ObjectMapper())))
          .addSerializer(Decision.RecordVerdict.class, new CachedJson<>(Decision.RecordVerdict.class, configure(new ObjectMapper()))));

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

  /** What is wrong with the JSON, in words, without the parser's class and method names. */
  public static String why(com.fasterxml.jackson.core.JsonProcessingException e) {
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (original.startsWith("Duplicate field")) {
      return "the field " + original.replaceAll("(?s)Duplicate field '(.*?)'.*", "\"$1\"")
          + " appears twice in one object; give each field once";
    }
    if (original.contains("Trailing token")) {
      return "something follows the JSON object; send one object and nothing after it";
    }
    if (original.contains("nesting depth")) {
      return "it nests more deeply than any request of peacepath does; send a flat record";
    }
    if (original.contains("length") && original.contains("exceeds")) {
      return "a value in it is longer than peacepath reads";
    }
    return original.lines().findFirst().orElse("malformed JSON")
        .replaceAll("\\s*\\(for [^)]*\\)", "")
        .replaceAll("\\s*\\[Source:.*$", "")
        .replaceAll("\\((?:[a-zA-Z_$][\\w$]*\\.)+[\\w$]+(?:\\(\\))?[^)]*\\)", "")
        .replaceAll("(?:[a-z][\\w$]*\\.){2,}([A-Z][\\w$]*)", "$1")
        .trim();
  }

}
