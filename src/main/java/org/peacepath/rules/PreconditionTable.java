package org.peacepath.rules;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Spelling;

/**
 * A precondition table: one rule a row, for policy staff who would rather fill in a spreadsheet than write
 * DRL. Most rules have one of three shapes, and each shape is a row:
 *
 * <ul>
 *   <li>{@code firm}: a step (or every step of a kind) needs other steps first — "peace-mechanism needs
 *       peace-declaration";
 *   <li>{@code advice}: a step is advised after other steps — a caution while they do not count;
 *   <li>{@code trade}: two or three steps are taken together or not at all — each needs the others.
 * </ul>
 *
 * <p>A table is a {@code .rules.csv} file, or a {@code .rules.xlsx} workbook whose first sheet is laid out the
 * same way, with a header row naming the columns: {@code id}, {@code step} (or {@code kind}), {@code strength},
 * {@code needs} or {@code recommends}, {@code basis}, {@code brief}, {@code source}, {@code rule}, {@code reason}
 * and {@code note} (whose reading an inferred rule is; not compiled). Each row is checked against the catalog
 * and the vocabulary at its row and column, then compiled through a Drools rule template
 * ({@code precondition.drl.template}) into DRL, which the rule language holds like any hand-written file; a
 * problem it finds is reported at the row that made the rule.
 */
public final class PreconditionTable {
  /** The endings of table files. */
  public static final List<String> SUFFIXES = List.of(".rules.csv", ".rules.xlsx");
  /** The columns a table may have, in the order a new table lists them. */
  public static final List<String> COLUMNS = List.of("id", "step", "kind", "strength", "needs", "recommends",
      "basis", "brief", "source", "rule", "reason", "note");
  /** The words {@code strength} may say. */
  public static final List<String> STRENGTHS = List.of("firm", "advice", "trade");
  /** The largest table read, in bytes, and the most rows. */
  static final int MAX_BYTES = 2 * 1024 * 1024;
  static final int MAX_ROWS = 2_000;
  private static final String TEMPLATE = "precondition.drl.template";

  /**
   * A table compiled: the DRL it became (under the table's own path), and for each of its rules the line
   * where the generated DRL writes it and the row and line of the table it came from.
   */
  public record Compiled(SourceFile drl, List<Origin> origins, List<Problem> problems) {
    /** The row of the table behind a line of the generated DRL, or empty before the first rule. */
    Optional<Origin> originOf(int drlLine) {
      Origin found = null;
      for (Origin origin : origins) {
        if (origin.drlLine() <= drlLine) {
          found = origin;
        }
      }
      return Optional.ofNullable(found);
    }

    /** A problem the rule language or the compiler found in the generated DRL, said of the table's row. */
    Problem atRow(Problem problem) {
      return originOf(problem.line())
          .map(o -> new Problem(problem.code(), problem.file(), o.line(), "row " + o.row() + " (rule \"" + o.id() + "\"): "
              + problem.message()))
          .orElse(new Problem(problem.code(), problem.file(), 1, problem.message()));
    }
  }

  /**
   * Where a rule of a table comes from.
   *
   * @param id the rule's id
   * @param row the row of the table, counting the header as row 1, as a spreadsheet numbers it
   * @param line the line of the file where the row starts (a CSV cell may span lines); the row for a workbook
   * @param drlLine the line of the generated DRL where the rule starts
   */
  public record Origin(String id, int row, int line, int drlLine) {}

  private PreconditionTable() {}

  /** Whether the file name is a table's. */
  public static boolean isTable(String path) {
    return SUFFIXES.stream().anyMatch(path::endsWith);
  }

