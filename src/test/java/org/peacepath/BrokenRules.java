package org.peacepath;

/** Rule files with the mistakes a policy editor can make, for tests that check they are caught. */
public final class BrokenRules {
  private BrokenRules() {}

  /** A rule that fires without end once normalization is recorded: its consequence keeps updating the fact it matched. */
  public static final String RUNAWAY = """
      package peacepath;
      import org.peacepath.facts.Done;

      rule "Normalization is checked again and again"
          @id("normalization-again") @basis("inferred") @source("normalization of diplomatic, social, and economic relations")
      when
          $done : Done( step == "normalization" )
      then
          update( $done );
      end
      """;

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
