package org.peacepath.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a rules folder of made-up steps, to see how planning grows with the catalog: a chain, where
 * each step needs the one before it, or a wide fan, where the last step needs every other one.
 */
public final class SyntheticRules {
  private SyntheticRules() {}

  /** The id of the i-th step, from 1. */
  public static String id(int i) {
    return String.format("s%03d", i);
  }

  /** Writes rule set {@code synthetic} of {@code size} steps shaped as {@code shape} ("chain" or "fan"). */
  public static Path write(Path root, String shape, int size) throws IOException {
    StringBuilder catalog = new StringBuilder("kinds: [treaty-condition, reciprocal-measure]\nfacilityKind: reciprocal-measure\nsteps:\n");
    for (int i = 1; i <= size; i++) {
      catalog.append("  - id: ").append(id(i)).append("\n    title: Step ").append(i)
          .append("\n    kind: treaty-condition\n    parties: [US]\n");
    }
    Files.writeString(root.resolve("catalog.yaml"), catalog);
    Path folder = Files.createDirectories(root.resolve("synthetic"));
    Files.writeString(folder.resolve("ruleset.yaml"), "title: Synthetic " + shape + " of " + size + "\nsimultaneous: allowed\n"
        + "simultaneousSource: envisioned a peace process in parallel with steps toward denuclearization\n");
    StringBuilder drl = new StringBuilder("""
        package peacepath;
        import org.peacepath.facts.Open;
        import org.peacepath.facts.Done;
        import org.peacepath.facts.Blocked;
        """);
    if (shape.equals("chain")) {
      for (int i = 2; i <= size; i++) {
        drl.append(String.format("""

            rule "Step %1$d comes after step %2$d"
                @id("step-%1$d-after-step-%2$d")
                @basis("inferred")
                @source("A peace process")
            when
                Open( step == "%3$s" )
                not Done( step == "%4$s" )
            then
                insert( new Blocked( "%3$s", "Step %1$d comes after step %2$d.", "%4$s" ) );
            end
            """, i, i - 1, id(i), id(i - 1)));
      }
    } else {
      List<String> all = new ArrayList<>();
      for (int i = 1; i < size; i++) {
        all.add("\"" + id(i) + "\"");
      }
      drl.append(String.format("""

          rule "The last step needs every other"
              @id("last-needs-every-other")
              @basis("inferred")
              @source("A peace process")
          when
              Open( step == "%1$s" )
              exists( Open( step in ( %2$s ) ) )
          then
              insert( new Blocked( "%1$s", "The last step needs every other.", %2$s ) );
          end
          """, id(size), String.join(", ", all)));
    }
    Files.writeString(folder.resolve("synthetic.drl"), drl);
    return root;
  }
}
