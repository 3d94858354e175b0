package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.RulesCopy;
import org.peacepath.decide.Decision;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.RecordedStep;
import org.peacepath.scenario.ScenarioGate;
import org.peacepath.wire.Json;

/**
 * A precondition table kept as a spreadsheet: a real {@code .rules.xlsx} workbook, written as policy staff
 * would save it, is read as its CSV twin is, decides the same, is said at its row and column when a cell is
 * wrong, and is judged by the reload child like any other file.
 */
class WorkbookTableTest {
  @TempDir Path dir;

  /** The rows of a CSV table as a workbook of one sheet, every cell text, the way a spreadsheet saves it. */
  static byte[] workbook(Path csv, String from, String to) throws Exception {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(csv.toFile());
        XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      var sheet = book.createSheet("rules");
      int r = 0;
      while (rows.hasNext()) {
        List<String> cells = rows.next();
        var row = sheet.createRow(r++);
        for (int c = 0; c < cells.size(); c++) {
          String cell = cells.get(c);
          row.createCell(c).setCellValue(cell.equals(from) ? to : cell);
        }
      }
      book.write(bytes);
      return bytes.toByteArray();
    }
  }

  /** treaty-first's table replaced by a workbook of the same rows, {@code from} made {@code to} in a cell. */
  Path asWorkbook(String from, String to) throws Exception {
    RulesCopy.of(dir);
    Path csv = dir.resolve("treaty-first/treaty-first.rules.csv");
    Files.write(dir.resolve("treaty-first/treaty-first.rules.xlsx"), workbook(csv, from, to));
    Files.delete(csv);
    return dir;
  }

  /** A decision as JSON, without what differs from one revision to another by nature: its id and revision. */
  static com.fasterxml.jackson.databind.JsonNode answer(Decision decision) {
    com.fasterxml.jackson.databind.node.ObjectNode json = Json.MAPPER.valueToTree(decision);
    json.remove(List.of("decisionId", "ruleset"));
    return json;
  }

  @Test
  void a_workbook_of_the_same_rows_is_the_same_rules_and_decides_the_same() throws Exception {
    RuleSet csv = RuleSetCompiler.compile(org.peacepath.Bundled.RULES, "treaty-first");
    RuleSet xlsx = RuleSetCompiler.compile(asWorkbook("", ""), "treaty-first");

    assertEquals(csv.rules().values().stream().map(RuleInfo::id).sorted().toList(),
        xlsx.rules().values().stream().map(RuleInfo::id).sorted().toList());
    assertTrue(xlsx.rules().values().stream().anyMatch(r -> r.file().equals("treaty-first/treaty-first.rules.xlsx")),
        "its rules are said of the workbook");
    for (List<String> steps : List.of(List.<String>of(), List.of("peace-declaration"), List.of("peace-treaty"),
        List.of("peace-declaration", "missile-restraint"), List.of("four-party-talks", "normalization"))) {
      List<RecordedStep> record = steps.stream().map(RecordedStep::of).toList();
      Decision was = Evaluator.decide(csv, record);
      Decision is = Evaluator.decide(xlsx, record);
      assertEquals(answer(was), answer(is), "the record " + steps);
    }
    assertEquals(List.of(), new ScenarioGate().shortfalls(xlsx), "every scenario passes with the workbook");
  }

  @Test
  void a_misspelt_cell_of_a_workbook_is_said_at_its_row_and_column_by_the_compiler_and_the_reload_child()
      throws Exception {
    Path rules = asWorkbook("peace-declaration", "peace-declartion");

    RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetCompiler.compile(rules, "treaty-first"));
    assertEquals("treaty-first/treaty-first.rules.xlsx:4: row 4, column needs: 'peace-declartion' is not a step;"
        + " did you mean \"peace-declaration\"?", e.problems().get(0).toString());

    try (ReloadWorker worker = new ReloadWorker()) {
      List<Problem> judged = worker.judge(RuleSetFiles.read(rules, "treaty-first"), "treaty-first",
          ReloadWorker.gateName(new ScenarioGate()), Duration.ofSeconds(60)).problems();
      assertEquals(e.problems(), judged, "the child reads the workbook's bytes as the server does");
    }
  }
}
