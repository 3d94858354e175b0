package org.peacepath.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.peacepath.catalog.Spelling;
import org.peacepath.decide.Advice;
import org.peacepath.decide.CompareRequest;
import org.peacepath.decide.EvaluateRequest;
import org.peacepath.decide.InputProblem;
import org.peacepath.decide.InvalidInputException;
import org.peacepath.decide.RecordCheck;
import org.peacepath.decide.RecordedStep;
import org.peacepath.decide.RuleSetNames;
import org.peacepath.plan.PlanRequest;
import org.peacepath.rules.RuleSet;

/**
 * Reads the bodies of {@code POST /v1/evaluate}, {@code /v1/compare} and {@code /v1/plan} (and the files
 * the command line takes) into typed requests, every mistake at once, each with its field. The rule
 * set name a body gives (or its absence) is resolved by decide/ ({@link RuleSetNames}) first, since its
 * catalog is what the records are read against; this class knows neither which rule sets are served nor
 * which is the default, nor any command line option.
 */
public final class Requests {
  private static final RecordReader EVALUATE = new RecordReader("ruleset", "packages");
  private static final RecordReader COMPARE = new RecordReader("rulesets");
  private static final RecordReader PLAN = new RecordReader("ruleset", "goal", "advice");
  private static final RecordReader BRIEFING = new RecordReader("ruleset", "goal", "advice");
  /** A file given to {@code peacepath plan}: an evaluate or a plan body; the command's options win. */
  private static final RecordReader PLAN_FILE = new RecordReader("ruleset", "packages", "goal", "advice");

  private final RuleSetNames names;

  public Requests(RuleSetNames names) {
    this.names = names;
  }

  /** {@code {ruleset?, completed, packages?}}. */
  public EvaluateRequest evaluate(JsonNode body) {
    return evaluate(body, names.resolve(EVALUATE.ruleset(body, null)));
  }

