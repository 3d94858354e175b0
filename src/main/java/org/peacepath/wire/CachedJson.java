package org.peacepath.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a value type whose JSON recurs from answer to answer — a step's title and parties, a rule's
 * reason, a step's status, a record's verdict: most of an answer's bytes — from a cache of its encoded
 * bytes, instead of encoding the same sentences again for every decision. The values are records, so equal
 * values share one entry.
 *
 * <p>Some values carry the client's own words (a facility's name in a record's verdict) or grow with the
 * record (the places a step was taken). So a value is cached only when its JSON is short and holds no
 * character outside Unicode's basic plane: a longer one is written each time, and so is one with such a
 * character, which the server's writer escapes (each half of a pair, and a lone half) where cached text
 * would be sent raw, or could not be encoded at all. And the cache is emptied whenever it holds more
 * values, or more text, than its bounds, so neither edited rules nor any client can make it grow without
 * end. (Emptying and counting are not one atomic step: a value added by another thread meanwhile may be
 * miscounted until the next emptying, which keeps the cache within its bounds all the same.)
 */
final class CachedJson<T> extends StdSerializer<T> {
  /** The most values the cache holds. */
  static final int MAX_ENTRIES = 10_000;
  /**
   * The most characters of JSON it holds: with the values themselves and the encoded bytes, at most about
   * 7 MB of the heap.
   */
  static final long MAX_CHARS = 1024 * 1024;
  /** A value whose JSON is longer is written each time. */
  static final int MAX_VALUE_CHARS = 512;

  private final ObjectMapper plain;
  private final ConcurrentHashMap<T, SerializedString> cache = new ConcurrentHashMap<>();
  private final AtomicLong chars = new AtomicLong();

  /** Caches the JSON of {@code type} as written by {@code plain}, a mapper without this serializer. */
  CachedJson(Class<T> type, ObjectMapper plain) {
    super(type);
    this.plain = plain.copy().configure(SerializationFeature.FLUSH_AFTER_WRITE_VALUE, false);
  }

  @Override
  public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
    SerializedString json = cache.get(value);
    if (json == null) {
      String written = plain.writeValueAsString(value);
      if (!basicPlane(written)) {
        plain.writeValue(generator, value); // as if there were no cache
        return;
      }
      if (written.length() > MAX_VALUE_CHARS) {
        generator.writeRawValue(written); // the same bytes as the generator writes, for such characters
        return;
      }
      if (cache.size() >= MAX_ENTRIES || chars.get() + written.length() > MAX_CHARS) {
        cache.clear();
        chars.set(0);
      }
      json = new SerializedString(written);
      if (cache.putIfAbsent(value, json) == null) {
        chars.addAndGet(written.length());
      }
    }
    generator.writeRawValue(json);
  }

  /** How many values' JSON it holds. */
  int size() {
    return cache.size();
  }

  /** How many characters of JSON it holds. */
  long chars() {
    return chars.get();
  }

  private static boolean basicPlane(String json) {
    for (int i = 0; i < json.length(); i++) {
      if (Character.isSurrogate(json.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
