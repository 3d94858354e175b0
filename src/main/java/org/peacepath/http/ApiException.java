package org.peacepath.http;

import org.peacepath.wire.ErrorBody;
import java.util.List;
import org.peacepath.decide.InputProblem;

/** An error response to send as it is: its status, code and message are already the client's to read. */
final class ApiException extends RuntimeException {
  final int status;
  final String code;
  final List<InputProblem> details;

  ApiException(int status, String code, String message, List<InputProblem> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  ErrorBody body() {
    return new ErrorBody(getMessage(), code, details);
  }
}
