package io.courtside.services.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers: pick a free port, test whether one is free or answering. */
public final class FreePorts {

  public static final String LOOPBACK = "127.0.0.1";

  private FreePorts() {}

  /**
   * A port the OS just handed out on 127.0.0.1. Another process could take it before our child
   * binds it; tolerable for local use, and the child then fails loudly with the port in its log.
   */
  public static int pick() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not get a free port on " + LOOPBACK, e);
    }
  }

  /** Returns {@code port} itself, or a freshly picked port when it is 0. */
  public static int orPick(int port) {
    return port == 0 ? pick() : port;
  }

  /**
   * True if nothing answers on 127.0.0.1:port and we can bind it as our servers will: with
   * SO_REUSEADDR, as Kafka and influxd bind. Without it, the TIME_WAIT connections a server leaves
   * for a minute after it stops would make its own port look taken, and a restart of the stack or
   * the demo within that minute would be refused. Both checks, because a server bound to 0.0.0.0
   * with SO_REUSEADDR may still let a loopback bind succeed.
   */
  public static boolean isFree(int port) {
    if (isListening(port)) {
      return false;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** True if something accepts TCP connections on 127.0.0.1:port. */
  public static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(LOOPBACK, port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
