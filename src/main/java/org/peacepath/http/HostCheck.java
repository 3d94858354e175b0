package org.peacepath.http;

import io.javalin.http.Context;
import org.peacepath.wire.ErrorCode;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Answers only requests addressed to the server: their {@code Host} header must name an address it
 * listens on, with its port, or a name given with {@code --allow-host}. A page on another site can point
 * its own name at 127.0.0.1 (DNS rebinding) and so reach this server from the browser of someone on this
 * machine, but the browser still sends that name as the Host, and that is refused.
 */
final class HostCheck {
  private static final Pattern PORT = Pattern.compile(":\\d{1,5}");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");
  private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

  private final List<String> allowed;
  /** The address the server listens on, as it was given ({@code null} or a wildcard for every address). */
  private volatile String host;
  private volatile int port = -1;

  HostCheck(List<String> allowed) {
    this.allowed = allowed.stream().map(name -> bare(name.trim())).toList();
  }

  /** The server listens on {@code host} (as given to it) and {@code port}. */
  void listening(String host, int port) {
    this.host = host == null ? "" : bare(host);
    this.port = port;
  }

  /** Refuses the request with 421 when its Host header names an address the server does not listen on. */
  void check(Context ctx) {
    String header = ctx.header("Host");
    if (header == null || accepts(header)) {
      return; // without a Host (HTTP/1.0) there is no name to rebind: no browser sends such a request
    }
    String shown = header.length() > 100 ? header.substring(0, 100) + "…" : header;
    String name = bare(hostOf(header));
    throw new ApiException(ErrorCode.MISDIRECTED_REQUEST, "the request is addressed to \"" + shown
        + "\" (its Host header), which is not an address this server listens on; address it as " + address()
        + (name.isEmpty() ? "" : ", or, if a proxy forwards it under that name, start peacepath with --allow-host "
            + name), List.of());
  }

  /** Whether the Host header names this server. */
  boolean accepts(String header) {
    String name = bare(hostOf(header));
    if (allowed.contains(name)) {
      return true; // a proxy's name: it may forward from any port
    }
    String portText = header.substring(hostOf(header).length());
    if (!portText.isEmpty() && !PORT.matcher(portText).matches()) {
      return false;
    }
    int sent = portText.isEmpty() ? 80 : Integer.parseInt(portText.substring(1));
    if (sent != port) {
      return false;
    }
    String bound = host;
    if (name.equals(bound) || (loopback(bound) || wildcard(bound)) && LOOPBACK.contains(name)) {
      return true;
    }
    return wildcard(bound) && ofThisMachine(name);
  }

  /** The address to use instead, as a Host header would give it. */
  private String address() {
    String bound = wildcard(host) ? "127.0.0.1" : host;
    return (bound.contains(":") ? "[" + bound + "]" : bound) + ":" + port;
  }

  /** The host part of a Host header: an IPv6 address with its brackets, or what comes before the port. */
  private static String hostOf(String header) {
    if (header.startsWith("[")) {
      int end = header.indexOf(']');
      return end < 0 ? header : header.substring(0, end + 1);
    }
    int colon = header.indexOf(':');
    return colon < 0 ? header : header.substring(0, colon);
  }

  /** A host name or address in lower case, without the brackets of an IPv6 address or a final dot. */
  private static String bare(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private static boolean wildcard(String host) {
    return host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
  }

  private static boolean loopback(String host) {
    return host != null && (LOOPBACK.contains(host) || host.startsWith("127.") || host.equals("0:0:0:0:0:0:0:1"));
  }

  /** Whether {@code name} is an address (never a name, which would be looked up) of one of this machine's interfaces. */
  private static boolean ofThisMachine(String name) {
    try {
      InetAddress address;
      if (IPV4.matcher(name).matches()) {
        byte[] bytes = new byte[4];
        String[] parts = name.split("\\.");
        for (int i = 0; i < 4; i++) {
          int part = Integer.parseInt(parts[i]);
          if (part > 255) {
            return false;
          }
          bytes[i] = (byte) part;
        }
        address = InetAddress.getByAddress(bytes);
      } else if (IPV6.matcher(name).matches()) {
        address = InetAddress.getByName(name); // with a colon, only ever read as an IPv6 literal: nothing is looked up
      } else {
        return false;
      }
      return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
