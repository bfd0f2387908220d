package io.courtside.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which local addresses processes listen on, from /proc/net/tcp{,6} and the processes' socket
 * inodes: a test can then prove that nothing binds to anything but 127.0.0.1.
 */
final class Loopback {
  private Loopback() {}

  /** "address:port" of every TCP socket in LISTEN state owned by one of {@code pids}. */
  static List<String> listening(Set<Long> pids) throws IOException {
    Set<String> inodes = new HashSet<>();
    for (long pid : pids) {
      Path fds = Path.of("/proc", Long.toString(pid), "fd");
      try (Stream<Path> links = Files.list(fds)) {
        links.forEach(
            l -> {
              try {
                String target = Files.readSymbolicLink(l).toString();
                if (target.startsWith("socket:[")) {
                  inodes.add(target.substring(8, target.length() - 1));
                }
              } catch (IOException e) {
                // The fd closed meanwhile.
              }
            });
      } catch (IOException e) {
        // The process ended meanwhile.
      }
    }
    List<String> out = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        // f[1] local address, f[3] state (0A = LISTEN), f[9] inode
        if (f[3].equals("0A") && inodes.contains(f[9])) {
          out.add(decode(f[1]));
        }
      }
    }
    return out;
  }

  /** True for 127.0.0.1 (v4, or v4-mapped in a v6 socket). */
  static boolean isLoopback(String addressPort) {
    return addressPort.startsWith("127.0.0.1:") || addressPort.startsWith("::ffff:127.0.0.1:");
  }

  private static String decode(String hex) {
    String[] parts = hex.split(":");
    int port = Integer.parseInt(parts[1], 16);
    String a = parts[0];
    if (a.length() == 8) {
      return ipv4(a, 0) + ":" + port;
    }
    // IPv6: four little-endian 32-bit words; v4-mapped = ::ffff:a.b.c.d
    if (a.startsWith("0000000000000000FFFF0000")) {
      return "::ffff:" + ipv4(a, 24) + ":" + port;
    }
    return (a.equals("00000000000000000000000000000000") ? "::" : a) + ":" + port;
  }

  private static String ipv4(String hex, int from) {
    StringBuilder sb = new StringBuilder();
    for (int i = 3; i >= 0; i--) {
      sb.append(Integer.parseInt(hex.substring(from + 2 * i, from + 2 * i + 2), 16));
      if (i > 0) {
        sb.append('.');
      }
    }
    return sb.toString();
  }
}
