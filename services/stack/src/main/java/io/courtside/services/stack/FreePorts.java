package io.courtside.services.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback port helpers: pick a free port, test whether one is free or answering. */
public final class FreePorts {

  public static final String LOOPBACK = "127.0.0.1";

  private FreePorts() {}

  /** Where the OS takes the source ports of outgoing connections (Linux's default when unknown). */
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  private static final int DEFAULT_EPHEMERAL_LOW = 32768;

  /** The lowest port {@link #pick} hands out: above the well-known and common service ports. */
  static final int LOWEST = 10000;

  /** Ports this JVM has handed out, so that two picks of one test never agree. */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  /**
   * A free port on 127.0.0.1 for a server this JVM is about to start, from below the OS's ephemeral
   * range. Why not a port the OS hands out (bind to 0): those come from the ephemeral range, from
   * which the OS also takes the source port of every outgoing connection, so between our pick and
   * the child's bind any client reconnecting somewhere could take it (CI run 54: a broker failed
   * with "Address already in use" while Kafka readers left by an earlier test kept reconnecting).
   * No outgoing connection gets a port below that range. Another process may still bind the port
   * first; the child then fails loudly with the port in its log.
   */
  public static int pick() {
    int high = ephemeralLow() - 1;
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; high > LOWEST && attempt < 200; attempt++) {
      int port = random.nextInt(LOWEST, high + 1);
      if (!HANDED_OUT.contains(port) && bindable(port, false)) {
        HANDED_OUT.add(port);
        return port;
      }
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not get a free port on " + LOOPBACK, e);
    }
  }

  /**
   * Whether a server could bind 127.0.0.1:{@code port} now; without {@code reuseAddress} not while
   * a connection of an earlier server waits there in TIME_WAIT.
   */
  private static boolean bindable(int port, boolean reuseAddress) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(reuseAddress);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The first port of the OS's ephemeral range. */
  static int ephemeralLow() {
    try {
      // A line reader: readAllBytes of this /proc file returns its first byte only (JDK 17 here).
      String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
      return Integer.parseInt(range[0]);
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_LOW;
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
    return !isListening(port) && bindable(port, true);
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
