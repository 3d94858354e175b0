package org.peacepath.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The child JVM of a {@link ReloadWorker}: reads one job a line from standard input (a rule set's files,
 * its name, its gate), compiles it and runs the gate as a reload would, and writes the problems found as
 * one line to standard output. It ends when standard input does, that is when the server does; the server
 * kills it at a reload's deadline.
 */
public final class ReloadWorkerMain {
  private ReloadWorkerMain() {}

  public static void main(String[] args) throws IOException {
    PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err); // whatever else prints goes where the server does not read
    // The server may send several jobs at once: they are read as they come, so that its writes never wait
    // for the job under way to end.
    java.util.concurrent.BlockingQueue<String> jobs = new java.util.concurrent.LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          jobs.add(line);
        }
      } catch (IOException e) {
        // the server is gone
      }
      jobs.add(END);
    }, "peacepath-reload-jobs");
    reader.setDaemon(true);
    reader.start();
    while (true) {
      String line;
      try {
        line = jobs.take();
      } catch (InterruptedException e) {
        break;
      }
      if (line.equals(END)) {
        break;
      }
      answers.println(judge(line));
    }
    System.exit(0);
  }

  private static final String END = "\u0000end";

  /**
   * The answer to one job: the problems of its candidate, empty when it compiles and passes its gate, as
   * {@link Reloader#candidate} finds them, and how long compiling it took, which the server will spend again.
   */
  static String judge(String line) {
    String name = "?";
    long compiling = 0;
    try {
      JsonNode job = ReloadWorker.read(line);
      name = job.path("name").asText();
      String gateName = job.path("gate").asText("");
      ServingGate gate = ReloadWorker.gate(gateName);
      long start = System.nanoTime();
      RuleSet ruleSet = RuleSetCompiler.compile(ReloadWorker.files(job), name);
      compiling = System.nanoTime() - start;
      return ReloadWorker.answer(gate.shortfalls(ruleSet), compiling);
    } catch (RuleSetException e) {
      return ReloadWorker.answer(e.problems(), compiling);
    } catch (Exception | StackOverflowError e) {
      return ReloadWorker.answer(List.of(new Problem("compile_failed", name + "/" + RuleSetCompiler.MANIFEST, 0,
          "rule set " + name + " could not be compiled: " + Faults.inWords(e))), compiling);
    }
  }
}
