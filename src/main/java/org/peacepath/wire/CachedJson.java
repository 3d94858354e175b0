package org.peacepath.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a value type whose JSON recurs from answer to answer — a step's title and parties, a rule's
 * reason, a step's status, a record's verdict: most of an answer's bytes — from a cache of its encoded
 * bytes, instead of encoding the same sentences again for every decision. The values are records, so equal
 * values share one entry. The cache is emptied whenever it grows past its bound, so edited rules and
 * records of every length cannot make it grow without end.
 */
final class CachedJson<T> extends StdSerializer<T> {
  static final int MAX_ENTRIES = 10_000;

  private final ObjectMapper plain;
  private final ConcurrentHashMap<T, SerializedString> cache = new ConcurrentHashMap<>();

  /** Caches the JSON of {@code type} as written by {@code plain}, a mapper without this serializer. */
  CachedJson(Class<T> type, ObjectMapper plain) {
    super(type);
    this.plain = plain;
  }

  @Override
  public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
    SerializedString json = cache.get(value);
    if (json == null) {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      json = new SerializedString(write(value));
      cache.put(value, json);
    }
    generator.writeRawValue(json);
  }

  /** How many values' JSON it holds. */
  int size() {
    return cache.size();
  }

  private String write(T value) throws JsonProcessingException {
    return plain.writeValueAsString(value);
  }
}