  /** Reads and compiles the table at {@code path} (relative to the rules folder) from its bytes. */
  public static Compiled compile(String path, byte[] bytes, Catalog catalog) {
    List<Problem> problems = new ArrayList<>();
    if (bytes.length > MAX_BYTES) {
      problems.add(new Problem("table_too_large", path, 1, "the table is " + bytes.length / 1024 + " KB; a table of"
          + " rules is at most " + MAX_BYTES / 1024 / 1024 + " MB: split it into several tables"));
      return new Compiled(new SourceFile(path, ""), List.of(), problems);
    }
    List<Row> rows;
    try {
      rows = path.endsWith(".xlsx") ? Workbook.rows(bytes) : csvRows(bytes);
    } catch (IOException | RuntimeException e) {
      problems.add(new Problem("table_syntax", path, 1, "the table cannot be read as "
          + (path.endsWith(".xlsx") ? "a workbook (.xlsx): " : "comma-separated values: ") + plainly(e)));
      return new Compiled(new SourceFile(path, ""), List.of(), problems);
    }
    return compile(path, rows, catalog, problems);
  }

  /** One row as read: its cells by column, and where it stands. */
  record Row(int row, int line, Map<String, String> cells) {}

  private static Compiled compile(String path, List<Row> rows, Catalog catalog, List<Problem> problems) {
    if (rows.isEmpty()) {
      problems.add(new Problem("empty_rule_file", path, 1, "the table has no header row; its first row names the"
          + " columns: " + String.join(",", COLUMNS)));
      return new Compiled(new SourceFile(path, ""), List.of(), problems);
    }
    Row header = rows.get(0);
    List<String> columns = new ArrayList<>();
    for (Map.Entry<String, String> cell : header.cells().entrySet()) {
      String name = cell.getValue().strip();
      String known = COLUMNS.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst().orElse(null);
      if (known == null) {
        if (!name.isEmpty()) {
          problems.add(new Problem("table_column", path, header.line(), "row 1, column " + cell.getKey() + ": \""
              + name + "\" is not a column of a rules table; the columns are " + String.join(", ", COLUMNS)
              + Spelling.didYouMean(name.toLowerCase(Locale.ROOT), COLUMNS)));
        }
        columns.add(null);
      } else if (columns.contains(known)) {
        problems.add(new Problem("table_column", path, header.line(), "row 1: the column \"" + known
            + "\" is there twice; keep one"));
        columns.add(null);
      } else {
        columns.add(known);
      }
    }
    for (String required : List.of("id", "strength", "basis", "source", "rule", "reason")) {
      if (!columns.contains(required)) {
        problems.add(new Problem("table_column", path, header.line(), "row 1: the table has no column \"" + required
            + "\"; add it to the header row"));
      }
    }
    if (!columns.contains("step") && !columns.contains("kind")) {
      problems.add(new Problem("table_column", path, header.line(), "row 1: the table has no column \"step\" (or"
          + " \"kind\"); add it to the header row"));
    }
    if (!problems.isEmpty()) {
      return new Compiled(new SourceFile(path, ""), List.of(), problems);
    }
    if (rows.size() - 1 > MAX_ROWS) {
      problems.add(new Problem("table_too_large", path, 1, "the table has " + (rows.size() - 1) + " rows; a table of"
          + " rules has at most " + MAX_ROWS + ": split it into several tables"));
      return new Compiled(new SourceFile(path, ""), List.of(), problems);
    }

    List<Map<String, Object>> templateRows = new ArrayList<>();
    List<Row> compiled = new ArrayList<>();
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (Row row : rows.subList(1, rows.size())) {
      Map<String, String> byColumn = new LinkedHashMap<>();
      int i = 0;
      for (String value : row.cells().values()) {
        String column = i < columns.size() ? columns.get(i) : null;
        if (column != null) {
          byColumn.put(column, value == null ? "" : value.strip());
        } else if (value != null && !value.isBlank() && i >= columns.size()) {
          problems.add(new Problem("table_column", path, row.line(), "row " + row.row() + ": a cell stands past the"
              + " last column of the header (\"" + abbreviate(value) + "\"); add the column's name, or move the cell"));
        }
        i++;
      }
      if (byColumn.values().stream().allMatch(String::isEmpty)) {
        continue; // an empty row, as spreadsheets leave
      }
      Cells cells = new Cells(path, row, byColumn, catalog, problems);
      Map<String, Object> rule = cells.rule();
      if (rule != null) {
        Integer earlier = ids.putIfAbsent((String) rule.get("id"), row.row());
        if (earlier != null) {
          problems.add(new Problem("duplicate_rule_id", path, row.line(), "row " + row.row() + ", column id: \""
              + rule.get("id") + "\" is the id of row " + earlier + " too; give each rule its own id"));
        }
        templateRows.add(rule);
        compiled.add(row);
      }
    }
    if (!problems.isEmpty()) {
      return new Compiled(new SourceFile(path, ""), List.of(), problems);
    }
    if (templateRows.isEmpty()) {
      problems.add(new Problem("empty_rule_file", path, 1, "the table holds no rules, only its header; add a row"
          + " for each rule, or delete the file if the rules are meant to go"));
      return new Compiled(new SourceFile(path, ""), List.of(), problems);
    }
    String drl;
    try (InputStream template = PreconditionTable.class.getResourceAsStream(TEMPLATE)) {
      drl = new org.drools.template.ObjectDataCompiler().compile(templateRows, template);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("the rule template of precondition tables cannot be read", e);
    }
    List<Origin> origins = new ArrayList<>();
    String[] lines = drl.split("\n", -1);
    int next = 0;
    for (int i = 0; i < lines.length && next < compiled.size(); i++) {
      if (lines[i].startsWith("rule \"")) {
        Row row = compiled.get(next);
        origins.add(new Origin((String) templateRows.get(next).get("id"), row.row(), row.line(), i + 1));
        next++;
      }
    }
    return new Compiled(new SourceFile(path, drl), origins, problems);
  }

