package org.peacepath.rules;

import java.util.List;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * A rule set compiled from its DRL files as written, the way peacepath compiled them before it printed
 * them anew: for tests that hold the printed DRL to deciding exactly as the trusted bundled files did.
 * Never for a file that has not passed the rule language.
 */
public final class AsWritten {
  private static int builds;

  private AsWritten() {}

  /** The rule set {@code name} under {@code root}, its rules compiled from the files' own text. */
  public static synchronized RuleSet compile(Path root, String name) throws RuleSetException {
    RuleSet printed = RuleSetCompiler.compile(root, name);
    RuleSetFiles files = RuleSetFiles.read(root, name);
    KieServices kie = KieServices.Factory.get();
    ReleaseId release = kie.newReleaseId("org.peacepath.aswritten", name, "build-" + ++builds);
    KieFileSystem kfs = kie.newKieFileSystem();
    kfs.generateAndWritePomXML(release);
    java.util.List<SourceFile> written = new java.util.ArrayList<>(files.drl());
    for (RuleSetFiles.TableFile table : files.tables()) {
      written.add(PreconditionTable.compile(table.path(), table.bytes(), printed.catalog()).drl()); // as the template wrote it
    }
    for (SourceFile file : written) {
      String flat = file.path().replace('/', '~') + (file.path().endsWith(".drl") ? "" : ".drl");
      kfs.write("src/main/resources/peacepath/" + flat, file.text().getBytes(StandardCharsets.UTF_8));
    }
    KieBuilder builder = kie.newKieBuilder(kfs).buildAll();
    if (builder.getResults().hasMessages(Message.Level.ERROR)) {
      throw new AssertionError(builder.getResults().getMessages(Message.Level.ERROR).toString());
    }
    org.kie.api.KieBase kieBase = kie.newKieContainer(release).getKieBase();
    kie.getRepository().removeKieModule(release);
    return new RuleSet(printed.name(), printed.manifest(), printed.revision(), printed.loadedAt(), printed.catalog(),
        kieBase, printed.rules(), printed.files(), printed.scenarios(), written, List.of());
  }
}
