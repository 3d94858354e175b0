package org.peacepath.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peacepath.catalog.Step;

/**
 * A revision's firm rules compiled for a replay in date order ({@link IncrementalSession#fireAsDecisionFor}):
 * only the rules that can block a step, each whose blocked steps can be told in an agenda group of its own,
 * with the facts each step's rules can match worked out once.
 */
public final class FirmRules {
  private FirmRules() {}

  private static final java.util.regex.Pattern INSERTS_BLOCKED =
      java.util.regex.Pattern.compile("\\bnew\\s+(" + java.util.regex.Pattern.quote(FactTypes.PACKAGE) + "\\.)?Blocked\\s*\\(");

  /**
   * The revision's firm rules (those whose consequence inserts a {@link org.peacepath.facts.Blocked}) compiled for incremental
   * sessions, once per revision: all a replay by date reads. A rule matches only facts, never another
   * rule's findings (the rule language sees to it), so leaving out the rules that only advise changes no
   * firm rule's findings. When the DRL is not plainly a list of rules, every rule is compiled.
   */
  public static IncrementalRules of(RuleSet ruleSet) throws RuleSetException {
    IncrementalRules rules = ruleSet.firm.get();
    if (rules != null) {
      return rules;
    }
    Map<String, String> all = RuleSourceText.rulesByName(ruleSet);
    if (all == null) {
      rules = IncrementalRules.compile(ruleSet);
    } else {
      StringBuilder drl = new StringBuilder();
      // Each rule whose blocked steps can be told goes in an agenda group of its own, evaluated only when a
      // replay asks about one of its steps; the others stay in the main group, evaluated at every firing.
      Map<String, String[]> groupsByStep = new HashMap<>();
      List<Map.Entry<String, BlockTarget>> targets = new ArrayList<>();
      boolean ungrouped = false;
      for (String text : all.values()) {
        if (!INSERTS_BLOCKED.matcher(text).find()) {
          continue;
        }
        BlockTarget target = BlockTarget.of(text, ruleSet.catalog());
        if (target == null) {
          ungrouped = true;
          drl.append(text).append("\n\n");
        } else {
          String group = "peacepath-blocks-" + targets.size();
          targets.add(Map.entry(group, target));
          drl.append(BlockTarget.inGroup(text, group)).append("\n\n");
        }
      }
      for (Step step : ruleSet.catalog().steps()) {
        groupsByStep.put(step.id(), BlockTarget.groupsBlocking(step.id(), targets));
      }
      // A fact that no firm rule can match (of a kind no firm rule names, or on a step or of a kind none of
      // its patterns names) changes no firm rule's matches: sessions need not hold it.
      FactKeys reads = FactKeys.of(drl.toString());
      // And a replay asking about one step fires only its rules, so only the facts they can match need be as
      // the record stands at that moment; the others may wait until a firing reads them.
      Map<String, StepReads> readsForStep = new HashMap<>();
      StringBuilder everyFiring = new StringBuilder();
      for (String text : all.values()) {
        if (INSERTS_BLOCKED.matcher(text).find() && BlockTarget.of(text, ruleSet.catalog()) == null) {
          everyFiring.append(text).append("\n\n");
        }
      }
      for (Step step : ruleSet.catalog().steps()) {
        StringBuilder fired = new StringBuilder(everyFiring);
        for (String text : all.values()) {
          BlockTarget target = INSERTS_BLOCKED.matcher(text).find() ? BlockTarget.of(text, ruleSet.catalog()) : null;
          if (target != null && target.steps().contains(step.id())) {
            fired.append(text).append("\n\n");
          }
        }
        readsForStep.put(step.id(), StepReads.of(FactKeys.of(fired.toString()), ruleSet.catalog()));
      }
      String text = "package peacepath;\nimport " + FactTypes.PACKAGE + ".*;\n\n" + drl;
      rules = new IncrementalRules(IncrementalRules.build(ruleSet.name(),
          List.of(new SourceFile(ruleSet.name() + "/firm.drl", DrlRewrite.logical(text)))),
          reads, groupsByStep, ungrouped, readsForStep, ruleSet);
    }
    // two threads may compile them at once: both then use the one kept first, and its sessions
    return ruleSet.firm.compareAndSet(null, rules) ? rules : ruleSet.firm.get();
  }

  /** {@link #of} if they have been compiled already, else {@code null}. */
  public static IncrementalRules ifCompiled(RuleSet ruleSet) {
    return ruleSet.firm.get();
  }
}
