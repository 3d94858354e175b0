package org.peacepath.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.peacepath.rules.RuleSets;

/**
 * The answer of {@code GET /v1/rulesets/{name}/revisions/{revision}}: the files a served revision was compiled
 * from, by their path under the rules folder, so that {@code peacepath diff} can compare an edit with what
 * the server served. A text file is given as text; a workbook as base64.
 *
 * @param name the rule set
 * @param revision the revision
 * @param files its files
 */
public record RevisionFiles(String name, String revision, List<File> files) {

  /** One file: its path and its text, or its bytes in base64 when it is not text. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record File(String path, String text, String base64) {}

  static RevisionFiles of(RuleSets.ServedRevision served) {
    List<File> files = new ArrayList<>();
    served.files().forEach((path, bytes) -> {
      String text = path.endsWith(".xlsx") ? null : utf8(bytes);
      files.add(text != null ? new File(path, text, null) : new File(path, null, Base64.getEncoder().encodeToString(bytes)));
    });
    return new RevisionFiles(served.name(), served.revision(), files);
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
