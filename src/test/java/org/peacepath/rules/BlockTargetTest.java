package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.peacepath.Bundled;
import org.peacepath.catalog.Catalog;

/** Which steps a firm rule can block, as a replay reads it from the rule's printed text. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BlockTargetTest {
  private static final Catalog CATALOG = Bundled.ruleSets().get("sigal").orElseThrow().catalog();

  private static String rule(String first, String consequence) {
    return "rule \"r\"\n@id(\"r\")\nwhen\n" + first + "\nnot( Done( step == \"peace-declaration\" ) )\nthen\n"
        + consequence + "\nend";
  }

  @Test
  void a_rule_on_one_open_step_can_block_that_step_alone() {
    BlockTarget target = BlockTarget.of(rule("$open : Open( step == \"peace-mechanism\" )",
        "insert(new Blocked($open.step(), \"Not yet.\", \"peace-declaration\"));"), CATALOG);
    assertEquals(Set.of("peace-mechanism"), target.steps());
  }

  @Test
  void a_rule_on_a_kind_can_block_every_step_of_that_kind_in_the_catalog() {
    BlockTarget target = BlockTarget.of(rule("$open : Open( kind == \"interim-agreement\" )",
        "insert(new Blocked($open.step(), \"Not yet.\", \"dismantlement\"));"), CATALOG);
    Set<String> expected = Set.copyOf(CATALOG.steps().stream().filter(s -> s.kind().equals("interim-agreement"))
        .map(s -> s.id()).toList());
    assertFalse(expected.isEmpty());
    assertEquals(expected, target.steps());
  }

  @Test
  void a_rule_on_either_of_two_steps_can_block_both() {
    BlockTarget target = BlockTarget.of(rule("$open : Open( (step == \"missile-restraint\" || step == \"satellite-launch-services\") )",
        "insert(new Blocked($open.step(), \"Together.\", \"satellite-launch-services\"));"), CATALOG);
    assertEquals(Set.of("missile-restraint", "satellite-launch-services"), target.steps());
  }

  @Test
  void a_rule_that_blocks_a_step_other_than_its_first_patterns_has_no_target_and_is_evaluated_always() {
    assertNull(BlockTarget.of(rule("$open : Open( step == \"peace-mechanism\" )",
        "insert(new Blocked(\"peace-treaty\", \"Not yet.\", \"peace-declaration\"));"), CATALOG));
    assertNull(BlockTarget.of(rule("$open : Open( step == \"peace-mechanism\" )",
        "insert(new Caution($open.step(), \"Careful.\"));\ninsert(new Blocked($open.stepx(), \"Not yet.\"));"), CATALOG));
    assertNull(BlockTarget.of(rule("Done( step == \"peace-mechanism\" )",
        "insert(new Blocked(\"peace-treaty\", \"Not yet.\"));"), CATALOG));
    assertNull(BlockTarget.of(rule("$open : Open( step == \"peace-mechanism\" || kind == \"x\" )",
        "insert(new Blocked($open.step(), \"Not yet.\"));"), CATALOG));
  }

  @Test
  void every_firm_rule_of_the_bundled_rule_sets_says_which_steps_it_can_block() throws Exception {
    // Otherwise a replay would evaluate it at every step it asks about: right, but slower.
    for (RuleSet ruleSet : Bundled.ruleSets().all()) {
      assertFalse(FirmRules.of(ruleSet).ungrouped(), ruleSet.name());
    }
  }

  @Test
  void the_group_is_named_before_the_rules_when_and_nowhere_else() {
    String text = rule("$open : Open( step == \"peace-mechanism\" )",
        "insert(new Blocked($open.step(), \"when\nwhen it is time\", \"peace-declaration\"));");
    String grouped = BlockTarget.inGroup(text, "g");
    // ruleflow-group: Drools 10 warns that agenda-group is to be dropped, and the two work the same
    assertEquals(text.replace("@id(\"r\")\nwhen\n", "@id(\"r\")\nruleflow-group \"g\"\nwhen\n"), grouped);
  }

  @Test
  void a_replay_asking_about_one_step_fires_only_the_rules_that_can_block_it() throws Exception {
    // On the empty record most firm rules of sigal match; asked about the peace treaty, only those that can
    // block the peace treaty fire, so every finding is on the peace treaty. The rule set is loaded afresh, so
    // that its session is new: a session other replays have used holds what they found on the empty record.
    RuleSet sigal = RuleSets.loadOne(Bundled.RULES, "sigal").get("sigal").orElseThrow();
    try (IncrementalSession session = FirmRules.of(sigal).openPooled()) {
      assertEquals(true, session.fireAsDecisionFor("peace-treaty"));
      var blocks = session.side(0).fired().blocks();
      assertFalse(blocks.isEmpty(), "the peace treaty is blocked on the empty record");
      assertEquals(Set.of("peace-treaty"), blocks.stream().map(found -> found.fact().step())
          .collect(java.util.stream.Collectors.toSet()));
      assertEquals(true, session.fireAsDecisionFor("peace-mechanism"));
      assertEquals(Set.of("peace-treaty", "peace-mechanism"), session.side(0).fired().blocks().stream()
          .map(found -> found.fact().step()).collect(java.util.stream.Collectors.toSet()));
    }
  }

  @Test
  void a_replay_session_fired_again_and_again_is_held_to_the_limits_of_each_firing_not_of_all_together()
      throws Exception {
    // A replay's session keeps one listener for the limits of a decision and starts it afresh at each
    // firing: taking the peace declaration and taking it back again unblocks and blocks denuclearization, a
    // firing each way, so that all the firings together pass the limit a decision has many times over.
    RuleSet sigal = RuleSets.loadOne(Bundled.RULES, "sigal").get("sigal").orElseThrow();
    try (IncrementalSession session = FirmRules.of(sigal).openPooled()) {
      for (int i = 0; i < RuleSet.MAX_FIRINGS * 2; i++) {
        session.add("peace-declaration");
        assertEquals(true, session.fireAsDecisionFor("denuclearization"), "firing " + i + ", the declaration taken");
        assertTrue(session.side(0).fired(Set.of("denuclearization")).blocks().isEmpty());
        session.remove("peace-declaration");
        assertEquals(true, session.fireAsDecisionFor("denuclearization"), "firing " + i + ", the declaration taken back");
        assertFalse(session.side(0).fired(Set.of("denuclearization")).blocks().isEmpty());
      }
    }
  }
}