  /**
   * {@code {ruleset?, completed, packages?}} read under {@code ruleSet}, whichever rule set the body names:
   * {@code diff} answers a logged request under two revisions of the rule set it named.
   */
  public static EvaluateRequest evaluate(JsonNode body, RuleSet ruleSet) {
    List<InputProblem> problems = new ArrayList<>();
    List<RecordedStep> completed = read(EVALUATE, body, ruleSet, problems);
    boolean packages = false;
    JsonNode asked = body.get("packages");
    if (asked != null && !asked.isNull()) {
      if (asked.isBoolean()) {
        packages = asked.asBoolean();
      } else {
        problems.add(new InputProblem("packages", "wrong_type",
            "must be true (list the steps that can only be taken together) or false"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new EvaluateRequest(ruleSet, completed, packages);
  }

  /** {@code {rulesets?, completed}}: every rule set served when {@code rulesets} is left out. */
  public CompareRequest compare(JsonNode body) {
    List<RuleSet> chosen = chosenRuleSets(body);
    // Each rule set reads the record against its own catalog: while an edited catalog is refused for one
    // rule set and served by another, a step only one of them knows is a bad request, not a failure.
    var written = COMPARE.read(body);
    List<List<RecordedStep>> records = chosen.stream().map(r -> RecordCheck.against(written, r.catalog())).toList();
    return new CompareRequest(chosen, records);
  }

  /** {@code {ruleset?, completed, goal?, advice?}}: the record to brief on, its packages listed, and the goal if any. */
  public org.peacepath.brief.BriefingRequest briefing(JsonNode body) {
    RuleSet ruleSet = names.resolve(BRIEFING.ruleset(body, null));
    List<InputProblem> problems = new ArrayList<>();
    Advice advice = collecting(problems, Advice.FOLLOW, () -> advice(body));
    boolean planned = body.get("goal") != null && !body.get("goal").isNull();
    String goal = planned ? collecting(problems, null, () -> goal(body, ruleSet)) : null;
    List<RecordedStep> completed = read(BRIEFING, body, ruleSet, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new org.peacepath.brief.BriefingRequest(new EvaluateRequest(ruleSet, completed, true),
        planned ? new PlanRequest(ruleSet, completed, goal, advice) : null);
  }

  /** {@code {ruleset?, completed, goal, advice?}}. */
  public PlanRequest plan(JsonNode body) {
    RuleSet ruleSet = names.resolve(PLAN.ruleset(body, null));
    List<InputProblem> problems = new ArrayList<>();
    Advice advice = collecting(problems, Advice.FOLLOW, () -> advice(body));
    String goal = collecting(problems, null, () -> goal(body, ruleSet));
    List<RecordedStep> completed = read(PLAN, body, ruleSet, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new PlanRequest(ruleSet, completed, goal, advice);
  }

  /**
   * The file the command line's {@code plan} reads: a {@code POST /v1/evaluate} or {@code /v1/plan} body,
   * under {@code ruleSet} (resolved by the caller, from its option or from {@link #rulesetName}); its goal
   * and advice, when the body has them, are the caller's to take or override.
   */
  public static List<RecordedStep> planFile(JsonNode body, RuleSet ruleSet) {
    List<InputProblem> problems = new ArrayList<>();
    List<RecordedStep> completed = read(PLAN_FILE, body, ruleSet, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return completed;
  }

  /** The rule set the body names, or {@code null} when it names none. */
  public static String rulesetName(JsonNode body) {
    return PLAN_FILE.ruleset(body, null);
  }

  /** The body's advice mode: follow when it gives none. */
  public static Advice adviceOf(JsonNode body) {
    return advice(body);
  }

  private static List<RecordedStep> read(RecordReader reader, JsonNode body, RuleSet ruleSet, List<InputProblem> problems) {
    return collecting(problems, List.of(), () -> RecordCheck.against(reader.read(body), ruleSet.catalog()));
  }

  /**
   * What {@code read} reads, or {@code otherwise} with its problems added to {@code problems}: every
   * part of a request is read, so that one answer lists all that is wrong with it.
   */
  private static <T> T collecting(List<InputProblem> problems, T otherwise, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidInputException e) {
      problems.addAll(e.all());
      return otherwise;
    }
  }

  private List<RuleSet> chosenRuleSets(JsonNode body) {
    JsonNode names = RecordReader.object(body).get("rulesets");
    if (names == null || names.isNull()) {
      return this.names.all();
    }
    if (!names.isArray() || names.isEmpty()) {
      throw new InvalidInputException(new InputProblem("rulesets", "wrong_type",
          "must be a list of rule set names, such as [\"sigal\", \"treaty-first\"], or left out for every rule set"));
    }
    List<RuleSet> chosen = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      JsonNode name = names.get(i);
      if (!name.isTextual()) {
        throw new InvalidInputException(new InputProblem("rulesets[" + i + "]", "wrong_type",
            "must be the name of a rule set, one of " + String.join(", ", this.names.names())));
      }
      RuleSet ruleSet = this.names.resolve(name.asText());
      if (!chosen.contains(ruleSet)) {
        chosen.add(ruleSet);
      }
    }
    return chosen;
  }

  private static Advice advice(JsonNode body) {
    JsonNode advice = body.get("advice");
    if (advice == null || advice.isNull()) {
      return Advice.FOLLOW;
    }
    var mode = advice.isTextual() ? Advice.of(advice.asText()) : java.util.Optional.<Advice>empty();
    if (mode.isEmpty()) {
      String word = advice.isTextual() ? advice.asText() : advice.toString();
      String near = Spelling.suggest(word.toLowerCase(java.util.Locale.ROOT),
          List.of("follow", "ignore")).orElse(null);
      throw new InvalidInputException(new InputProblem("advice", "unknown_advice", "\"" + word
          + "\" is not an advice mode; say \"follow\" (honour advice as if it were firm, the default) or \"ignore\" (firm rules only)"
          + Spelling.didYouMean(near), near));
    }
    return mode.get();
  }

  private static String goal(JsonNode body, RuleSet ruleSet) {
    JsonNode goal = body.get("goal");
    if (goal == null || goal.isNull()) {
      throw new InvalidInputException(new InputProblem("goal", "missing_field",
          "is required: name the step to plan for, such as \"peace-treaty\""));
    }
    if (!goal.isTextual()) {
      throw new InvalidInputException(new InputProblem("goal", "wrong_type",
          "must be a step id as a string, such as \"peace-treaty\""));
    }
    return RecordCheck.goal(goal.asText(), "goal", ruleSet.catalog());
  }
}
