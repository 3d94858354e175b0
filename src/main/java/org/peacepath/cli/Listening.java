package org.peacepath.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;

/** Whether the server can listen where it is asked to, found out before anything slow is done. */
final class Listening {
  private Listening() {}

  /** Why the server cannot listen on {@code host:port}, in one line with what to change; {@code null} when it can. */
  static String problem(String host, int port) {
    if (port < 0 || port > 65_535) {
      return "port " + port + " is out of range: pass --port N with N from 1 to 65535 (or 0 for any free port)";
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return "cannot listen on " + host + ": no such host; pass --host with an address of this machine, such as 127.0.0.1";
    }
    try {
      if (!address.isAnyLocalAddress() && !address.isLoopbackAddress() && NetworkInterface.getByInetAddress(address) == null) {
        return "cannot listen on " + host + ": not an address of this machine; pass --host 127.0.0.1, or 0.0.0.0 for every address";
      }
    } catch (SocketException e) {
      return "cannot listen on " + host + ": the machine's addresses cannot be read";
    }
    if (port == 0) {
      return null;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(address, port));
      return null;
    } catch (BindException e) {
      return port < 1024 && e.getMessage() != null && e.getMessage().contains("Permission")
          ? "port " + port + " needs more rights than this user has: pass --port N with N above 1023"
          : "port " + port + " is in use: pass --port N, or stop what is listening on it";
    } catch (IOException e) {
      return "cannot listen on " + host + ":" + port + ": the operating system refused the address";
    }
  }
}
