package org.peacepath.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.peacepath.decide.InputProblem;

/**
 * The body of every error response: a sentence, a stable code, and the problems field by field.
 *
 * @param error what went wrong and what to change
 * @param code a stable snake_case code, such as {@code invalid_request}
 * @param details one entry for each problem, naming its field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String code, List<InputProblem> details) {
  public ErrorBody {
    details = details == null ? List.of() : List.copyOf(details);
  }
}
