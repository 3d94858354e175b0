package org.peacepath.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.peacepath.decide.DecisionService;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.RecordedStep;
import org.peacepath.decide.Replay;
import org.peacepath.rules.BackgroundCompile;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSets;
import org.peacepath.wire.Json;
import org.peacepath.wire.Requests;

/**
 * What deciding a record costs in a fresh session and in a pooled incremental session ({@code
 * Evaluator.decide}, and {@code Evaluator.decideAsServed} as a server decides a request once the rules' copy
 * for incremental sessions is compiled), on four sequences of records, since a pooled session's cost depends on how the
 * record differs from the one the session decided before: the load test's record ({@code
 * src/bench/evaluate.lua}) over and over; that record with one of its records left out, a different one each
 * time; records drawn at random from its ten (each kept with a chance of 0.7, shuffled); and the whole record
 * and the empty one in turn. The fresh and the pooled decisions run in alternate blocks, so that they share
 * the machine's moods; CPU time of this thread, median and quartiles of the blocks, in microseconds.
 *
 * <p>Run from the project folder after {@code mvn -B -q test-compile}: {@code java -Xms256m -Xmx256m
 * -XX:+UseParallelGC -cp "target/classes:target/test-classes:$(cat cp.txt)"
 * org.peacepath.bench.PooledDecisionCpuCost 15} (blocks of each; cp.txt from {@code mvn dependency:build-classpath
 * -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}).
 */
public final class PooledDecisionCpuCost {
  private PooledDecisionCpuCost() {}

  public static void main(String[] args) throws Exception {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int perBlock = 2_000;
    DecisionService service = new DecisionService(RuleSets.load(Path.of("rules")));
    List<RecordedStep> record = new Requests(service).evaluate(
        Json.MAPPER.readTree(EvaluateBenchmark.loadTestBody("src/bench/evaluate.lua"))).completed();
    RuleSet ruleSet = service.ruleSets().get("sigal").orElseThrow();
    Random random = new Random(20131203L);
    String[] names = {"the same record", "one record left out", "records at random", "whole and empty in turn"};
    List<List<List<RecordedStep>>> sequences = new ArrayList<>();
    for (int s = 0; s < names.length; s++) {
      List<List<RecordedStep>> sequence = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        List<RecordedStep> state = new ArrayList<>(record);
        switch (s) {
          case 1 -> state.remove(i % record.size());
          case 2 -> {
            state.removeIf(r -> random.nextDouble() >= 0.7);
            Collections.shuffle(state, random);
          }
          case 3 -> state = i % 2 == 0 ? state : List.of();
          default -> { }
        }
        sequence.add(state);
      }
      sequences.add(sequence);
    }
    // the fresh decisions first, in blocks of their own; then the server's background compiling is let in
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][][] costs = new double[names.length][2][blocks];
    long sink = 0;
    for (int block = -3; block < blocks; block++) { // three blocks of warm-up
      for (int s = 0; s < names.length; s++) {
        for (int pooled = 0; pooled < 2; pooled++) {
          if (pooled == 1 && block == -3 && s == 0) {
            Replay.prepare(service.ruleSets());
            BackgroundCompile.awaitPrepared(java.time.Duration.ofSeconds(60));
          }
          List<List<RecordedStep>> sequence = sequences.get(s);
          long start = threads.getCurrentThreadCpuTime();
          for (int i = 0; i < perBlock; i++) {
            int k = i % sequence.size();
            sink += (pooled == 1 ? Evaluator.decideAsServed(ruleSet, sequence.get(k))
                : Evaluator.decide(ruleSet, sequence.get(k))).blocked().size();
          }
          if (block >= 0) {
            costs[s][pooled][block] = (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / perBlock;
          }
        }
      }
    }
    System.out.printf("%-26s %26s %26s %8s%n", "µs of CPU a decision", "fresh session", "pooled session", "ratio");
    for (int s = 0; s < names.length; s++) {
      double[] fresh = costs[s][0].clone();
      double[] pooled = costs[s][1].clone();
      Arrays.sort(fresh);
      Arrays.sort(pooled);
      System.out.printf("%-26s %26s %26s %8.2f%n", names[s], quartiles(fresh), quartiles(pooled),
          pooled[blocks / 2] / fresh[blocks / 2]);
    }
    System.out.println(sink == 0 ? "" : "(" + blocks + " blocks of " + perBlock + " decisions each)");
  }

  private static String quartiles(double[] sorted) {
    int n = sorted.length;
    return String.format("%.1f (%.1f–%.1f)", sorted[n / 2], sorted[n / 4], sorted[(3 * n) / 4]);
  }
}
