package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.RulesCopy;

/** A symbolic link in the rules folder is followed only as far as the folder goes: what lies outside is never read. */
class RulesFolderLinksTest {
  /** What a link out of the folder might lead to: a file of the machine that must not be echoed. */
  static final String PASSWD = "root:x:0:0:root:/root:/bin/bash\n";

  @TempDir Path dir;

  Path rules;
  Path outside;

  void copy() throws Exception {
    rules = RulesCopy.of(dir.resolve("rules"));
    outside = Files.createDirectories(dir.resolve("outside"));
  }

  static void assertRefusedAt(String path, RuleSetException e) {
    Problem problem = e.problems().get(0);
    assertEquals(List.of(problem), e.problems(), "nothing else is read past it");
    assertEquals("outside_rules", problem.code());
    assertEquals(path + ":0: this is a symbolic link that leads out of the rules folder, and peacepath reads only "
        + "what is in the rules folder, so it was not read; put the file or folder itself here instead of the link",
        problem.toString());
  }

  @Test
  void a_rule_file_linked_from_outside_is_refused_at_its_path_without_being_read() throws Exception {
    copy();
    Path passwd = Files.writeString(outside.resolve("passwd"), PASSWD);
    Files.createSymbolicLink(rules.resolve("common/passwd.drl"), passwd);

    RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSets.load(rules));

    assertRefusedAt("common/passwd.drl", e);
    assertFalse(e.getMessage().contains("root"), e.getMessage());
  }

  @Test
  void a_catalog_linked_from_outside_is_refused() throws Exception {
    copy();
    Path passwd = Files.writeString(outside.resolve("passwd"), PASSWD);
    Files.delete(rules.resolve("catalog.yaml"));
    Files.createSymbolicLink(rules.resolve("catalog.yaml"), passwd);

    assertRefusedAt("catalog.yaml", assertThrows(RuleSetException.class, () -> RuleSetCompiler.compile(rules, "sigal")));
  }

  @Test
  void a_folder_linked_from_outside_is_refused_at_the_folder() throws Exception {
    copy();
    Files.move(rules.resolve("common"), outside.resolve("common"));
    Files.createSymbolicLink(rules.resolve("common"), outside.resolve("common"));
    Files.createDirectories(outside.resolve("etc"));
    Files.writeString(outside.resolve("etc/ruleset.yaml"), "title: passwd\nsimultaneous: allowed\n");
    Files.createSymbolicLink(rules.resolve("etc"), outside.resolve("etc"));

    assertRefusedAt("common", assertThrows(RuleSetException.class, () -> RuleSetCompiler.compile(rules, "sigal")));
    assertRefusedAt("etc", assertThrows(RuleSetException.class, () -> RuleSetCompiler.compile(rules, "etc")));
  }

  @Test
  void links_within_the_rules_folder_are_followed() throws Exception {
    copy();
    Files.createDirectories(rules.resolve("shared"));
    Files.move(rules.resolve("catalog.yaml"), rules.resolve("shared/catalog.yaml"));
    Files.createSymbolicLink(rules.resolve("catalog.yaml"), Path.of("shared/catalog.yaml"));

    assertEquals(List.of("sigal", "denuclearization-first", "treaty-first"), RuleSets.load(rules).names());
  }

  @Test
  void the_watcher_reads_no_link_out_of_the_folder() throws Exception {
    copy();
    Path passwd = Files.writeString(outside.resolve("passwd"), PASSWD);
    Files.createSymbolicLink(rules.resolve("common/passwd.drl"), passwd);
    String before = RulesWatcher.fingerprint(rules);

    Files.writeString(passwd, "root:x:0:0:someone else:/root:/bin/sh\n");

    assertEquals(before, RulesWatcher.fingerprint(rules), "what the link leads to is not read");
    Files.delete(rules.resolve("common/passwd.drl"));
    Files.createSymbolicLink(rules.resolve("common/passwd.drl"), outside.resolve("shadow"));
    assertTrue(!before.equals(RulesWatcher.fingerprint(rules)), "a link changed is a change");
  }
}
