package org.peacepath.decide;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a request, at the field that holds it.
 *
 * @param field where, such as {@code completed[2].parties[0]}; {@code (body)} for the body as a whole
 * @param code a stable snake_case code, such as {@code unknown_step}
 * @param message what is wrong and what to change, as a sentence
 * @param suggestion the value most likely meant, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputProblem(String field, String code, String message, String suggestion) {
  public InputProblem(String field, String code, String message) {
    this(field, code, message, null);
  }
}
