package org.peacepath.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.peacepath.decide.Decision;

/** The one JSON mapper of peacepath, so the command line prints exactly what the API sends. */
public final class Json {
  /** Thread-safe once configured. */
  public static final ObjectMapper MAPPER = configure(new ObjectMapper()).registerModule(recurring(
      Decision.Unlocked.class, Decision.Reason.class, Decision.StepStatus.class, Decision.RecordVerdict.class));

  /** The value types whose JSON recurs from answer to answer, each written from a cache of its own. */
  private static SimpleModule recurring(Class<?>... types) {
    ObjectMapper plain = configure(new ObjectMapper()); // a writer without the caches, which each copies
    SimpleModule module = new SimpleModule("peacepath-recurring");
    for (Class<?> type : types) {
      cache(module, type, plain);
    }
    return module;
  }

  private static <T> void cache(SimpleModule module, Class<T> type, ObjectMapper plain) {
    module.addSerializer(type, new CachedJson<>(type, plain));
  }

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
