package org.peacepath.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peacepath.Bundled;
import org.peacepath.decide.Decision;
import org.peacepath.decide.DecisionService;

/**
 * The answers' JSON written from the cache of recurring parts ({@link CachedJson}) is the JSON a plain writer
 * gives, byte for byte, whatever the cache held before; and the cache stays within its bound.
 */
class CachedJsonTest {
  private static final ObjectMapper PLAIN = new ObjectMapper()
      .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
      .configure(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

  private final DecisionService service = new DecisionService(Bundled.ruleSets());
  private final Requests requests = new Requests(service);

  private Decision decide(String body) throws Exception {
    return service.evaluate(requests.evaluate(Json.MAPPER.readTree(body.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void answersFromTheCacheAreWhatAPlainWriterWrites() throws Exception {
    // Records that give the same steps other statuses, counts, places and verdicts, one after the other, so
    // that each answer meets a cache filled by answers unlike it.
    List<String> bodies = List.of(
        "{\"completed\": []}",
        "{\"completed\": [{\"step\": \"peace-declaration\"}, {\"step\": \"dismantlement\"}]}",
        "{\"completed\": [{\"step\": \"dismantlement\"}, {\"step\": \"peace-declaration\"}, {\"step\": \"dismantlement\"}]}",
        "{\"completed\": [{\"step\": \"peace-declaration\", \"status\": \"suspended\"}, {\"step\": \"dismantlement\"}]}",
        "{\"completed\": [{\"step\": \"peace-mechanism\", \"date\": \"2027-01\"}, {\"step\": \"peace-declaration\", \"date\": \"2027-03\"}]}",
        "{\"completed\": [{\"step\": \"peace-declaration\", \"date\": \"2027-01\"}, {\"step\": \"peace-mechanism\", \"date\": \"2027-03\"}]}",
        "{\"ruleset\": \"denuclearization-first\", \"completed\": [{\"step\": \"peace-declaration\"}]}",
        "{\"completed\": []}");
    for (int round = 0; round < 2; round++) {
      for (String body : bodies) {
        Decision decision = decide(body);
        assertEquals(PLAIN.writeValueAsString(decision), Json.MAPPER.writeValueAsString(decision), body);
      }
    }
  }

  @Test
  void theServersBytesAreAPlainWritersWhateverTheClientWrote() throws Exception {
    // A facility's name comes back in the verdict of the record that names it again; its characters outside
    // Unicode's basic plane are escaped by the server's writer, and a lone half of a pair cannot be encoded
    // as text at all. Each body twice, so that the second meets whatever the first left in the cache.
    String emoji = "Yongbyon \uD83D\uDE00";
    String lone = "Yongbyon \\uD800"; // as JSON escapes it: a lone half cannot be sent as UTF-8
    String longName = "Yongbyon " + "x".repeat(CachedJson.MAX_VALUE_CHARS);
    for (String facility : List.of(emoji, lone, longName, "Yongbyon")) {
      String body = "{\"completed\": [{\"step\": \"dismantlement\", \"facility\": \"" + facility + "\"}, "
          + "{\"step\": \"dismantlement\", \"facility\": \"" + facility + "\"}]}";
      for (int round = 0; round < 2; round++) {
        Decision decision = decide(body);
        byte[] sent = Json.MAPPER.writeValueAsBytes(decision);
        assertEquals(new String(PLAIN.writeValueAsBytes(decision), StandardCharsets.UTF_8),
            new String(sent, StandardCharsets.UTF_8), facility);
        assertEquals(PLAIN.writeValueAsString(decision), Json.MAPPER.writeValueAsString(decision), facility);
        String why = decision.records().get(1).why();
        assertTrue(why.contains("already dismantled"), why);
        if (facility.equals(lone)) {
          assertTrue(why.contains("\uD800"), "the lone half reached the verdict: " + why);
        }
      }
    }
  }

  @Test
  void valuesThatDifferInAnyPartAreWrittenApart() throws Exception {
    Decision.StepStatus once = new Decision.StepStatus("dismantlement", "unlocked", "Taken.", null, new Decision.Next("take", null));
    Decision.StepStatus twice = new Decision.StepStatus("dismantlement", "unlocked", "Taken.", 2, new Decision.Next("take", null));
    Decision.StepStatus mend = new Decision.StepStatus("dismantlement", "unlocked", "Taken.", 2, new Decision.Next("mend", 1));
    String a = Json.MAPPER.writeValueAsString(once);
    String b = Json.MAPPER.writeValueAsString(twice);
    String c = Json.MAPPER.writeValueAsString(mend);
    assertNotEquals(a, b);
    assertNotEquals(b, c);
    assertEquals(PLAIN.writeValueAsString(once), a);
    assertEquals(PLAIN.writeValueAsString(twice), b);
    assertEquals(PLAIN.writeValueAsString(mend), c);
  }

  /** A mapper that writes verdicts from {@code cached}, and nothing else from a cache. */
  private static ObjectMapper writingFrom(CachedJson<Decision.RecordVerdict> cached) {
    return new ObjectMapper().registerModule(
        new com.fasterxml.jackson.databind.module.SimpleModule().addSerializer(Decision.RecordVerdict.class, cached));
  }

  @Test
  void theCacheIsEmptiedWhenItGrowsPastItsBound() throws Exception {
    CachedJson<Decision.RecordVerdict> cached = new CachedJson<>(Decision.RecordVerdict.class, new ObjectMapper());
    ObjectMapper mapper = writingFrom(cached);
    int largest = 0;
    for (int i = 0; i < CachedJson.MAX_ENTRIES * 2 + 5; i++) {
      Decision.RecordVerdict verdict = new Decision.RecordVerdict(i, "dismantlement", "counts", "It counts.", List.of(), null);
      assertEquals(PLAIN.writeValueAsString(verdict), mapper.writeValueAsString(verdict));
      largest = Math.max(largest, cached.size());
    }
    assertEquals(CachedJson.MAX_ENTRIES, largest);
    assertTrue(cached.size() < CachedJson.MAX_ENTRIES, "emptied at its bound, then filled again: " + cached.size());
  }

  @Test
  void theCacheHoldsNoMoreTextThanItsBoundAndNoLongValueAtAll() throws Exception {
    CachedJson<Decision.RecordVerdict> cached = new CachedJson<>(Decision.RecordVerdict.class, new ObjectMapper());
    ObjectMapper mapper = writingFrom(cached);
    String words = "It does not count: the facility " + "y".repeat(300) + " was already dismantled.";
    long most = 0;
    for (int i = 0; i < 5_000; i++) {
      Decision.RecordVerdict verdict = new Decision.RecordVerdict(i, "dismantlement", "not-counted", words, List.of(), null);
      assertEquals(PLAIN.writeValueAsString(verdict), mapper.writeValueAsString(verdict));
      most = Math.max(most, cached.chars());
    }
    assertTrue(most <= CachedJson.MAX_CHARS && most > CachedJson.MAX_CHARS / 2, "held at most " + most + " characters");
    Decision.RecordVerdict tooLong = new Decision.RecordVerdict(0, "dismantlement", "not-counted",
        "It does not count: " + "z".repeat(CachedJson.MAX_VALUE_CHARS), List.of(), null);
    int before = cached.size();
    assertEquals(PLAIN.writeValueAsString(tooLong), mapper.writeValueAsString(tooLong));
    assertEquals(before, cached.size(), "a value longer than " + CachedJson.MAX_VALUE_CHARS + " characters is not kept");
  }
}
