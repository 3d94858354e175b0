package org.peacepath.http;

import org.peacepath.wire.ErrorBody;
import org.peacepath.wire.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.peacepath.wire.Json;

/**
 * The errors Jetty answers itself, before a request reaches peacepath — an address it cannot read, a
 * header too long, a request while the server stops — in the same {@code {error, code, details}} body
 * as every other error, in words, with nothing of Jetty's internals.
 */
final class JsonErrors extends ErrorHandler {
  private final AtomicBoolean stopping;

  JsonErrors(AtomicBoolean stopping) {
    this.stopping = stopping;
  }

  /**
   * The body of an error Jetty answers, by the status Jetty chose: the code is the one {@link ErrorCode} gives
   * that status, or {@code bad_request} (or {@code internal_error}) for a status no code of its own names.
   */
  static ErrorBody body(int status) {
    return switch (status) {
      case 400 -> ErrorCode.BAD_REQUEST.body("the request could not be read: its address, headers or length are malformed "
          + "(an address with \"..\", a NUL or a bad %-escape, two different lengths); send a plain request to one "
          + "of the routes at /openapi.json", List.of());
      case 404 -> ErrorCode.NO_ROUTE.body("no such route; the routes are listed at /openapi.json", List.of());
      case 408 -> ErrorCode.REQUEST_TIMEOUT.body("the request came too slowly or stopped coming; send it again in one go", List.of());
      case 413 -> ErrorCode.BODY_TOO_LARGE.body("the body is larger than " + Bodies.MAX_BYTES + " bytes; a negotiation record is far"
          + " smaller, so send only the steps taken", List.of());
      case 414 -> ErrorCode.URI_TOO_LONG.body("the address is too long; put what you send in the body", List.of());
      case 431 -> ErrorCode.HEADERS_TOO_LARGE.body("the request's headers are too large; send fewer or shorter headers", List.of());
      case 503 -> ErrorCode.UNAVAILABLE.body("peacepath is stopping and takes no new requests; send it again in a moment", List.of());
      default -> status >= 500
          ? ErrorCode.INTERNAL_ERROR.body("peacepath failed to answer; the server log has the details", List.of())
          : ErrorCode.BAD_REQUEST.body("the request could not be answered (HTTP " + status + ")", List.of());
    };
  }

  private byte[] bytes(int status) {
    return Json.write(body(status)).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    if (code == 503 || stopping.get()) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.write(true, ByteBuffer.wrap(bytes(code)), callback);
  }

  @Override
  @SuppressWarnings("removal")
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(bytes(status));
  }
}
