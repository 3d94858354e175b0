package org.peacepath.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.peacepath.decide.DecisionService;
import org.peacepath.decide.EvaluateRequest;
import org.peacepath.decide.RecordedStep;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSets;

/**
 * The CPU time one evaluation of the 10-record state takes, as the server decides it ({@code
 * DecisionService.evaluate}: within the per-decision budget, where there is one), measured as this thread's CPU time rather than the wall clock: on a machine shared with
 * other work, a thread that is descheduled loses wall time but not CPU time, so small differences (the
 * per-decision budget's cost) can be told apart from the noise. Warms up, then measures blocks of
 * evaluations and prints the median, quartiles and best of the blocks, in nanoseconds an evaluation.
 *
 * <p>Run from the project folder: {@code mvn -B -q test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-cp %classpath org.peacepath.bench.DecisionCpuCost 60 40"}
 * (seconds of warm-up, blocks). Run it on two builds in turn to compare them.
 */
public final class DecisionCpuCost {
  private DecisionCpuCost() {}

  public static void main(String[] args) throws Exception {
    int warmSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    RuleSets ruleSets = RuleSets.load(Path.of("rules"));
    RuleSet ruleSet = ruleSets.get("sigal").orElseThrow();
    DecisionService service = new DecisionService(ruleSets);
    List<RecordedStep> steps = List.of("peace-declaration", "dismantlement", "peace-mechanism", "dismantlement",
            "four-party-talks", "normalization", "border-rectification", "artillery-redeployment",
            "force-posture-changes", "missile-restraint").stream()
        .map(RecordedStep::of).toList();
    EvaluateRequest tenSteps = new EvaluateRequest(ruleSet, steps, false);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long until = System.nanoTime() + warmSeconds * 1_000_000_000L;
    Object sink = null;
    while (System.nanoTime() < until) {
      sink = service.evaluate(tenSteps);
    }
    int perBlock = 5_000;
    List<Double> costs = new ArrayList<>();
    for (int block = 0; block < blocks; block++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < perBlock; i++) {
        sink = service.evaluate(tenSteps);
      }
      costs.add((threads.getCurrentThreadCpuTime() - start) / (double) perBlock);
    }
    double[] sorted = costs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf("ns/evaluation of CPU over %d blocks of %d: median %.0f, quartiles %.0f–%.0f, best %.0f (%s)%n",
        blocks, perBlock, sorted[sorted.length / 2], sorted[sorted.length / 4], sorted[sorted.length * 3 / 4], sorted[0],
        sink == null ? "" : "ok");
    System.out.println(Arrays.toString(Arrays.stream(sorted).mapToLong(Math::round).toArray()));
  }
}