  /** The cells of one row, checked, as the template's fields. */
  private record Cells(String path, Row row, Map<String, String> cells, Catalog catalog, List<Problem> problems) {
    String get(String column) {
      return cells.getOrDefault(column, "");
    }

    void problem(String code, String column, String message) {
      problems.add(new Problem(code, path, row.line(), "row " + row.row() + ", column " + column + ": " + message));
    }

    Map<String, Object> rule() {
      int before = problems.size();
      for (Map.Entry<String, String> cell : cells.entrySet()) {
        String bad = badCharacter(cell.getValue());
        if (bad != null) {
          problem("table_cell", cell.getKey(), bad);
        }
      }
      if (problems.size() > before) {
        return null;
      }
      String id = get("id");
      if (id.isEmpty()) {
        problem("missing_metadata", "id", "every rule needs a short, stable id, such as mechanism-after-declaration");
      } else if (!CatalogReader.STEP_ID.matcher(id).matches()) {
        problem("invalid_rule_id", "id", "\"" + id + "\" is not an id; an id is lowercase words joined by hyphens,"
            + " such as mechanism-after-declaration");
      }
      String strength = get("strength").toLowerCase(Locale.ROOT);
      if (!STRENGTHS.contains(strength)) {
        problem("table_cell", "strength", (strength.isEmpty() ? "say" : "\"" + get("strength") + "\" is not a strength; say")
            + " firm (the step is blocked until the steps it needs count), advice (a caution while the steps it"
            + " recommends do not count) or trade (the steps are taken together or not at all)"
            + Spelling.didYouMean(strength, STRENGTHS));
      }
      String basis = get("basis");
      if (!RuleInfo.BASES.contains(basis)) {
        problem("unknown_basis", "basis", (basis.isEmpty() ? "say" : "\"" + basis + "\" is not a basis; say")
            + " stated (the text says it), hedged (it proposes it with could, might, perhaps) or inferred (a reading"
            + " of the text)" + Spelling.didYouMean(basis, RuleInfo.BASES));
      }
      for (String column : List.of("source", "rule", "reason")) {
        if (get(column).isEmpty()) {
          problem("missing_metadata", column, switch (column) {
            case "source" -> "quote the sentence of the source the rule encodes, word for word (parts joined by …)";
            case "rule" -> "name the rule in a plain sentence, such as \"The peace mechanism comes after the peace declaration\"";
            default -> "give the reason a negotiator reads aloud, a whole sentence; {missing} stands for the steps still missing";
          });
        }
      }
      List<String> steps = new ArrayList<>();
      String kind = get("kind");
      if (!get("step").isEmpty() && !kind.isEmpty()) {
        problem("table_cell", "kind", "a row names a step or a kind, not both; empty one of the two");
      } else if (!kind.isEmpty()) {
        if (!catalog.kinds().contains(kind)) {
          problem("unknown_kind", "kind", "\"" + kind + "\" is not a kind of step; the kinds are "
              + String.join(", ", catalog.kinds())
              + Spelling.didYouMean(kind, catalog.kinds()));
        }
      } else {
        steps = steps("step");
        if (steps.isEmpty() && problems.size() == before) {
          problem("table_cell", "step", "name the step the rule is about (or fill in the column kind instead)");
        }
      }
      List<String> needs = steps("needs");
      List<String> recommends = steps("recommends");
      switch (strength) {
        case "firm" -> {
          if (needs.isEmpty() && get("needs").isEmpty()) {
            problem("table_cell", "needs", "a firm rule names the steps the step needs first");
          }
          if (!get("recommends").isEmpty()) {
            problem("table_cell", "recommends", "a firm rule needs steps; write them under needs, or make the row advice");
          }
          if ("hedged".equals(basis) && get("brief").isEmpty()) {
            problem("hedged_firm_rule", "strength", "a firm rule on a hedged basis: where the source proposes a step"
                + " with could, might or perhaps, make the row advice (strength advice, the steps under recommends);"
                + " a firm rule may rest on a hedged sentence only when the design brief makes it firm, and then the"
                + " column brief gives the brief's words");
          }
        }
        case "advice" -> {
          if (!get("needs").isEmpty()) {
            problem("table_cell", "needs", "advice recommends steps; write them under recommends, or make the row firm");
          }
        }
        case "trade" -> {
          if (!get("needs").isEmpty() || !get("recommends").isEmpty()) {
            problem("table_cell", get("needs").isEmpty() ? "recommends" : "needs", "a trade names its steps under"
                + " step, and each needs the others; leave needs and recommends empty");
          }
          if (!kind.isEmpty() || steps.size() < 2 || steps.size() > 3) {
            problem("table_cell", "step", "a trade names two or three steps under step, such as"
                + " \"missile-restraint, satellite-launch-services\"");
          }
        }
        default -> { }
      }
      for (String step : needs) {
        if (steps.contains(step)) {
          problem("table_cell", "needs", step + " cannot need itself; remove it from needs or from step");
        }
      }
      if (problems.size() > before) {
        return null;
      }
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("rule", literal(get("rule")));
      rule.put("id", literal(id));
      rule.put("basis", literal(basis));
      rule.put("source", literal(get("source")));
      rule.put("briefLine", get("brief").isEmpty() ? "" : "@brief(\"" + literal(get("brief")) + "\")");
      rule.put("match", !kind.isEmpty() ? "kind == \"" + kind + "\""
          : steps.size() == 1 ? "step == \"" + steps.get(0) + "\"" : "step in ( " + quoted(steps) + " )");
      rule.put("reason", literal(get("reason")));
      if (strength.equals("trade")) {
        rule.put("condition", "$other : Open( step in ( " + quoted(steps) + " ), step != $open.step )");
        rule.put("finding", "Blocked");
        rule.put("steps", ", $other.step()");
      } else {
        List<String> after = strength.equals("firm") ? needs : recommends;
        rule.put("condition", missing(after, catalog));
        rule.put("finding", strength.equals("firm") ? "Blocked" : "Caution");
        rule.put("steps", after.isEmpty() ? "" : ", " + quoted(after));
      }
      return rule;
    }

