package org.peacepath.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.peacepath.catalog.Catalog;
import org.peacepath.rules.PreconditionTable;
import org.peacepath.rules.Problem;
import org.peacepath.rules.RuleLanguage;
import org.peacepath.rules.RuleSetCompiler;

/**
 * What precondition tables add to a reload (target: under 200 ms): reading every bundled {@code .rules.csv},
 * checking each cell, expanding the rows through the Drools rule template into DRL, and the rule-language
 * check of that DRL. Drools' compiling of the rules that come out is not counted: the same rules written as
 * DRL by hand would cost it too. {@code cold} is the first time in a fresh JVM that has compiled one rule set
 * once, as a server has at its first reload after start; {@code warm} is a running server's later reloads.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TableBenchmark {
  private Catalog catalog;
  private final List<Path> tables = new ArrayList<>();
  private final List<byte[]> bytes = new ArrayList<>();

  @Setup
  public void read() throws Exception {
    // A rule set compiled once, as the server did at start: Drools' parser and the template engine are loaded.
    catalog = RuleSetCompiler.compile(Path.of("rules"), "denuclearization-first").catalog();
    try (Stream<Path> paths = Files.walk(Path.of("rules"))) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".rules.csv")).sorted().toList()) {
        tables.add(Path.of("rules").relativize(path));
        bytes.add(Files.readAllBytes(path));
      }
    }
  }

  private List<Problem> compileEvery() {
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      PreconditionTable.Compiled compiled = PreconditionTable.compile(tables.get(i).toString(), bytes.get(i), catalog);
      problems.addAll(compiled.problems());
      problems.addAll(RuleLanguage.check(compiled.drl()));
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the bundled tables should be clean: " + problems);
    }
    return problems;
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(5)
  public List<Problem> cold() {
    return compileEvery();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  @Fork(1)
  public List<Problem> warm() {
    return compileEvery();
  }
}
