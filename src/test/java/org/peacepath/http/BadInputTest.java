package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad request gets its status, a stable code and the field to change; never a stack trace. */
class BadInputTest {
  @org.junit.jupiter.api.extension.RegisterExtension
  static final ServerExtension SERVER = ServerExtension.bundled();

  static Api api;

  @BeforeAll
  static void start() {
    api = SERVER.api();
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of("malformed JSON", "{\"completed\": [", 400, "invalid_json", "(body)",
            "the body is not valid JSON at line 1"),
        Arguments.of("an empty body", "", 400, "invalid_json", "(body)", "the body is empty"),
        Arguments.of("a body that is not an object", "[1, 2]", 400, "wrong_type", "(body)", "must be a JSON object"),
        Arguments.of("no completed field", "{\"ruleset\": \"sigal\"}", 400, "missing_field", "completed",
            "is required"),
        Arguments.of("completed that is not a list", "{\"completed\": \"peace-declaration\"}", 400, "wrong_type",
            "completed", "must be a list of steps"),
        Arguments.of("a recorded step that is not an object", "{\"completed\": [\"peace-declaration\"]}", 400,
            "wrong_type", "completed[0]", "must be an object"),
        Arguments.of("a step id that is not a string", "{\"completed\": [{\"step\": 7}]}", 400, "wrong_type",
            "completed[0].step", "must be a step id"),
        Arguments.of("a recorded step with no step", "{\"completed\": [{\"note\": \"x\"}]}", 400, "missing_field",
            "completed[0].step", "is required"),
        Arguments.of("parties that are not a list", "{\"completed\": [{\"step\": \"peace-declaration\", "
            + "\"parties\": \"US\"}]}", 400, "wrong_type", "completed[0].parties", "must be a list of party codes"),
        Arguments.of("a note that is not text", "{\"completed\": [{\"step\": \"dismantlement\", \"note\": 5}]}", 400,
            "wrong_type", "completed[0].note", "must be text"),
        Arguments.of("a ruleset that is not a string", "{\"ruleset\": 3, \"completed\": []}", 400, "wrong_type",
            "ruleset", "must be the name of a rule set"),
        Arguments.of("an unknown field", "{\"completd\": []}", 400, "unknown_field", "completd",
            "did you mean \"completed\"?"),
        Arguments.of("an unknown party", "{\"completed\": [{\"step\": \"peace-declaration\", "
            + "\"parties\": [\"US\", \"NK\"]}]}", 400, "unknown_party", "completed[0].parties[1]",
            "\"NK\" is not a party; use one of US, DPRK, ROK, PRC, JAPAN, RUSSIA"),
        Arguments.of("a party listed twice", "{\"completed\": [{\"step\": \"peace-declaration\", "
            + "\"parties\": [\"US\", \"US\"]}]}", 400, "duplicate_party", "completed[0].parties[1]",
            "US is listed twice"),
        Arguments.of("a non-repeatable step recorded twice", "{\"completed\": [{\"step\": \"peace-declaration\"}, "
            + "{\"step\": \"dismantlement\"}, {\"step\": \"peace-declaration\"}]}", 400, "repeated_step",
            "completed[2].step", "peace-declaration is already recorded in force at completed[0]"),
        Arguments.of("a facility on a step that is not a dismantlement", "{\"completed\": [{\"step\": \"peace-declaration\", "
            + "\"facility\": \"Yongbyon\"}]}", 400, "facility_not_allowed", "completed[0].facility",
            "only a dismantlement names a facility"),
        Arguments.of("an unknown status", "{\"completed\": [{\"step\": \"peace-mechanism\", \"status\": \"suspend\"}]}",
            400, "unknown_status", "completed[0].status", "use one of in-force, suspended, revoked"),
        Arguments.of("a malformed date", "{\"completed\": [{\"step\": \"peace-declaration\", \"date\": \"2027/5/14\"}]}",
            400, "invalid_date", "completed[0].date", "YYYY, YYYY-MM or YYYY-MM-DD"),
        Arguments.of("a date that does not exist", "{\"completed\": [{\"step\": \"peace-declaration\", \"date\": \"2027-02-30\"}]}",
            400, "invalid_date", "completed[0].date", "is not a date"),
        Arguments.of("packages that is not true or false", "{\"completed\": [], \"packages\": \"yes\"}", 400,
            "wrong_type", "packages", "must be true"));
  }

  @ParameterizedTest(name = "{0} suggests {2}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "{\"completed\": [{\"step\": \"peace-mechanism\", \"status\": \"Suspended\"}]} | suspended",
      "{\"completed\": [{\"step\": \"peace-mechanism\", \"status\": \"in force\"}]} | in-force",
      "{\"completed\": [{\"step\": \"peace-declaration\", \"date\": \"2027/5/14\"}]} | 2027-05-14",
      "{\"completed\": [{\"step\": \"peace-declaration\", \"date\": \"14.05.2027\"}]} | 2027-05-14",
      "{\"completed\": [{\"step\": \"peace-declaration\", \"facility\": \"x\"}]} | note"})
  void a_bad_field_of_a_record_comes_with_the_value_most_likely_meant(String body, String suggestion) {
    Api.Reply reply = api.post("/v1/evaluate", body);

    assertEquals(400, reply.status(), reply.text());
    assertEquals(suggestion, reply.json().at("/details/0/suggestion").asText(), reply.text());
  }

  @ParameterizedTest(name = "{0} is refused with the source's own sentence")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"UN", "UNC", "unc"})
  void the_united_nations_is_no_party_and_the_source_says_why(String code) {
    Api.Reply reply = api.post("/v1/plan", "{\"completed\": [{\"step\": \"peace-declaration\", "
        + "\"parties\": [\"US\", \"DPRK\", \"ROK\", \"" + code + "\"]}], \"goal\": \"peace-treaty\"}");

    assertEquals(400, reply.status(), reply.text());
    assertEquals("completed[0].parties[3]", reply.json().at("/details/0/field").asText());
    assertEquals("unknown_party", reply.json().at("/details/0/code").asText());
    assertEquals("The United Nations was neither a party to the war nor a party to the armistice",
        reply.json().at("/details/0/suggestion").asText());
  }

  @Test
  void a_non_repeatable_step_may_be_recorded_again_when_at_most_one_record_is_in_force() {
    Api.Reply reply = api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\", \"status\": \"revoked\"},"
        + " {\"step\": \"peace-declaration\"}]}");

    assertEquals(200, reply.status(), reply.text());
    assertEquals("[\"peace-declaration\"]", reply.json().get("completed").toString());
    assertEquals("revoked", reply.json().at("/notCounted/0/reason").asText());
  }

  @ParameterizedTest(name = "{0} gets {2} {3}")
  @MethodSource("badRequests")
  void a_bad_request_gets_a_clear_error_naming_the_field(String label, String body, int status, String code,
      String field, String message) {
    Api.Reply reply = api.post("/v1/evaluate", body);

    assertEquals(status, reply.status(), reply.text());
    JsonNode detail = reply.json().at("/details/0");
    assertEquals(code, detail.get("code").asText(), reply.text());
    assertEquals(field, detail.get("field").asText(), reply.text());
    assertTrue(detail.get("message").asText().contains(message), reply.text());
    assertFalse(reply.json().get("error").asText().isBlank());
    assertNoStackTrace(reply);
  }

  @Test
  void a_state_of_more_than_a_thousand_steps_is_refused() {
    String steps = String.join(",", java.util.Collections.nCopies(1001, "{\"step\": \"dismantlement\"}"));
    Api.Reply reply = api.post("/v1/evaluate", "{\"completed\": [" + steps + "]}");

    assertEquals(400, reply.status());
    assertEquals("too_many_steps", reply.json().at("/details/0/code").asText());
    assertEquals("completed", reply.json().at("/details/0/field").asText());
    String thousand = String.join(",", java.util.Collections.nCopies(1000, "{\"step\": \"dismantlement\"}"));
    assertEquals(200, api.post("/v1/evaluate", "{\"completed\": [" + thousand + "]}").status());
  }

  @Test
  void an_unknown_step_id_names_the_nearest_known_one() {
    Api.Reply reply = api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaraton\"}]}");

    assertEquals(400, reply.status());
    JsonNode detail = reply.json().at("/details/0");
    assertEquals("unknown_step", detail.get("code").asText());
    assertEquals("completed[0].step", detail.get("field").asText());
    assertEquals("peace-declaration", detail.get("suggestion").asText());
    assertEquals("completed[0].step: \"peace-declaraton\" is not a step in the catalog; did you mean "
        + "\"peace-declaration\"?", reply.json().get("error").asText());
  }

  @Test
  void every_problem_in_a_request_is_reported_at_once() {
    Api.Reply reply = api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-treat\"}, "
        + "{\"step\": \"dismantlement\", \"parties\": [\"USA\"]}]}");

    assertEquals(400, reply.status());
    assertEquals(2, reply.json().get("details").size(), reply.text());
    assertEquals("peace-treaty", reply.json().at("/details/0/suggestion").asText());
    assertEquals("US", reply.json().at("/details/1/suggestion").asText());
  }

  @Test
  void an_unknown_rule_set_gets_404_naming_the_rule_sets_there_are_and_the_one_meant() {
    Api.Reply reply = api.post("/v1/evaluate", "{\"ruleset\": \"sigl\", \"completed\": []}");

    assertEquals(404, reply.status());
    assertEquals("unknown_ruleset", reply.json().get("code").asText());
    assertTrue(reply.json().get("error").asText().startsWith("there is no rule set \"sigl\"; the rule sets are "), reply.text());
    assertTrue(reply.json().get("error").asText().endsWith("; did you mean \"sigal\"?"), reply.text());
    assertEquals("ruleset", reply.json().at("/details/0/field").asText());
    assertEquals("sigal", reply.json().at("/details/0/suggestion").asText());
    assertNoStackTrace(reply);
  }

  @Test
  void a_body_over_one_megabyte_gets_413() {
    byte[] big = new byte[1_000_001];
    java.util.Arrays.fill(big, (byte) ' ');
    Api.Reply reply = api.post("/v1/evaluate", big);

    assertEquals(413, reply.status());
    assertEquals("body_too_large", reply.json().get("code").asText());
    assertNoStackTrace(reply);
  }

  @Test
  void a_body_of_exactly_one_megabyte_is_read() {
    String state = "{\"completed\": []}";
    StringBuilder body = new StringBuilder(state);
    while (body.length() < 1_000_000) {
      body.append(' ');
    }
    assertEquals(200, api.post("/v1/evaluate", body.toString()).status());
  }

  static Stream<Arguments> notUtf8() {
    return Stream.of(
        Arguments.of("an overlong NUL", new byte[] {(byte) 0xc0, (byte) 0x80}, "C0 80 is an overlong form"),
        Arguments.of("an overlong slash", new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, "E0 80 AF is an overlong form"),
        Arguments.of("a surrogate", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0xbd}, "ED A0 BD is a surrogate"),
        Arguments.of("a code point past U+10FFFF", new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            "F4 90 80 80 is a code point past U+10FFFF"),
        Arguments.of("a character cut short", new byte[] {(byte) 0xe2, (byte) 0x82}, "E2 82 is a character cut short"));
  }

  @ParameterizedTest(name = "{0} in a note is refused at its byte")
  @MethodSource("notUtf8")
  void a_body_that_is_not_strict_utf8_is_refused_naming_the_byte(String label, byte[] bad, String words) {
    byte[] start = "{\"completed\": [{\"step\": \"peace-declaration\", \"note\": \"\u00e9 ".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] end = "\"}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] body = new byte[start.length + bad.length + end.length];
    System.arraycopy(start, 0, body, 0, start.length);
    System.arraycopy(bad, 0, body, start.length, bad.length);
    System.arraycopy(end, 0, body, start.length + bad.length, end.length);

    Api.Reply reply = api.post("/v1/evaluate", body);

    assertEquals(400, reply.status(), reply.text());
    assertEquals("invalid_json", reply.json().get("code").asText());
    JsonNode problem = reply.json().get("details").get(0);
    assertEquals("(body)", problem.get("field").asText());
    assertEquals("invalid_json", problem.get("code").asText());
    assertTrue(problem.get("message").asText().startsWith("the body is not UTF-8 at byte " + start.length + " "),
        problem.get("message").asText());
    assertTrue(problem.get("message").asText().contains(words), problem.get("message").asText());
    assertTrue(problem.get("message").asText().contains("send the body in UTF-8"), problem.get("message").asText());
    assertNoStackTrace(reply);
  }

  static void assertNoStackTrace(Api.Reply reply) {
    assertFalse(reply.text().contains("Exception"), reply.text());
    assertFalse(reply.text().matches("(?s).*\\bat [a-z]+\\.[a-z]+.*"), reply.text());
  }
}
