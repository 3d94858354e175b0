package org.peacepath.http;

import org.peacepath.wire.ErrorBody;
import org.peacepath.wire.ErrorCode;
import org.peacepath.wire.Errors;
import java.util.List;
import org.peacepath.decide.InputProblem;

/** An error response to send as it is: its code (which chooses its status), message and details are the client's to read. */
final class ApiException extends RuntimeException implements Errors.Said {
  private final ErrorCode code;
  private final List<InputProblem> details;

  ApiException(ErrorCode code, String message, List<InputProblem> details) {
    super(message);
    this.code = code;
    this.details = details;
  }

  @Override
  public ErrorBody body() {
    return code.body(getMessage(), details);
  }
}
