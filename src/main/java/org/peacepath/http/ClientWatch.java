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
  /** What {@link #state(long)} says of a connection that no table it could be in lists. */
  private static final String NOT_LISTED = "not listed";

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
  private long probedAt;

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
    switch (seen) {
      case OPEN -> {
        if (CLOSE_WAIT.equals(state(now - EVERY_NANOS))) { // any copy fresh enough
          seen = Seen.PROBED;
          probe();
          probedAt = System.nanoTime();
        }
      }
      case PROBED -> {
        // Only tables read after the probe say what it met. A connection missing from them is taken for
        // gone only when a second read agrees: the kernel's table is read in pieces, and a connection
        // that is there can fall between two of them while others come and go.
        String state = state(probedAt);
        if (hungUp(state)) {
          state = state(System.nanoTime());
          gone = hungUp(state);
        }
        if (CLOSE_WAIT.equals(state)) {
          seen = Seen.READING; // the probe was taken: the client only closed its sending half
        }
      }
      default -> { }
    }
    return gone;
  }

  /** Whether the connection's {@code state}, after the probe, says that the probe met a reset. */
  private static boolean hungUp(String state) {
    return NOT_LISTED.equals(state) || RESET.contains(state);
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

  /**
   * The connection's state in the kernel's tables as read after {@code after} ({@link System#nanoTime()}),
   * as two hex digits; {@link #NOT_LISTED} when every table it could be in was read and it is in none; or
   * {@code null} when nothing is known (a table it could be in could not be read, or none could hold it).
   */
  private String state(long after) {
    if (local == null) {
      local = endpoint(localAddress);
      remote = endpoint(remoteAddress);
    }
    Tables tables = Tables.readAfter(after);
    boolean unknown = true;
    for (int t = 0; t < TABLES.size(); t++) {
      if (local[t] == null || remote[t] == null) {
        continue;
      }
      String text = tables.text[t];
      if (text == null) {
        return null; // not Linux, or not allowed: whatever the other table says, nothing is known
      }
      unknown = false;
      // The kernel writes "sl: local remote st ...", one space between: the two ends, then the state.
      String ends = " " + local[t] + " " + remote[t] + " ";
      int at = text.indexOf(ends);
      if (at >= 0 && at + ends.length() + 2 <= text.length()) {
        return text.substring(at + ends.length(), at + ends.length() + 2);
      }
    }
    return unknown ? null : NOT_LISTED;
  }

  /**
   * The kernel's tables as last read, shared by every watch. When the machine is slow, many requests
   * wait past {@link #EVERY_NANOS} at once, and each reading the tables for itself made the wait longer
   * still; a copy younger than {@link #FRESH_NANOS} is used instead, and one thread at a time reads.
   */
  private record Tables(long readAt, String[] text) {
    private static final long FRESH_NANOS = 20_000_000L;
    private static Tables last;

    /** A copy read after {@code after} and at most {@link #FRESH_NANOS} ago, the last one if it is. */
    static synchronized Tables readAfter(long after) {
      long now = System.nanoTime();
      Tables tables = last;
      if (tables == null || now - tables.readAt > FRESH_NANOS || tables.readAt - after <= 0) {
        String[] text = new String[TABLES.size()];
        for (int t = 0; t < TABLES.size(); t++) {
          try {
            text[t] = new String(Files.readAllBytes(TABLES.get(t)), java.nio.charset.StandardCharsets.ISO_8859_1);
          } catch (IOException | SecurityException e) {
            text[t] = null;
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
