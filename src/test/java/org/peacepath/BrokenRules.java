package org.peacepath;

/** Rule files with the mistakes a policy editor can make, for tests that check they are caught. */
public final class BrokenRules {
  private BrokenRules() {}

  /**
   * A rule that fires past any sound number of times on a long record: it keeps to the rule language (one
   * fact matched freely, the other picked out by its key), but says something for every dismantlement
   * recorded and each of sixteen open steps, so {@link #LONG_RECORD} makes it fire over 11,000 times.
   */
  public static final String RUNAWAY = """
      package peacepath;
      import org.peacepath.facts.*;

      rule "Normalization is checked again and again"
          @id("normalization-again") @basis("inferred") @source("normalization of diplomatic, social, and economic relations")
      when
          Recorded( step == "dismantlement" )
          Open( step in ( "peace-declaration", "peace-mechanism", "interim-peace-agreement", "dismantlement",
                          "joint-fishing-area", "naval-rules-of-the-road", "navy-hotline", "open-skies",
                          "missile-restraint", "satellite-launch-services", "joint-watch-center", "four-party-talks",
                          "normalization", "border-rectification", "artillery-redeployment", "force-posture-changes" ) )
      then
          insert( new Advisory( "Normalization is checked again." ) );
      end
      """;

  /** How many dismantlements {@link #LONG_RECORD} holds: enough for {@link #RUNAWAY} to fire past its limit. */
  public static final int LONG = 700;

  /** The {@code completed} list of a request of {@link #LONG} dismantlements, each counted (no facility is named). */
  public static final String LONG_COMPLETED = "[" + String.join(", ",
      java.util.Collections.nCopies(LONG, "{\"step\": \"dismantlement\"}")) + "]";

  /** A request body of {@link #LONG} dismantlements, on which {@link #RUNAWAY} runs away. */
  public static final String LONG_RECORD = "{\"completed\": " + LONG_COMPLETED + "}";

  /** A scenario whose record makes {@link #RUNAWAY} run away, so that a reload or {@code check} catches it. */
  public static final String RUNAWAY_SCENARIO = "scenarios:\n  - name: a long record of dismantlements\n    given: ["
      + String.join(", ", java.util.Collections.nCopies(LONG, "dismantlement")) + "]\n    unlocked: [peace-declaration]\n";

  /** A rule that makes normalization wait for the treaty, which itself needs normalization: neither can ever be taken. */
  public static final String CYCLE = """
      package peacepath;
      import org.peacepath.facts.Open;
      import org.peacepath.facts.Done;
      import org.peacepath.facts.Blocked;

      rule "Normalization needs the treaty"
          @id("normalization-needs-treaty") @basis("inferred") @source("normalization of diplomatic, social, and economic relations")
      when
          Open( step == "normalization" )
          not Done( step == "peace-treaty" )
      then
          insert( new Blocked( "normalization", "The treaty comes first.", "peace-treaty" ) );
      end
      """;

  /**
   * A rule whose condition divides by zero: decisions fail as their facts are matched (once Drools has
   * compiled the condition, after its first twenty or so evaluations; before, it divides as doubles do).
   */
  public static final String DIVIDING = """
      package peacepath;
      import org.peacepath.facts.Tally;
      import org.peacepath.facts.Advisory;

      rule "Interim agreements are shared out"
          @id("agreements-shared-out") @basis("inferred") @source("normalization of diplomatic, social, and economic relations")
      when
          Tally( kind == "interim-agreement", $n : count, $n / 0 > 1 )
      then
          insert( new Advisory( "Shared out." ) );
      end
      """;

  /** A rule file whose consequence nests 50,000 parentheses deep, on line 11: too deep to be read. */
  public static final String DEEP = """
      package peacepath;
      import org.peacepath.facts.Open;
      import org.peacepath.facts.Blocked;

      rule "Normalization waits deep down"
          @id("normalization-deep") @basis("inferred") @source("normalization of diplomatic, social, and economic relations")
      when
          $open : Open( step == "normalization" )
      then
          insert( new Blocked( $open.step(),
              %s"The treaty first."%s, "peace-treaty" ) );
      end
      """.formatted("(".repeat(50_000), ")".repeat(50_000));

  /** A rule whose consequence throws once the declaration is signed: "%d" is given text to format. */
  public static final String FAILING = """
      package peacepath;
      import org.peacepath.facts.Open;
      import org.peacepath.facts.Done;
      import org.peacepath.facts.Blocked;

      rule "Normalization counts the declarations"
          @id("normalization-counts-declarations") @basis("inferred") @source("normalization of diplomatic, social, and economic relations")
      when
          Open( step == "normalization" )
          Done( step == "peace-declaration" )
      then
          insert( new Blocked( "normalization", String.format( "%d declarations", "one" ), "peace-declaration" ) );
      end
      """;
}
