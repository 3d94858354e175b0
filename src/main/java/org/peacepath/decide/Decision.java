package org.peacepath.decide;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.peacepath.catalog.Party;

/**
 * The answer to a negotiation record. Every list is in catalog order (the request's order for
 * {@code notCounted} and {@code irregular}), so the same record gives the same answer apart from
 * {@code decisionId}.
 *
 * @param decisionId a fresh id for this answer, for the decision log and for support
 * @param ruleset the rule set and revision that decided
 * @param completed the ids of the steps that count, once per counted record
 * @param unlocked the steps no firm rule blocks, each with the cautions of advice on it
 * @param blocked the steps a firm rule blocks, each with every reason and caution
 * @param notCounted the records that do not count, and why
 * @param advisories words of caution beside the decision, tied to no step
 * @param packages the steps that can only be taken together; {@code null} unless asked for
 * @param irregular the records taken while a firm rule blocked them; {@code null} unless every record has a date
 * @param steps every catalog step's one status and why, in catalog order: what every client shows, so that
 *     none derives it; {@code null} in the bare decision a replay or a comparison of revisions works with
 * @param records every record's verdict and place in date order, in the request's order; {@code null} as
 *     {@code steps}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(
    String decisionId,
    RuleSetRef ruleset,
    List<String> completed,
    List<Unlocked> unlocked,
    List<BlockedStep> blocked,
    List<NotCounted> notCounted,
    List<AdvisoryNote> advisories,
    List<Package> packages,
    List<Irregular> irregular,
    List<StepStatus> steps,
    List<RecordVerdict> records,
    NextMove nextMove) {

  /** The rule set and revision that decided. */
  public record RuleSetRef(String name, String revision) {
    /** The name and revision of the rule set. */
    public static RuleSetRef of(org.peacepath.rules.RuleSet ruleSet) {
      return new RuleSetRef(ruleSet.name(), ruleSet.revision());
    }
  }

  /** A step that may be taken next: who must take part, at least one of whom, who may also sign; and any advice against it. */
  public record Unlocked(String id, String title, List<Party> parties,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Party> atLeastOneOf,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Party> mayAlsoSign,
      List<Caution> cautions) {}

  /** A step a firm rule blocks, with every reason and every caution. */
  public record BlockedStep(String id, String title, List<Reason> reasons, List<Caution> cautions) {}

  /**
   * Why a firm rule blocks a step.
   *
   * @param ruleId the rule's short, stable id
   * @param rule the rule's name, a sentence
   * @param basis how the source supports it: stated, hedged or inferred
   * @param brief the design brief's words, on the rules that are firm because the design brief says so
   *     ({@code @brief}); absent on the others
   * @param reason the rule's reason, a sentence to read aloud
   * @param requires the step ids still to be taken
   */
  public record Reason(String ruleId, String rule, String basis,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
      String brief,
      String reason, List<String> requires) {}

  /**
   * A piece of advice against taking a step yet. It does not block.
   *
   * @param ruleId the rule's short, stable id
   * @param rule the rule's name
   * @param basis how the source supports it: stated, hedged or inferred
   * @param reason the advice, a sentence to read aloud
   * @param recommends the step ids advised first, those still missing; may be empty
   */
  public record Caution(String ruleId, String rule, String basis, String reason, List<String> recommends) {}

  /**
   * A record that does not count.
   *
   * @param id the step's id
   * @param index its place in the request's {@code completed} list, from 0
   * @param reason why, in words
   */
  public record NotCounted(String id, int index, String reason) {}

  /** A word of caution tied to no step, with the rule that says it. */
  public record AdvisoryNote(String ruleId, String rule, String basis, String text) {}

  /**
   * Steps that can only be taken together: each is blocked, and each is freed by the others.
   *
   * @param steps the step ids, in catalog order
   * @param ruleIds the rules that tie them: those holding a member back that the others lift
   */
  public record Package(List<String> steps, List<String> ruleIds) {}

  /**
   * A dated record taken while a firm rule blocked its step, in the replay of the record in date order.
   *
   * @param index its place in the request's {@code completed} list
   * @param id the step's id
   * @param date its date as recorded
   * @param ruleIds the firm rules that blocked it
   */
  public record Irregular(int index, String id, RecordDate date, List<String> ruleIds) {}

  /**
   * The move to make next when no goal is chosen: the open step that the most advice recommends (the
   * first in catalog order among equals), or else the first step open. Absent when no step is open.
   *
   * @param steps the step
   * @param why why it comes first, in words to read after its title
   */
  public record NextMove(List<String> steps, String why) {}

  /**
   * One catalog step's status, the one every client shows: {@code completed} when it counts and is not
   * repeatable, {@code unlocked} when no firm rule blocks it (a repeatable step that counts is unlocked
   * while it may be taken again), {@code blocked} otherwise.
   *
   * @param id the step's id
   * @param status completed, unlocked or blocked
   * @param why the status in a sentence to read aloud
   * @param counted for a repeatable step that counts, how many times; absent otherwise
   * @param next what a client offers to do with the step next
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StepStatus(String id, String status, String why, Integer counted, Next next) {}

  /**
   * What to do with a step next, whatever its status: {@code take} it (it has no record, or it may be taken
   * any number of times); {@code take-again} (it may be in force only once, and every record of it is
   * suspended or revoked); or {@code mend} the record of it already in force, rather than take it twice
   * (the one it would clash with, which may not count, a party left out).
   *
   * @param action take, take-again or mend
   * @param record for mend, the record to mend: its place in the request's {@code completed} list, from 0
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Next(String action, Integer record) {
    /** Take the step: it has no record, or it may be taken any number of times. */
    public static final String TAKE = "take";
    /** Take it again: it may be in force once, and no record of it is. */
    public static final String TAKE_AGAIN = "take-again";
    /** Mend the record of it in force rather than take it twice. */
    public static final String MEND = "mend";
    /** The words of {@link #action()}. */
    public static final List<String> ACTIONS = List.of(TAKE, TAKE_AGAIN, MEND);
  }

  /**
   * One record's verdict: whether it counts, and where it stands in date order.
   *
   * @param index its place in the request's {@code completed} list, from 0
   * @param id the step's id
   * @param verdict {@code counts}, {@code not-counted} or {@code out-of-order} (it counts, but was taken while
   *     a firm rule blocked it)
   * @param why the verdict in a sentence to read aloud
   * @param ruleIds the firm rules that held it back when it was taken, in the replay of the record in date
   *     order; empty when none did (or when not every record has a date)
   * @param order its place in date order, from 0; absent unless every record has a date
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RecordVerdict(int index, String id, String verdict, String why, List<String> ruleIds, Integer order) {}

  /**
   * Something that holds a step back from being taken on its own: a firm rule's block or, when advice is
   * followed, a caution that recommends steps.
   *
   * @param step the step held back
   * @param rule the name of the rule
   * @param needs the steps it still requires, or recommends
   * @param firm whether it is a firm rule's block
   */
  public record Hold(String step, String rule, List<String> needs, boolean firm) {}

  /** Everything that holds a step back under {@code advice}, blocks first, in catalog order of the steps. */
  @JsonIgnore
  public List<Hold> holds(Advice advice) {
    List<Hold> holds = new java.util.ArrayList<>();
    for (BlockedStep step : blocked) {
      step.reasons().forEach(r -> holds.add(new Hold(step.id(), r.rule(), r.requires(), true)));
      if (advice == Advice.FOLLOW) {
        step.cautions().stream().filter(c -> !c.recommends().isEmpty())
            .forEach(c -> holds.add(new Hold(step.id(), c.rule(), c.recommends(), false)));
      }
    }
    if (advice == Advice.FOLLOW) {
      for (Unlocked step : unlocked) {
        step.cautions().stream().filter(c -> !c.recommends().isEmpty())
            .forEach(c -> holds.add(new Hold(step.id(), c.rule(), c.recommends(), false)));
      }
    }
    return holds;
  }

  /** The same decision with its packages. */
  public Decision withPackages(List<Package> found) {
    return new Decision(decisionId, ruleset, completed, unlocked, blocked, notCounted, advisories, found, irregular,
        steps, records, nextMove);
  }

  /** The same decision with its irregular records. */
  public Decision withIrregular(List<Irregular> found) {
    return new Decision(decisionId, ruleset, completed, unlocked, blocked, notCounted, advisories, packages, found,
        steps, records, nextMove);
  }

  /** The same decision with every step's status, every record's verdict and the next move. */
  public Decision withVerdicts(List<StepStatus> stepStatuses, List<RecordVerdict> verdicts, NextMove next) {
    return new Decision(decisionId, ruleset, completed, unlocked, blocked, notCounted, advisories, packages, irregular,
        List.copyOf(stepStatuses), List.copyOf(verdicts), next);
  }

  /** The bare decision: without its id, its steps and its records, as compared with another one. */
  public Decision bare() {
    return new Decision(null, ruleset, completed, unlocked, blocked, notCounted, advisories, packages, irregular,
        null, null, null);
  }

  /** A step that counts and is not repeatable. */
  public static final String COMPLETED = "completed";
  /** A step no firm rule blocks, repeatable ones that count included. */
  public static final String UNLOCKED = "unlocked";
  /** A step a firm rule blocks. */
  public static final String BLOCKED = "blocked";
  /** The words of a step's status. */
  public static final List<String> STATUSES = List.of(COMPLETED, UNLOCKED, BLOCKED);

  /**
   * The step's status in one word: completed, unlocked or blocked (a repeatable step is never "completed"),
   * or "unknown" for a step not in the catalog. The one place this is decided: {@link #steps} says it for
   * every step, and whatever shows a status reads it from there or from here.
   */
  public String status(String step) {
    return status(unlocked.stream().anyMatch(u -> u.id().equals(step)),
        blocked.stream().anyMatch(b -> b.id().equals(step)), completed.contains(step));
  }

  /** The rule itself: open (unlocked, else blocked) comes before counted, so a repeatable step is never completed. */
  static String status(boolean unlocked, boolean blocked, boolean counted) {
    return unlocked ? UNLOCKED : blocked ? BLOCKED : counted ? COMPLETED : "unknown";
  }

  /**
   * The steps that may be taken as a move on their own: unlocked and, when advice is followed, with no
   * caution that recommends a step first. In catalog order.
   */
  @JsonIgnore
  public List<String> available(Advice advice) {
    return unlocked.stream()
        .filter(u -> advice == Advice.IGNORE || u.cautions().stream().allMatch(c -> c.recommends().isEmpty()))
        .map(Unlocked::id)
        .toList();
  }

  /** The open steps that may not be taken on their own under {@code advice}: blocked, or cautioned when advice is followed. */
  @JsonIgnore
  public Set<String> held(Advice advice) {
    Set<String> held = new LinkedHashSet<>();
    holds(advice).forEach(hold -> held.add(hold.step()));
    return held;
  }

}
