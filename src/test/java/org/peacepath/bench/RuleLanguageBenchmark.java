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
import org.peacepath.rules.Problem;
import org.peacepath.rules.RuleLanguage;
import org.peacepath.rules.RuleSetCompiler;
import org.peacepath.rules.RuleSetException;
import org.peacepath.rules.SourceFile;

/**
 * What the safe rule language costs: checking every DRL file of the bundled rules and printing the DRL
 * Drools compiles from what was checked (target: the check under 100 ms added to compiling them, the
 * printing under 50 ms added to a reload), beside compiling the three rule sets. {@code checkCold} is the
 * first check in a fresh JVM, as at start-up; the {@code …Warm} ones are a running server's reloads, after
 * it has compiled and checked many times.
 *
 * <p>The check and the printing are one walk of Drools' parse ({@link RuleLanguage#check} prints as it
 * checks), so what the printing adds is this benchmark's figures now less the same benchmark run on the
 * commit before the printer (240ea84), on the same machine in the same hour: see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class RuleLanguageBenchmark {
  private List<SourceFile> files;

  @Setup
  public void read() throws Exception {
    files = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(Path.of("rules"))) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
        files.add(new SourceFile(Path.of("rules").relativize(path).toString(), Files.readString(path)));
      }
    }
  }

  @Benchmark
  public List<Problem> checkCold() {
    List<Problem> problems = new ArrayList<>();
    files.forEach(file -> problems.addAll(RuleLanguage.check(file)));
    return problems;
  }

  /** The check in a JVM that has compiled the rules once, so that Drools' parser is loaded: what the check adds. */
  @Benchmark
  public List<Problem> checkAfterCompiling(Compiled compiled) {
    return checkCold();
  }

  /** A JVM that has compiled the bundled rules once. */
  @State(Scope.Benchmark)
  public static class Compiled {
    @Setup
    public void compile() throws RuleSetException {
      RuleSetCompiler.compile(Path.of("rules"), "sigal");
    }
  }

  @Benchmark
  public Object compileTheThreeRuleSetsCold() throws RuleSetException {
    List<Object> ruleSets = new ArrayList<>();
    for (String name : List.of("sigal", "treaty-first", "denuclearization-first")) {
      ruleSets.add(RuleSetCompiler.compile(Path.of("rules"), name));
    }
    return ruleSets;
  }

  /** The check (and, since the printer, the printing) of every bundled file in a warm JVM: what a reload pays for it. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 10, time = 2)
  @Measurement(iterations = 10, time = 2)
  @Fork(2)
  public List<Problem> checkWarm() {
    return checkCold();
  }

  /** A reload of the bundled rules in a warm JVM, as a running server makes it after an edit to common/: the three rule sets compiled. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 8, time = 2)
  @Measurement(iterations = 8, time = 2)
  @Fork(2)
  public Object compileTheThreeRuleSetsWarm() throws RuleSetException {
    return compileTheThreeRuleSetsCold();
  }
}
