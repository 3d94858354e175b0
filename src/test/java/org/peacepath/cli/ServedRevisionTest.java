package org.peacepath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.RulesCopy;
import org.peacepath.http.Api;
import org.peacepath.rules.ReloadOutcome;
import org.peacepath.rules.RuleSets;

/**
 * A revision the server has served, kept with its files after a reload replaces it: its files through
 * {@code GET /v1/rulesets/{name}/revisions/{revision}}, and {@code diff} comparing the folder with it.
 */
class ServedRevisionTest {
  @TempDir Path dir;

  @Test
  void an_edit_live_on_the_server_is_compared_with_the_revision_it_replaced() throws Exception {
    RulesCopy.of(dir);
    RuleSets ruleSets = RuleSets.load(dir);
    String first = ruleSets.get("treaty-first").orElseThrow().revision();
    try (Api api = new Api(ruleSets)) {
      Path table = dir.resolve("treaty-first/treaty-first.rules.csv");
      Files.writeString(table, Files.readString(table).replace("Denuclearization comes only after the peace treaty",
          "Denuclearization follows the peace treaty"));
      ReloadOutcome reload = ruleSets.reload().get("treaty-first");
      assertEquals(ReloadOutcome.Result.LOADED, reload.result());
      String second = reload.revision();

      // The revision it replaced is still kept, with its files, by its id or the first characters of it.
      JsonNode files = api.get("/v1/rulesets/treaty-first/revisions/" + first.substring(0, 6)).json();
      assertEquals(first, files.get("revision").asText());
      assertTrue(files.get("files").findValuesAsText("path").contains("treaty-first/treaty-first.rules.csv"),
          files.toString());
      assertTrue(files.get("files").findValuesAsText("path").contains("catalog.yaml"));
      assertTrue(files.toString().contains("Denuclearization comes only after the peace treaty"));

      String server = "http://127.0.0.1:" + api.uri("/").getPort();
      CommandLineTest.Run changed = CommandLineTest.run("diff", "--server", server, "--ruleset", "treaty-first",
          "--bound", "1", first, dir.toString());
      assertEquals(1, changed.code(), changed.err() + changed.out());
      assertTrue(changed.out().startsWith("diff " + first + " → " + dir), changed.out());
      assertTrue(changed.out().contains("treaty-first: revision " + first + " → " + second), changed.out());
      assertTrue(changed.out().contains("denuclearization-after-treaty — Denuclearization follows the peace treaty"),
          changed.out());

      CommandLineTest.Run same = CommandLineTest.run("diff", "--bound", "1",
          api.uri("/v1/rulesets/treaty-first/revisions/" + second).toString(), dir.toString());
      assertEquals(0, same.code(), same.err() + same.out());
      assertTrue(same.out().contains("No record decides differently."), same.out());
    }
  }

  @Test
  void a_revision_the_server_never_served_is_404_and_diff_says_so_in_a_sentence() throws Exception {
    RulesCopy.of(dir);
    try (Api api = new Api(RuleSets.load(dir))) {
      Api.Reply reply = api.get("/v1/rulesets/sigal/revisions/000000000000");
      assertEquals(404, reply.status());
      assertEquals("unknown_revision", reply.json().get("code").asText());
      assertTrue(reply.json().get("error").asText().contains("it keeps " + api.get("/health").json()
          .at("/rulesets/0/revision").asText()), reply.text());
      assertEquals(404, api.get("/v1/rulesets/sigl/revisions/000000000000").status());

      String server = "http://127.0.0.1:" + api.uri("/").getPort();
      CommandLineTest.Run run = CommandLineTest.run("diff", "--server", server, "000000000000", dir.toString());
      assertEquals(2, run.code());
      assertTrue(run.err().contains("answered 404: rule set sigal has served no revision 000000000000"), run.err());
      CommandLineTest.Run nowhere = CommandLineTest.run("diff", "--server", server, "not-a-folder", dir.toString());
      assertEquals(2, nowhere.code());
      assertTrue(nowhere.err().contains("\"not-a-folder\" is neither a rules folder nor a revision's id"), nowhere.err());
    }
  }
}
