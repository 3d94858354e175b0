package org.peacepath.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Request;

/**
 * Whether the client that sent a request is still there to read the answer. Long work (a plan) asks it
 * as it goes and stops when the client has hung up, rather than finishing an answer nobody will read.
 *
 * <p>Jetty says so when the request fails or its connection is closed, but over HTTP/1.1 it notices a
 * client that closed its end only when it next reads from or writes to the connection, which it does
 * not do while a request is being answered. So the watch also asks the operating system: on Linux the
 * state of every TCP connection is in {@code /proc/net/tcp} and {@code tcp6}. {@code CLOSE_WAIT} says
 * the client will send nothing more, but not whether it still reads: a client may close only its
 * sending half and wait for the answer. So the watch then sends an interim {@code 102 Processing}
 * response, which every HTTP/1.1 client must accept and skip: a client that has hung up answers it with
 * a reset, after which the connection is closed or gone from the table (or Jetty's write fails), while
 * one that still reads leaves it in {@code CLOSE_WAIT} and is never taken for gone. It looks at most
 * every {@link #EVERY_NANOS}; a connection it cannot find before any probe, or a system without those
 * files, counts as still there.
 */
final class ClientWatch implements BooleanSupplier {
  private static final long EVERY_NANOS = 100_000_000L;
  private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
  private static final String CLOSE_WAIT = "08";
  /** What the connection can be after the probe met a reset: closed, or no longer listed at all. */
  private static final List<String> RESET = List.of("07", "09");

  private enum Seen { OPEN, PROBED, READING }

  /** The connection's two ends, as written in {@code tcp} and in {@code tcp6}; {@code null} where unknown. Worked out at the first look, since most answers are sent before it. */
  private String[] local;
  private String[] remote;
  private final java.net.SocketAddress localAddress;
  private final java.net.SocketAddress remoteAddress;
  /** Where the probe is written; {@code null} when the request was not served by Jetty. */
  private final ServletContextResponse response;
  private volatile boolean gone;
  private Seen seen = Seen.OPEN;
  private long lookedAt = System.nanoTime();

  private ClientWatch(java.net.SocketAddress local, java.net.SocketAddress remote, ServletContextResponse response) {
    this.localAddress = local;
    this.remoteAddress = remote;
    this.response = response;
  }

  /** Starts watching the client of {@code ctx}; the watch ends with the request. */
  static ClientWatch of(Context ctx) {
    ServletContextRequest request;
    try {
      request = ServletContextRequest.getServletContextRequest(ctx.req());
    } catch (IllegalStateException e) {
      request = null; // not served by Jetty: nothing to ask
    }
    if (request == null) {
      return new ClientWatch(null, null, null);
    }
    var metaData = request.getConnectionMetaData();
    ClientWatch watch = new ClientWatch(metaData.getLocalSocketAddress(), metaData.getRemoteSocketAddress(),
        request.getServletContextResponse());
    request.addFailureListener(failure -> watch.gone = true);
    Connection connection = metaData.getConnection();
    Connection.Listener closed = new Connection.Listener() {
      @Override
      public void onClosed(Connection c) {
        watch.gone = true;
      }
    };
    connection.addEventListener(closed);
    // A connection outlives its requests: the listener goes when the request is done.
    Request.addCompletionListener(request, failure -> connection.removeEventListener(closed));
    return watch;
  }

  /** Whether the client has gone away. Cheap: the operating system is asked only now and then. */
  @Override
  public boolean getAsBoolean() {
    if (gone) {
      return true;
    }
    long now = System.nanoTime();
    if (now - lookedAt < EVERY_NANOS || seen == Seen.READING) {
      return false;
    }
    lookedAt = now;
    String state = state();
    switch (seen) {
      case OPEN -> {
        if (CLOSE_WAIT.equals(state)) {
          seen = Seen.PROBED;
          probe();
        }
      }
      case PROBED -> {
        if (state == null || RESET.contains(state)) {
          gone = true; // the probe met a reset: nobody is reading
        } else if (CLOSE_WAIT.equals(state)) {
          seen = Seen.READING; // the probe was taken: the client only closed its sending half
        }
      }
      default -> { }
    }
    return gone;
  }

