package org.peacepath.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a reload candidate and runs its scenarios in a child JVM, so that the deadline of a reload
 * really stops the work.
 *
 * <p>Why a child JVM with a capped heap, killed at the deadline, rather than a thread of the server:
 * compiling is Drools' own work (parsing, building the network, compiling MVEL and Java), with no place
 * where a thread of ours could be asked to stop, and {@code Thread.stop} is gone; 10,000 rules kept two
 * cores busy for three minutes after the deadline had "refused" them. A thread of the server also shares
 * its heap: a candidate that needs a gigabyte takes the server down with it, and one that only needs a lot
 * makes every collection long, which is how {@code /health} came to time out for 40 s. Cooperative checks
 * in the scenario loop and a halted session would stop the scenarios but not the compiler, nor bound the
 * memory. A process is stopped by the operating system at once, whatever it is doing, and its memory is
 * its own: the child runs with {@link #HEAP} of heap (it dies of an {@code OutOfMemoryError} rather than
 * the server), on one processor's worth of threads, at a lower priority ({@code nice}) where the system
 * has one, and is killed at the deadline, freeing its CPU and memory at once; the server keeps answering
 * on its own heap and the other core.
 *
 * <p>The child is started once and kept (warmed on the served rules at {@link #warm}, so that an edit
 * goes live about as fast as before), and started again after it is killed or dies. What the child judged
 * is exactly what the parent then compiles: the parent reads the files once and sends their text, so an
 * edit made in between cannot slip past. A candidate the child passes is compiled again in the server,
 * bounded by the child having done the same within the deadline; its scenarios are not run again.
 */
final class ReloadWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadWorker.class);

  /** The child's heap: several times what compiling and checking the bundled rules needs. */
  static final String HEAP = "384m";
  /** The exit code of a JVM that {@code -XX:+ExitOnOutOfMemoryError} stopped. */
  private static final int OUT_OF_MEMORY = 3;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String END = "\u0000end";
  /** How every answer of the child begins. */
  private static final String ANSWER = "{\"problems\":";

  private final String heap;
  private Process process;
  /** The running child, for {@link #pid()}, which may be asked while a job is under way. */
  private volatile Process running;
  private OutputStream jobs;
  private BlockingQueue<String> answers;
  /** The jobs sent, or to send, whose answers have not been read, in order: the child answers them in turn. */
  private final java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();
  /** When the child began the job at the head of {@link #pending}, as near as can be told: when the answer before it came. */
  private long headStarted;

  /** A job: the rule set it is for, its text, whether it was sent to the running child, and whether anyone waits for it. */
  private static final class Pending {
    final String name;
    final String line;
    final boolean claimed;
    boolean sent;

    Pending(String name, String line, boolean claimed) {
      this.name = name;
      this.line = line;
      this.claimed = claimed;
    }
  }

  ReloadWorker() {
    this(HEAP);
  }

  /** A worker whose child has {@code heap} of heap, such as {@code 384m}. */
  ReloadWorker(String heap) {
    this.heap = heap;
  }

  /** The name by which the child can make the gate again, or {@code null} when it cannot (a lambda of a test). */
  static String gateName(ServingGate gate) {
    if (gate == ServingGate.NONE) {
      return "";
    }
    Class<?> type = gate.getClass();
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass() || type.getName().contains("$$Lambda")) {
      return null;
    }
    String argument = gate.argument();
    try {
      if (argument == null) {
        type.getConstructor();
        return type.getName();
      }
      type.getConstructor(String.class);
      return type.getName() + ARGUMENT + argument;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** Between a gate's class and the argument of its constructor, in the name the child makes it from. */
  static final char ARGUMENT = '\t';

  /** The gate named by {@link #gateName}, made again in the child. */
  static ServingGate gate(String name) throws ReflectiveOperationException {
    if (name.isEmpty()) {
      return ServingGate.NONE;
    }
    int split = name.indexOf(ARGUMENT);
    if (split < 0) {
      return (ServingGate) Class.forName(name).getConstructor().newInstance();
    }
    return (ServingGate) Class.forName(name.substring(0, split)).getConstructor(String.class)
        .newInstance(name.substring(split + 1));
  }

  /** Starts the child, if it is not running, and has it compile and check {@code files} now, answering nobody. */
  synchronized void warm(RuleSetFiles files, String name, String gate) {
    add(new Pending(name, job(files, name, gate), false));
  }

  /**
   * Sends the child a candidate to judge; its judgement is read, in the order sent, by {@link #next}. Sending
   * every changed rule set at once lets the child work on the next while the server compiles the one before.
   */
  synchronized void submit(RuleSetFiles files, String name, String gate) {
    add(new Pending(name, job(files, name, gate), true));
  }

  /**
   * Forgets the candidates sent whose judgements were never read (a reload that ended early): the child is
   * stopped if it was working on them, so that the next judgement read is the next one asked for.
   */
  synchronized void forget() {
    if (pending.removeIf(job -> job.claimed)) {
      stop();
    }
  }

  /** The child's judgement of one candidate: {@link #submit}, then {@link #next}. */
  synchronized Judgement judge(RuleSetFiles files, String name, String gate, Duration deadline) throws RuleSetException {
    submit(files, name, gate);
    return next(name, deadline);
  }

  private void add(Pending job) {
    pending.add(job);
    try {
      if (process == null || !process.isAlive()) {
        start(); // which sends every job not answered, this one included
      } else {
        write(job);
      }
    } catch (IOException e) {
      stop(); // gone: the next read starts another and sends the jobs again
    }
  }

  /**
   * The child's judgement of the next candidate sent, {@code name}: the problems that keep it from being
   * served, empty when it compiles and passes its gate. Past the deadline (counted from when the child could
   * begin it) the child is killed and the candidate refused; the candidates after it are sent again to a new
   * child.
   */
  synchronized Judgement next(String name, Duration deadline) throws RuleSetException {
    while (true) {
      Pending head = pending.peek();
      if (head == null || (head.claimed && !head.name.equals(name))) {
        throw new IllegalStateException("no judgement of " + name + " was asked for");
      }
      JsonNode answer;
      try {
        answer = answer(head, deadline);
      } catch (IOException e) {
        pending.poll();
        stop();
        if (!head.claimed) {
          continue;
        }
        throw new RuleSetException(new Problem("compile_failed", name + "/" + RuleSetCompiler.MANIFEST, 0,
            "rule set " + name + " could not be compiled: the worker that compiles it stopped"));
      }
      pending.poll();
      headStarted = System.nanoTime();
      if (!head.claimed) {
        continue; // the warm-up's
      }
      List<Problem> problems = new ArrayList<>();
      for (JsonNode problem : answer.path("problems")) {
        problems.add(new Problem(problem.path("code").asText(), problem.path("file").asText(),
            problem.path("line").asInt(), problem.path("message").asText()));
      }
      return new Judgement(problems, Duration.ofNanos(answer.path("compilingNanos").asLong()));
    }
  }

  /** The child's answer to {@code head}; kills the child past the deadline. */
  private JsonNode answer(Pending head, Duration deadline) throws RuleSetException, IOException {
    if (process == null || !process.isAlive() || !head.sent) {
      start();
    }
    // The child began this job when it had answered the one before (or started): the deadline counts from then,
    // though never to less than a tenth of it from now, for an answer already on its way.
    long until = Math.max(headStarted, System.nanoTime() - deadline.toNanos() / 10 * 9) + deadline.toNanos();
    String line;
    try {
      line = answers.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.poll();
      stop();
      throw new RuleSetException(new Problem("reload_timeout", head.name, 0, "the reload was interrupted"));
    }
    if (line == null) {
      pending.poll();
      stop();
      throw new RuleSetException(new Problem("reload_timeout", head.name + "/" + RuleSetCompiler.MANIFEST, 0,
          "compiling rule set " + head.name + " and running its scenarios took longer than " + deadline.toSeconds()
              + " s, so it was refused and stopped; look for a rule set far larger than it needs to be, or a rule "
              + "that matches far too many combinations of facts"));
    }
    if (line.equals(END)) {
      int exit = exitCode();
      if (exit == OUT_OF_MEMORY) {
        pending.poll();
        stop();
        throw new RuleSetException(new Problem("reload_out_of_memory", head.name + "/" + RuleSetCompiler.MANIFEST, 0,
            "compiling rule set " + head.name + " and running its scenarios needed more than "
                + heap.toUpperCase(java.util.Locale.ROOT) + "B of memory, so it was refused and stopped; look for a "
                + "rule set far larger than it needs to be"));
      }
      throw new IOException("the worker stopped (exit code " + exit + ")");
    }
    return JSON.readTree(line);
  }

  private int exitCode() {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private void write(Pending job) throws IOException {
    jobs.write(job.line.getBytes(StandardCharsets.UTF_8));
    jobs.write('\n');
    jobs.flush();
    job.sent = true;
  }

  private void start() throws IOException {
    stop();
    List<String> command = new ArrayList<>();
    Path nice = Path.of("/usr/bin/nice");
    if (Files.isExecutable(nice)) {
      command.addAll(List.of(nice.toString(), "-n", "10")); // nice execs java: the child is still the one process
    }
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-XX:ActiveProcessorCount=1",
        "-XX:+DisplayVMOutputToStderr", "-Xss4m", "-Djava.awt.headless=true",
        "-cp", System.getProperty("java.class.path"), ReloadWorkerMain.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new Unavailable(e);
    }
    running = process;
    jobs = process.getOutputStream();
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    answers = queue;
    Process started = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith(ANSWER)) {
            queue.add(line); // anything else on the child's output is not an answer
          }
        }
      } catch (IOException e) {
        // the child is gone
      }
      queue.add(END);
    }, "peacepath-reload-worker-reader");
    reader.setDaemon(true);
    reader.start();
    LOG.debug("reload worker started, pid {}", process.pid());
    headStarted = System.nanoTime();
    for (Pending job : pending) {
      write(job); // what the child before did not answer
    }
  }

  /** Kills the child, if there is one; the next job starts another. */
  private void stop() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
      running = null;
      jobs = null;
      pending.forEach(job -> job.sent = false);
    }
  }

  /** The child's process id while it runs, for the tests that watch it. */
  java.util.OptionalLong pid() {
    Process child = running;
    return child != null && child.isAlive() ? java.util.OptionalLong.of(child.pid()) : java.util.OptionalLong.empty();
  }

  /** Kills the child at once, even in the middle of a job (which is then refused); the next job starts another. */
  @Override
  public void close() {
    Process child = running;
    if (child != null) {
      child.destroyForcibly();
      try {
        child.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A job as the child reads it: one line of JSON with the rule set's name, its gate and the text of its files. */
  private static String job(RuleSetFiles files, String name, String gate) {
    ObjectNode job = JSON.createObjectNode();
    job.put("name", name);
    job.put("gate", gate);
    job.set("catalog", file(files.catalog()));
    job.set("manifest", file(files.manifestFile()));
    ArrayNode drl = job.putArray("drl");
    files.drl().forEach(file -> drl.add(file(file)));
    ArrayNode scenarios = job.putArray("scenarios");
    files.scenarios().forEach(file -> scenarios.add(file(file)));
    ArrayNode tables = job.putArray("tables");
    files.tables().forEach(table -> tables.addObject().put("path", table.path())
        .put("bytes", java.util.Base64.getEncoder().encodeToString(table.bytes())));
    ArrayNode ruleFiles = job.putArray("ruleFiles");
    files.ruleFiles().forEach(ruleFiles::add);
    return job.toString();
  }

  private static ObjectNode file(SourceFile file) {
    return JSON.createObjectNode().put("path", file.path()).put("text", file.text());
  }

  /** The files of a job, as the child makes them again. */
  static RuleSetFiles files(JsonNode job) throws RuleSetException {
    List<SourceFile> drl = new ArrayList<>();
    job.path("drl").forEach(file -> drl.add(source(file)));
    List<SourceFile> scenarios = new ArrayList<>();
    job.path("scenarios").forEach(file -> scenarios.add(source(file)));
    List<RuleSetFiles.TableFile> tables = new ArrayList<>();
    job.path("tables").forEach(table -> tables.add(new RuleSetFiles.TableFile(table.path("path").asText(),
        java.util.Base64.getDecoder().decode(table.path("bytes").asText()))));
    List<String> ruleFiles = new ArrayList<>();
    job.path("ruleFiles").forEach(path -> ruleFiles.add(path.asText()));
    return RuleSetFiles.of(source(job.path("catalog")), source(job.path("manifest")), drl, scenarios, tables, ruleFiles);
  }

  private static SourceFile source(JsonNode file) {
    return new SourceFile(file.path("path").asText(), file.path("text").asText());
  }

  /** The answer the child gives: the problems, and how long compiling took, as one line of JSON. */
  static String answer(List<Problem> problems, long compilingNanos) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode list = answer.putArray("problems");
    for (Problem problem : problems) {
      list.addObject().put("code", problem.code()).put("file", problem.file()).put("line", problem.line())
          .put("message", problem.message());
    }
    answer.put("compilingNanos", compilingNanos);
    return answer.toString();
  }

  /** No child JVM can be started here (no {@code java} beside this one, or processes not allowed). */
  static final class Unavailable extends RuntimeException {
    Unavailable(IOException cause) {
      super("cannot start a JVM to compile reload candidates in: " + cause.getMessage(), cause);
    }
  }

  /**
   * What the child found: the problems that keep the candidate from being served (empty when it compiles
   * and passes its gate), and how long compiling it took there.
   */
  record Judgement(List<Problem> problems, Duration compiling) {}

  /** Reads a job. */
  static JsonNode read(String line) throws IOException {
    return JSON.readTree(line);
  }
}
