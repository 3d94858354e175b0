package org.peacepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peacepath.cli.Main;
import org.peacepath.wire.Json;
import org.peacepath.http.ApiServer;
import picocli.CommandLine;

/**
 * Every shell block of the README works as pasted: each peacepath command parses, names files that are
 * there, and (for evaluate, plan and check) runs to exit code 0; each curl names a route the server has,
 * with a body that is JSON.
 */
class ReadmeTest {
  /** How the README runs peacepath: the script beside it, which starts the jar with the JVM settings of each command. */
  static final String LAUNCHER = "./peacepath ";

  /** Each command of each {@code sh} block of the README, backslash continuations joined. */
  static Stream<String> commands() throws Exception {
    List<String> commands = new ArrayList<>();
    Matcher block = Pattern.compile("(?s)```sh\\n(.*?)```").matcher(Files.readString(Path.of("README.md")));
    while (block.find()) {
      String text = block.group(1).replace("\\\n", " ");
      // a command ends at a line that does not leave a quote open
      StringBuilder command = new StringBuilder();
      for (String line : text.split("\n")) {
        command.append(command.length() == 0 ? "" : "\n").append(line);
        if (command.chars().filter(c -> c == '\'').count() % 2 == 0) {
          for (String part : command.toString().split(" && ")) {
            if (!part.isBlank()) {
              commands.add(part.strip());
            }
          }
          command.setLength(0);
        }
      }
    }
    return commands.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void every_command_of_the_readme_works_as_pasted(String command) throws Exception {
    if (command.startsWith("mvn ")) {
      assertTrue(command.matches("mvn -B( -q)? (test|package -DskipTests)"), command);
    } else if (command.startsWith("curl ")) {
      Matcher url = Pattern.compile("http://127\\.0\\.0\\.1:7070(/[^ ']*)").matcher(command);
      assertTrue(url.find(), command);
      String method = command.contains("-X POST") ? "POST" : "GET";
      assertTrue(ApiServer.ROUTES.stream().anyMatch(r -> r.method().equals(method) && r.matches(url.group(1))),
          method + " " + url.group(1) + " is a route");
      Matcher body = Pattern.compile("(?s)-d '(.*)'").matcher(command);
      if (body.find()) {
        Json.MAPPER.readTree(body.group(1));
        assertTrue(command.contains("Content-Type: application/json"), "a body is sent as JSON");
      }
    } else {
      assertTrue(command.startsWith(LAUNCHER), "a command of the README runs peacepath as ./peacepath: " + command);
      String[] args = command.substring(LAUNCHER.length()).trim().split("\\s+");
      new CommandLine(new Main()).parseArgs(args);
      for (String arg : args) {
        if (arg.startsWith("examples/") || arg.equals("rules")) {
          assertTrue(Files.exists(Path.of(arg)), arg + " is in the project");
        }
      }
      if (List.of("evaluate", "plan", "check").contains(args[0])) {
        boolean needsSource = List.of(args).contains("--source");
        if (needsSource && !Files.exists(Path.of(args[List.of(args).indexOf("--source") + 1]))) {
          return; // the source text lies beside the project, where CI puts it
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(err), args), err.toString());
      }
    }
  }
}
