package org.peacepath;

import java.util.Collections;

/**
 * Rules that keep to the rule language, joins included, yet make Drools work hard on a long record: each
 * compares every record, for sixteen open steps, with every other record, and never fires. On {@link
 * #LONG_RECORD} each takes Drools a few hundred milliseconds and all of them many seconds, far past the
 * budget of one decision. A rule of salience 100 fires once for every record before them: it fires most, but
 * spends next to nothing.
 */
public final class HeavyRules {
  private HeavyRules() {}

  /** How many heavy rules {@link #file()} holds. */
  public static final int COUNT = 40;

  /** The steps the heavy rules pick out by key, sixteen of them. */
  private static final String SIXTEEN = "\"peace-declaration\", \"peace-mechanism\", \"interim-peace-agreement\", "
      + "\"dismantlement\", \"joint-fishing-area\", \"naval-rules-of-the-road\", \"navy-hotline\", \"open-skies\", "
      + "\"missile-restraint\", \"satellite-launch-services\", \"joint-watch-center\", \"four-party-talks\", "
      + "\"normalization\", \"border-rectification\", \"artillery-redeployment\", \"force-posture-changes\"";

  /** Steps other than the dismantlement, two of which each heavy rule leaves out, so that Drools shares nothing between them. */
  private static final String[] OTHERS = {"peace-declaration", "peace-mechanism", "interim-peace-agreement",
      "joint-fishing-area", "naval-rules-of-the-road", "navy-hotline", "open-skies", "missile-restraint",
      "satellite-launch-services", "joint-watch-center", "four-party-talks", "normalization", "border-rectification",
      "artillery-redeployment", "force-posture-changes", "peace-treaty", "treaty-endorsement", "denuclearization"};

  /** The name of the rule that fires most and spends least. */
  public static final String INNOCENT = "Each dismantlement is noted";

  /** The rule file: the innocent rule, then {@link #COUNT} heavy ones named "Heavy 0", "Heavy 1", …. */
  public static String file() {
    StringBuilder drl = new StringBuilder("""
        package peacepath;
        import org.peacepath.facts.*;

        rule "Each dismantlement is noted"
            @id("noted") @basis("inferred") @source("A peace process")
            salience 100
        when
            Recorded( step == "dismantlement" )
        then
            insert( new Advisory( "A dismantlement was recorded." ) );
        end
        """);
    for (int i = 0; i < COUNT; i++) {
      drl.append("\nrule \"Heavy ").append(i).append("\"\n")
          .append("    @id(\"heavy-").append(i).append("\") @basis(\"inferred\") @source(\"A peace process\")\n")
          .append("when\n")
          .append("    $r : Recorded( step not in ( \"").append(OTHERS[i % OTHERS.length]).append("\", \"")
          .append(OTHERS[(i % OTHERS.length + 1 + i / OTHERS.length) % OTHERS.length]).append("\" ) )\n")
          .append("    Open( step in ( ").append(SIXTEEN).append(" ) )\n")
          .append("    exists Recorded( step != $r.step, status != $r.status, counted != $r.counted )\n")
          .append("then\n")
          .append("    insert( new Advisory( \"Heavy.\" ) );\n")
          .append("end\n");
    }
    return drl.toString();
  }

  /** A thousand dismantlements, the longest record a request may hold: all alike, so no heavy rule ever fires. */
  public static final String LONG_RECORD = "{\"completed\": ["
      + String.join(", ", Collections.nCopies(1000, "{\"step\": \"dismantlement\"}")) + "]}";
}