  /** Sends {@code 102 Processing}: a client that hung up answers with a reset, and Jetty's write may fail. */
  private void probe() {
    if (response != null) {
      response.writeInterim(102, HttpFields.EMPTY).whenComplete((done, failure) -> {
        if (failure != null) {
          gone = true;
        }
      });
    }
  }

  /** The connection's state in the kernel's table, as two hex digits, or {@code null} where it is not listed. */
  private String state() {
    if (local == null) {
      local = endpoint(localAddress);
      remote = endpoint(remoteAddress);
    }
    Tables tables = Tables.read(System.nanoTime());
    for (int t = 0; t < TABLES.size(); t++) {
      if (local[t] == null || remote[t] == null || tables.text[t] == null) {
        continue;
      }
      // The kernel writes "sl: local remote st ...", one space between: the two ends, then the state.
      String ends = " " + local[t] + " " + remote[t] + " ";
      int at = tables.text[t].indexOf(ends);
      if (at >= 0 && at + ends.length() + 2 <= tables.text[t].length()) {
        return tables.text[t].substring(at + ends.length(), at + ends.length() + 2);
      }
    }
    return null;
  }

  /**
   * The kernel's tables as last read, shared by every watch. When the machine is slow, many requests
   * wait past {@link #EVERY_NANOS} at once, and each reading the tables for itself made the wait longer
   * still; a copy younger than {@link #FRESH_NANOS} is used instead. Every copy a watch reads after its
   * probe was read after the probe was sent, since it looks again only {@link #EVERY_NANOS} later.
   */
  private record Tables(long readAt, String[] text) {
    private static final long FRESH_NANOS = 20_000_000L;
    private static volatile Tables last;

    static Tables read(long now) {
      Tables tables = last;
      if (tables == null || now - tables.readAt > FRESH_NANOS) {
        String[] text = new String[TABLES.size()];
        for (int t = 0; t < TABLES.size(); t++) {
          try {
            text[t] = new String(Files.readAllBytes(TABLES.get(t)), java.nio.charset.StandardCharsets.ISO_8859_1);
          } catch (IOException | SecurityException e) {
            text[t] = null; // not Linux, or not allowed: nothing is known
          }
        }
        tables = new Tables(now, text);
        last = tables;
      }
      return tables;
    }
  }

  /**
   * A socket address as the kernel's tables write it, in {@code tcp} and in {@code tcp6}: the address
   * as 32-bit words in the machine's byte order, the port in hex. An IPv4 address appears in {@code
   * tcp6} mapped into IPv6 when the server listens on both. {@code null} where it cannot appear.
   */
  static String[] endpoint(java.net.SocketAddress address) {
    String[] none = {null, null};
    if (!(address instanceof java.net.InetSocketAddress inet) || inet.getAddress() == null || inet.getPort() <= 0
        || java.nio.ByteOrder.nativeOrder() != java.nio.ByteOrder.LITTLE_ENDIAN) {
      return none;
    }
    byte[] bytes = inet.getAddress().getAddress();
    String hexPort = ":" + String.format(Locale.ROOT, "%04X", inet.getPort());
    if (bytes.length == 4) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(bytes, 0, mapped, 12, 4);
      return new String[] {words(bytes) + hexPort, words(mapped) + hexPort};
    }
    return new String[] {null, words(bytes) + hexPort};
  }

  /** The bytes as the kernel prints them: each 4-byte word as a little-endian number, in hex. */
  private static String words(byte[] bytes) {
    StringBuilder hex = new StringBuilder(bytes.length * 2);
    for (int word = 0; word < bytes.length; word += 4) {
      for (int i = 3; i >= 0; i--) {
        hex.append(String.format(Locale.ROOT, "%02X", bytes[word + i] & 0xff));
      }
    }
    return hex.toString();
  }
}
