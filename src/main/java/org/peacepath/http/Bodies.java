package org.peacepath.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.peacepath.wire.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.peacepath.decide.InputProblem;
import org.peacepath.wire.Json;

/** Reads request bodies as JSON, never more than the limit, and says exactly where malformed JSON breaks. */
final class Bodies {
  /** The largest body accepted: 1 MB. */
  static final int MAX_BYTES = 1_000_000;

  private Bodies() {}

  /** A request body: as read, and as received (which the decision log keeps). */
  record Body(JsonNode json, byte[] bytes) {}

  static Body json(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type == null || !isJson(type)) {
      // A form or text/plain is what a page on another site may post without asking; a body without a type
      // says nothing of what it is. Either way the body is not read.
      ctx.header("Connection", "close"); // the body is not read, so the connection cannot carry another request
      String sent = type == null ? "without a Content-Type header" : "with the header Content-Type: " + media(type);
      throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body is sent " + sent
          + "; send it as JSON, with the header Content-Type: application/json", List.of());
    }
    if (ctx.contentLength() > MAX_BYTES) {
      // Said within a second: what the client sends at once is read and thrown away, so that it hears the
      // 413 rather than a reset, but a body that does not come is not waited for; the connection then closes.
      ctx.header("Connection", "close");
      drainBriefly(ctx);
      throw tooLarge();
    }
    byte[] bytes = read(ctx);
    if (bytes.length == 0) {
      throw new ApiException(ErrorCode.INVALID_JSON, "the body is empty: send a JSON object such as "
          + "{\"ruleset\": \"sigal\", \"completed\": []}", List.of(new InputProblem("(body)", "invalid_json",
          "the body is empty; send a JSON object such as {\"ruleset\": \"sigal\", \"completed\": []}")));
    }
    utf8(bytes);
    try {
      return new Body(Json.MAPPER.readTree(bytes), bytes);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      String message = "the body is not valid JSON" + where + ": " + Json.why(e);
      throw new ApiException(ErrorCode.INVALID_JSON, message, List.of(new InputProblem("(body)", "invalid_json", message)));
    } catch (IOException e) {
      throw unreadable();
    }
  }

  /**
   * Refuses a body that is not strict UTF-8, as JSON must be: an overlong form (such as {@code C0 80} for
   * NUL), a surrogate, a code point past U+10FFFF or a broken sequence. The parser would let some of them
   * through, and the decision log would then copy bytes that no strict reader accepts.
   */
  static void utf8(byte[] bytes) {
    int first = 0;
    while (first < bytes.length && bytes[first] >= 0) {
      first++; // ASCII, as most bodies are throughout, is UTF-8 already
    }
    if (first == bytes.length) {
      return;
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(Math.min(bytes.length, 8192));
    CoderResult result;
    while ((result = decoder.decode(in, out, true)).isOverflow()) {
      out.clear();
    }
    if (result.isError()) {
      int at = in.position();
      String message = "the body is not UTF-8 at byte " + at + " (counting from 0): " + hex(bytes, at) + " is "
          + notUtf8(bytes, at) + "; send the body in UTF-8, each character in its shortest form, or write the "
          + "character as a \\u escape";
      throw new ApiException(ErrorCode.INVALID_JSON, message, List.of(new InputProblem("(body)", "invalid_json", message)));
    }
  }

  /** The sequence that begins at {@code at} in hex: its first byte and the continuation bytes it announces. */
  private static String hex(byte[] bytes, int at) {
    int lead = bytes[at] & 0xff;
    int length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    StringBuilder hex = new StringBuilder(String.format("%02X", lead));
    for (int i = at + 1; i < Math.min(bytes.length, at + length) && (bytes[i] & 0xc0) == 0x80; i++) {
      hex.append(String.format(" %02X", bytes[i] & 0xff));
    }
    return hex.toString();
  }

  /** What the decoder refused at {@code at}, in words: only to say it, never to decide it. */
  private static String notUtf8(byte[] bytes, int at) {
    int lead = bytes[at] & 0xff;
    int next = at + 1 < bytes.length ? bytes[at + 1] & 0xff : 0;
    boolean continued = next >= 0x80 && next < 0xc0;
    if (lead == 0xc0 || lead == 0xc1 || continued && (lead == 0xe0 && next < 0xa0 || lead == 0xf0 && next < 0x90)) {
      return "an overlong form (a character written in more bytes than UTF-8 allows)";
    }
    if (lead == 0xed && continued && next >= 0xa0) {
      return "a surrogate (half of a UTF-16 pair, which UTF-8 writes as the one character the pair stands for)";
    }
    if (lead == 0xf4 && continued && next >= 0x90 || lead >= 0xf5 && lead <= 0xf7) {
      return "a code point past U+10FFFF, the last there is";
    }
    if (lead >= 0xf8) {
      return "a byte that UTF-8 never uses";
    }
    if (lead < 0xc0) {
      return "a continuation byte with no character begun before it";
    }
    return "a character cut short";
  }

  private static byte[] read(Context ctx) {
    try (InputStream in = ctx.bodyInputStream()) {
      int length = ctx.contentLength();
      if (length >= 0) {
        // The usual case: the client said how long the body is, so read exactly that.
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
          throw new ApiException(ErrorCode.INVALID_JSON, "the body ended after " + bytes.length + " of the "
              + length + " bytes its Content-Length announced", List.of());
        }
        return bytes;
      }
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        ctx.header("Connection", "close");
        drainBriefly(ctx);
        throw tooLarge();
      }
      return bytes;
    } catch (IOException e) {
      throw unreadable();
    } catch (RuntimeException e) {
      throw fromJetty(e);
    }
  }

  /** Jetty's complaint about how a body was sent (too slowly, say), as the client's error it is. */
  private static RuntimeException fromJetty(RuntimeException e) {
    if (!(e instanceof org.eclipse.jetty.http.HttpException http)) {
      return e;
    }
    return switch (http.getCode()) {
      case 408 -> new ApiException(ErrorCode.REQUEST_TIMEOUT, "the body came too slowly (under "
          + ServerOptions.MIN_REQUEST_DATA_RATE + " bytes a second) or stopped coming; send it again in one go",
          List.of());
      case 413 -> tooLarge();
      default -> unreadable();
    };
  }

  /** The most of an oversized body read and thrown away, and the longest that may take. */
  private static final long MAX_DRAIN = 16L * MAX_BYTES;
  private static final long DRAIN_NANOS = 1_000_000_000L;

  /** Reads and throws away what of the body arrives within a second, never waiting on a read. */
  private static void drainBriefly(Context ctx) {
    long deadline = System.nanoTime() + DRAIN_NANOS;
    byte[] buffer = new byte[64 * 1024];
    long drained = 0;
    try {
      var in = ctx.req().getInputStream();
      while (drained < MAX_DRAIN && System.nanoTime() < deadline && !in.isFinished()) {
        int ready = in.available();
        if (ready > 0) {
          int n = in.read(buffer, 0, Math.min(ready, buffer.length));
          if (n < 0) {
            return;
          }
          drained += n;
        } else {
          Thread.sleep(5);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client is gone, or the body broke off: the 413 goes out either way
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether a Content-Type names JSON: application/json, with or without a charset. */
  private static boolean isJson(String type) {
    return media(type).toLowerCase(java.util.Locale.ROOT).equals("application/json");
  }

  /** The media type of a Content-Type, without its parameters, cut short if it is long. */
  private static String media(String type) {
    String media = type.split(";")[0].trim();
    return media.length() > 100 ? media.substring(0, 100) + "…" : media;
  }

  /** A body that broke off or could not be read: said without the server's own words for it, which name its classes. */
  private static ApiException unreadable() {
    return new ApiException(ErrorCode.INVALID_JSON, "the body could not be read to its end; send it again in one go",
        List.of());
  }

  private static ApiException tooLarge() {
    return new ApiException(ErrorCode.BODY_TOO_LARGE, "the body is larger than " + MAX_BYTES
        + " bytes; a negotiation state is far smaller, so send only the steps taken", List.of());
  }
}