    /** The step ids of a cell, separated by commas, semicolons or line breaks, each checked against the catalog. */
    List<String> steps(String column) {
      List<String> ids = new ArrayList<>();
      for (String word : get(column).split("[,;\\n]")) {
        String id = word.strip();
        if (id.isEmpty()) {
          continue;
        }
        if (!catalog.contains(id)) {
          problem("unknown_step", column, "'" + id + "' is not a step" + Spelling.didYouMean(catalog.suggest(id)));
        } else if (ids.contains(id)) {
          problem("table_cell", column, id + " is named twice; name it once");
        } else {
          ids.add(id);
        }
      }
      return ids;
    }
  }

  /**
   * What is wrong with a cell's characters, or {@code null}: text only, with no control characters, and no
   * {@code @} (the template's own marker) — a table says what a rule decides, never how to run it.
   */
  static String badCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '@') {
        return "the character @ is not allowed in a table; write \"at\"";
      }
      if (c == '\\') {
        return "the character \\ is not allowed in a table; write / if a slash is meant";
      }
      if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
        return String.format("the control character U+%04X is not allowed; retype the text around it", (int) c);
      }
      if (c == '\uFEFF' || c == '\uFFFD') {
        return String.format("the character U+%04X is not allowed; retype the text around it", (int) c);
      }
    }
    return null;
  }

  /**
   * The condition "some of these steps does not count yet", in a form whose work is bounded whatever the
   * record: a step still open (none of them repeatable, so open means not counted), or else one absence each.
   */
  private static String missing(List<String> steps, Catalog catalog) {
    if (steps.isEmpty()) {
      return "";
    }
    if (steps.size() == 1) {
      return "not Done( step == \"" + steps.get(0) + "\" )";
    }
    if (steps.stream().noneMatch(s -> catalog.get(s).repeatable())) {
      return "exists( Open( step in ( " + quoted(steps) + " ) ) )";
    }
    return "( " + String.join(" or ", steps.stream().map(s -> "not Done( step == \"" + s + "\" )").toList()) + " )";
  }

  /** Text as the inside of a DRL string literal: quotes escaped, line breaks as spaces. */
  private static String literal(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").replace("\"", "\\\"");
  }

  private static String quoted(List<String> ids) {
    return String.join(", ", ids.stream().map(id -> "\"" + id + "\"").toList());
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 37) + "…";
  }

  private static String plainly(Exception e) {
    String message = e.getMessage() == null ? "the file is damaged" : e.getMessage();
    return message.lines().findFirst().orElse(message)
        .replaceAll("\\s*\\[Source:.*$", "")
        .replaceAll("(?:[a-z][\\w$]*\\.){2,}([A-Z][\\w$]*)", "$1");
  }

  /** The rows of a CSV table, each with its cells in column order and the line where it starts. */
  private static List<Row> csvRows(byte[] bytes) throws IOException {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    List<Row> rows = new ArrayList<>();
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // spreadsheets save CSV with a byte-order mark
    }
    try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(text)) {
      while (it.hasNext()) {
        int line = it.getCurrentLocation() == null ? rows.size() + 1 : it.getCurrentLocation().getLineNr();
        List<String> cells = it.next();
        Map<String, String> byColumn = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
          byColumn.put(columnName(i), cells.get(i));
        }
        rows.add(new Row(rows.size() + 1, Math.max(line, 1), byColumn));
      }
    }
    return rows;
  }

  /** A column as a spreadsheet names it: A, B, …, Z, AA. */
  static String columnName(int index) {
    StringBuilder name = new StringBuilder();
    for (int i = index + 1; i > 0; i = (i - 1) / 26) {
      name.insert(0, (char) ('A' + (i - 1) % 26));
    }
    return name.toString();
  }

  /** The first sheet of a workbook, read as the rows of a table. */
  private static final class Workbook {
    static List<Row> rows(byte[] bytes) throws IOException {
      List<Row> rows = new ArrayList<>();
      try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(bytes))) {
        var sheet = workbook.getSheetAt(0);
        var format = new org.apache.poi.ss.usermodel.DataFormatter(Locale.ROOT);
        int width = 0;
        for (var row : sheet) {
          if (row.getRowNum() > MAX_ROWS + 1) {
            break;
          }
          width = Math.max(width, row.getLastCellNum());
        }
        for (var row : sheet) {
          if (row.getRowNum() > MAX_ROWS + 1) {
            rows.add(new Row(row.getRowNum() + 1, row.getRowNum() + 1, Map.of()));
            break;
          }
          Map<String, String> cells = new LinkedHashMap<>();
          for (int i = 0; i < width; i++) {
            var cell = row.getCell(i);
            cells.put(columnName(i), cell == null ? "" : format.formatCellValue(cell));
          }
          rows.add(new Row(row.getRowNum() + 1, row.getRowNum() + 1, cells));
        }
      }
      return rows;
    }
  }
}
