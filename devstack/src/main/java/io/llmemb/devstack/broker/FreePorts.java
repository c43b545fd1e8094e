package io.llmemb.devstack.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks currently free TCP ports on the loopback interface. */
public final class FreePorts {

  private FreePorts() {}

  /**
   * Returns {@code count} distinct free ports. All sockets are held open until every port is chosen
   * so the OS cannot hand out the same port twice; another process may still grab one before it is
   * bound again.
   */
  public static int[] pick(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        s.setReuseAddress(true);
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    } finally {
      for (ServerSocket s : sockets) {
        try {
          s.close();
        } catch (IOException ignored) {
          // Closing a probe socket cannot affect the chosen port numbers.
        }
      }
    }
  }

  /** Returns {@code port} unless it is 0, in which case a free port. */
  public static int orFree(int port) {
    return port == 0 ? pick(1)[0] : port;
  }
}
