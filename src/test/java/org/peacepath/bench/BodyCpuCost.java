package org.peacepath.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import org.peacepath.decide.DecisionService;
import org.peacepath.rules.RuleSets;
import org.peacepath.wire.Json;
import org.peacepath.wire.Requests;

/**
 * What {@code POST /v1/evaluate} costs in process, less HTTP, for the load test's two bodies (the 10-record
 * state undated, {@code src/bench/evaluate.lua}, and the same dated, {@code src/bench/dated.lua}): the body
 * read, decided within the per-decision budget, the answer written. Measured as this thread's CPU time, the
 * two bodies in alternate blocks, so that the ratio of the two holds on a machine busy with other work,
 * where wall-clock benchmarks move 2x. Prints the median, quartiles and best of the blocks, in microseconds,
 * and the bytes allocated a request, which do not move with the machine's load.
 *
 * <p>Run from the project folder: {@code mvn -B -q test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-Xms256m -Xmx256m -cp %classpath org.peacepath.bench.BodyCpuCost 30 40"}
 * (seconds of warm-up, blocks of each body). Two more arguments put other wrk scripts' bodies in place of
 * the two ({@code ... BodyCpuCost 30 40 src/bench/dated.lua src/bench/dated-reversed.lua}: the dated
 * record against the same in reverse date order), each then named by its script's file name.
 */
public final class BodyCpuCost {
  private BodyCpuCost() {}

  public static void main(String[] args) throws Exception {
    int warmSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    if (args.length == 3 || args.length > 4) {
      throw new IllegalArgumentException("give two wrk scripts or none after the seconds and the blocks, not "
          + (args.length - 2));
    }
    DecisionService service = new DecisionService(RuleSets.load(Path.of("rules")));
    // the copies for incremental sessions, as the server has them compiled, in the background, after it starts
    org.peacepath.decide.Replay.prepareNow(service.ruleSets());
    Requests requests = new Requests(service);
    byte[] undated = EvaluateBenchmark.loadTestBody(args.length > 3 ? args[2] : "src/bench/evaluate.lua");
    byte[] dated = EvaluateBenchmark.loadTestBody(args.length > 3 ? args[3] : "src/bench/dated.lua");
    String[] names = args.length > 3
        ? new String[] {Path.of(args[2]).getFileName().toString(), Path.of(args[3]).getFileName().toString()}
        : new String[] {"undated", "dated"};
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    long until = System.nanoTime() + warmSeconds * 1_000_000_000L;
    while (System.nanoTime() < until) {
      sink += answer(service, requests, undated) + answer(service, requests, dated);
    }
    int perBlock = 2_000;
    double[][] costs = new double[2][blocks];
    // Bytes allocated a request: unlike CPU time, the same from run to run on a busy machine, so a change
    // that does less work shows here even when the CPU figures of two runs overlap.
    com.sun.management.ThreadMXBean allocating = (com.sun.management.ThreadMXBean) threads;
    long[] allocated = new long[2];
    for (int block = 0; block < blocks; block++) {
      for (int body = 0; body < 2; body++) {
        byte[] bytes = body == 0 ? undated : dated;
        long start = threads.getCurrentThreadCpuTime();
        long bytesBefore = allocating.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < perBlock; i++) {
          sink += answer(service, requests, bytes);
        }
        costs[body][block] = (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / perBlock;
        allocated[body] += allocating.getCurrentThreadAllocatedBytes() - bytesBefore;
      }
    }
    double[] median = new double[2];
    for (int body = 0; body < 2; body++) {
      double[] sorted = costs[body].clone();
      Arrays.sort(sorted);
      median[body] = sorted[blocks / 2];
      System.out.printf("%-18s µs of CPU a request over %d blocks of %d: median %.1f, quartiles %.1f–%.1f, best %.1f%n",
          names[body], blocks, perBlock, median[body], sorted[blocks / 4], sorted[blocks * 3 / 4],
          sorted[0]);
      System.out.printf("%-18s bytes allocated a request: %,d%n", names[body],
          allocated[body] / ((long) blocks * perBlock));
    }
    System.out.printf("%s / %s: %.2f%s%s%n", names[1], names[0], median[1] / median[0],
        args.length > 3 ? "" : " (target <= 1.5)", sink == 0 ? "" : "");
  }

  private static int answer(DecisionService service, Requests requests, byte[] body) throws Exception {
    return Json.MAPPER.writeValueAsBytes(service.evaluate(requests.evaluate(Json.MAPPER.readTree(body)))).length;
  }
}
