package io.courtside.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDK Flight Recorder on a running job JVM through {@code jcmd}: started once the job writes its
 * first points (so the profile shows the steady drain, not start-up and JIT warm-up) and dumped
 * before the job is stopped (a SIGKILLed JVM would write nothing).
 */
final class Jfr {
  private static final Logger LOG = LoggerFactory.getLogger(Jfr.class);
  private static final String NAME = "courtside-bench";

  private Jfr() {}

  static boolean start(long pid) {
    // settings=profile samples Java stacks every 10 ms (default: 20 ms).
    return jcmd(pid, "JFR.start", "name=" + NAME, "settings=profile");
  }

  static boolean dump(long pid, Path file) {
    return jcmd(pid, "JFR.dump", "name=" + NAME, "filename=" + file.toAbsolutePath());
  }

  private static boolean jcmd(long pid, String... command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> argv = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
    argv.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        LOG.warn("{} failed: {}", argv, out.strip());
        return false;
      }
      return true;
    } catch (IOException e) {
      LOG.warn("{} failed: {}", argv, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
