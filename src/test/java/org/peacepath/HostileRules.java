package org.peacepath;

import java.nio.file.Path;
import java.util.List;

/**
 * Rule files written as an attacker or a careless editor would, each trying to reach the host in one
 * way: each would create the marker file if any of it ran. The rule language must refuse every one
 * before anything compiles or runs.
 *
 * <p>{@link #ESCAPED} and {@link #METADATA} are the families of issue 21: text that the check read as
 * harmless but the compiler read otherwise (Java reads a backslash-u escape as the character it names,
 * before anything else, in strings and comments alike), and metadata that Drools evaluates as an
 * expression when it compiles the rule. Each would create the marker while {@code check} runs, at
 * {@code serve}, or on a reload, were the file handed to Drools as written.
 */
public final class HostileRules {
  private HostileRules() {}

  /** A hostile rule file: what it tries, the line the refusal must name, and its text with MARKER for the marker's path. */
  public record Hostile(String label, int line, String text) {
    /** The text, with the marker's path in place. */
    public String at(Path marker) {
      return text.replace("MARKER", marker.toString().replace("\\", "/"));
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private static final String HEAD = """
      package peacepath;
      import org.peacepath.facts.Open;
      import org.peacepath.facts.Done;
      import org.peacepath.facts.Blocked;
      import org.peacepath.facts.Advisory;

      """;
  private static final String META = """
          @id("hostile") @basis("inferred") @source("A peace process")
      """;
  private static final String TOUCH = "java.nio.file.Files.writeString(java.nio.file.Path.of(\"MARKER\"), \"ran\")";

  /** A rule whose condition is {@code when} and whose consequence is {@code then}; the rule starts on line 7. */
  private static String rule(String when, String then) {
    return ruled(META, when, then);
  }

  /** As {@link #rule}, with {@code meta} for its metadata line (line 8); the consequence is on line 12. */
  private static String ruled(String meta, String when, String then) {
    return HEAD + "rule \"Hostile\"\n" + meta + "when\n" + when + "\nthen\n" + then + "\nend\n";
  }

  /** A backslash, then u: what Java reads as a unicode escape. Written so that this file holds none. */
  private static final String U = "\\" + "u";
  /** A quote, a line break, an asterisk and a slash, and a percent sign, each as Java's unicode escape. */
  private static final String QUOTE = U + "0022";
  private static final String NEWLINE = U + "000a";
  private static final String STAR = U + "002a";
  private static final String SLASH = U + "002f";
  private static final String PERCENT = U + "0025";
  private static final String CREATE = "new java.io.File(\"MARKER\").createNewFile()";
  private static final String OPEN = "    Open( step == \"normalization\" )";

  /** Code hidden from the check by unicode escapes, in a consequence: each is refused at the escape's line. */
  public static final List<Hostile> ESCAPED = List.of(
      new Hostile("a string closed by an escaped quote, with code behind it", 12, rule(OPEN,
          "    insert( new Advisory( \"x" + QUOTE + " + " + CREATE.replace("\"", QUOTE) + " + " + QUOTE + "\" ) );")),
      new Hostile("a // comment ended by an escaped line break, with code behind it", 12, rule(OPEN,
          "    insert( new Advisory( \"x\" ) ); // a note" + NEWLINE + " " + CREATE + ";")),
      new Hostile("a /* comment */ ended by an escaped */, with code behind it", 12, rule(OPEN,
          "    insert( new Advisory( \"x\" ) ); /* a note " + STAR + SLASH + " " + CREATE + "; /* */")),
      new Hostile("an escaped line break in a comment of the condition", 10, rule(
          "    Open( step == \"normalization\" ) // a note" + NEWLINE + " eval( " + CREATE + " )",
          "    insert( new Advisory( \"x\" ) );")),
      new Hostile("a format widened past the check by an escaped percent sign", 12, rule(OPEN,
          "    insert( new Advisory( String.format( \"" + PERCENT + "12345s\", \"x\" ) ) );")),
      new Hostile("a format widened past the check by an octal escape", 11, rule(OPEN,
          "    insert( new Advisory( String.format( \"\\04512345s\", \"x\" ) ) );")),
      new Hostile("an escaped quote in metadata, with code behind it", 8, ruled(
          "    @id(\"hostile\") @basis(\"inferred\") @source(\"A peace process" + QUOTE + " + "
              + CREATE.replace("\"", QUOTE) + " + " + QUOTE + "\")\n", OPEN, "    insert( new Advisory( \"x\" ) );")));

  /** Metadata that Drools would evaluate as an expression when it compiles the rule: each refused at its line. */
  public static final List<Hostile> METADATA = List.of(
      new Hostile("a @source that is an expression", 8, ruled(
          "    @id(\"hostile\") @basis(\"inferred\") @source(\"A peace process\" + " + CREATE + ")\n", OPEN,
          "    insert( new Advisory( \"x\" ) );")),
      new Hostile("an @id that is a method call", 8, ruled(
          "    @id(" + CREATE + ") @basis(\"inferred\") @source(\"A peace process\")\n", OPEN,
          "    insert( new Advisory( \"x\" ) );")),
      new Hostile("a @source that is an array", 8, ruled(
          "    @id(\"hostile\") @basis(\"inferred\") @source({\"A peace process\", " + CREATE + "})\n", OPEN,
          "    insert( new Advisory( \"x\" ) );")),
      new Hostile("a @brief with named values", 9, ruled(
          "    @id(\"hostile\") @basis(\"inferred\") @source(\"A peace process\")\n"
              + "    @brief(value = \"A peace process\", note = " + CREATE + ")\n", OPEN,
          "    insert( new Advisory( \"x\" ) );")),
      new Hostile("a @source given twice, the second an expression", 9, ruled(
          "    @id(\"hostile\") @basis(\"inferred\") @source(\"A peace process\")\n    @source(" + CREATE + ")\n", OPEN,
          "    insert( new Advisory( \"x\" ) );")),
      new Hostile("metadata under another name", 9, ruled(
          "    @id(\"hostile\") @basis(\"inferred\") @source(\"A peace process\")\n    @note(" + CREATE + ")\n", OPEN,
          "    insert( new Advisory( \"x\" ) );")),
      new Hostile("a @basis of two strings joined", 8, ruled(
          "    @id(\"hostile\") @basis(\"infer\" + \"red\") @source(\"A peace process\")\n", OPEN,
          "    insert( new Advisory( \"x\" ) );")));

  /** Every hostile rule file: these, then the families above. */
  public static final List<Hostile> ALL = java.util.stream.Stream.of(List.of(
      new Hostile("a consequence that runs a process", 11, rule("    Open( step == \"normalization\" )",
          "    Runtime.getRuntime().exec(new String[] {\"touch\", \"MARKER\"});")),
      new Hostile("a consequence that writes a file", 11, rule("    Open( step == \"normalization\" )", "    " + TOUCH + ";")),
      new Hostile("a consequence that stops the server", 11, rule("    Open( step == \"normalization\" )",
          "    " + TOUCH + "; System.exit(42);")),
      new Hostile("a consequence that never ends", 11, rule("    Open( step == \"normalization\" )",
          "    while (true) { " + TOUCH + "; }")),
      new Hostile("a consequence that sleeps", 11, rule("    Open( step == \"normalization\" )",
          "    Thread.sleep(30000); insert( new Advisory( \"late\" ) );")),
      new Hostile("a finding built from a file's contents", 11, rule("    Open( step == \"normalization\" )",
          "    insert( new Advisory( java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\")) + " + TOUCH + " ) );")),
      new Hostile("a consequence that updates a fact", 11, rule("    $done : Done( step == \"normalization\" )",
          "    update( $done );")),
      new Hostile("a format as wide as memory", 11, rule("    Open( step == \"normalization\" )",
          "    insert( new Advisory( String.format( \"%2000000000d\", 1 ) ) );")),
      new Hostile("a function", 7, HEAD + "function void touch() { " + TOUCH + "; }\n"
          + rule("    Open( step == \"normalization\" )", "    touch();").substring(HEAD.length())),
      new Hostile("an imported function", 6, HEAD.replace("import org.peacepath.facts.Advisory;\n",
          "import org.peacepath.facts.Advisory;\nimport function java.lang.System.exit;\n")
          + rule("    Open( step == \"normalization\" )", "    exit(42);").substring(HEAD.length())),
      new Hostile("an import of another class", 6, HEAD.replace("import org.peacepath.facts.Advisory;\n",
          "import org.peacepath.facts.Advisory;\nimport java.nio.file.Files;\n")
          + rule("    Open( step == \"normalization\" )",
              "    insert( new Advisory( \"x\" ) );").substring(HEAD.length())),
      new Hostile("a global", 7, HEAD + "global java.util.List sink;\n"
          + rule("    Open( step == \"normalization\" )", "    insert( new Advisory( \"x\" ) );").substring(HEAD.length())),
      new Hostile("a declared type", 7, HEAD + "declare Marker\n  path : String\nend\n"
          + rule("    Open( step == \"normalization\" )", "    insert( new Advisory( \"x\" ) );").substring(HEAD.length())),
      new Hostile("a query", 7, HEAD + "query \"touch\"\n    Open( step == \"normalization\" )\nend\n"),
      new Hostile("an eval", 11, rule("    Open( step == \"normalization\" )\n    eval( " + TOUCH + " != null )",
          "    insert( new Advisory( \"x\" ) );")),
      new Hostile("a method call in a constraint", 10, rule("    Open( step == \"normalization\", "
          + TOUCH + " != null )", "    insert( new Advisory( \"x\" ) );")),
      new Hostile("a static call compared with a field", 10, rule("    Open( step == java.lang.System.getProperty(\"user.home\") )",
          "    insert( new Advisory( \"x\" ) );")),
      new Hostile("a from over Java", 10, rule("    $path : String() from " + TOUCH,
          "    insert( new Advisory( \"x\" ) );")),
      new Hostile("a from over a list of words", 11, rule("    Open( step == \"peace-treaty\" )\n"
          .replace("\n", "") + "\n    $required : String() from [ \"normalization\" ]\n    not Done( step == $required )",
          "    insert( new Blocked( \"peace-treaty\", \"x\", $required ) );").replace("HOLD", "")),
      new Hostile("an accumulate with code", 10, rule("    accumulate( Done(); $n : sum( " + TOUCH + ".length() ) )",
          "    insert( new Advisory( \"x\" ) );")),
      new Hostile("a salience that runs code", 9, HEAD + "rule \"Hostile\"\n" + META + "    salience ( " + TOUCH + ".length() )\n"
          + "when\n    Open( step == \"normalization\" )\nthen\n    insert( new Advisory( \"x\" ) );\nend\n"),
      new Hostile("a regular expression that never finishes", 10, rule("    Open( step matches \"(a+)+$\" )",
          "    insert( new Advisory( \"x\" ) );")),
      new Hostile("a new object in a finding", 11, rule("    Open( step == \"normalization\" )",
          "    insert( new Advisory( new java.io.File(\"MARKER\").getAbsolutePath() ) );"))), ESCAPED, METADATA).flatMap(List::stream).toList();

  private static final String SAY = "    insert( new Advisory( \"x\" ) );";

  /**
   * Rule files with no code at all that would still take the server down: joins that make Drools try
   * every combination of facts, using up the heap or a core. The rule language must refuse each at the line
   * of the pattern that makes the combinations unbounded (the condition starts on line 10).
   */
  public static final List<Hostile> JOINS = List.of(
      new Hostile("eight plain Open patterns", 11, rule("    Open()\n".repeat(8).stripTrailing(), SAY)),
      new Hostile("four Recorded patterns", 11, rule("""
              $a : Recorded()
              $b : Recorded()
              $c : Recorded()
              $d : Recorded()""", SAY)),
      new Hostile("every open step against every tally", 11, rule("""
              Done( step == "normalization" )
              Open() Open() Open() Tally()""", SAY)),
      new Hostile("a join that never fires", 11, rule("""
              $a : Recorded()
              $b : Recorded( step == $a.step, status != $a.status )
              $c : Recorded( step == $b.step, status == $a.status, status != $b.status )""", SAY)),
      new Hostile("a join inside not", 12, rule("""
              $a : Recorded()
              not ( Recorded( step != $a.step ) and Recorded( status != $a.status ) )""".replace(" and ", "\n      and "),
          SAY)),
      new Hostile("a group within a group", 12, rule("""
              $a : Recorded()
              exists ( $b : Recorded( step != $a.step )
                       and not Recorded( step != $b.step, status != $a.status ) )""", SAY)),
      new Hostile("the record compared with itself twice", 12, rule("""
              $a : Recorded()
              not Recorded( step != $a.step, status == $a.status )
              not Done( step != $a.step, kind == $a.kind )""", SAY)),
      new Hostile("in lists that multiply", 11, rule("""
              $a : Open( step in ( "peace-declaration", "peace-mechanism", "dismantlement", "normalization", "open-skies" ) )
              $b : Open( step in ( "peace-declaration", "peace-mechanism", "dismantlement", "normalization" ), step != $a.step )""",
          SAY)),
      new Hostile("a comparison as long as a page", 11, rule("    $a : Recorded()\n    not Recorded( " + String.join(" || ",
          java.util.Collections.nCopies(60, "step != $a.step")) + " )", SAY)));
}
