package io.courtside.services.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.rules.ExternalResource;

/**
 * Stops, by PID, every process a test registered or left in a state folder, after the test, pass or
 * fail, so a failing test never leaves a broker or influxd behind.
 */
final class Cleanup extends ExternalResource {

  private final List<ManagedProcess> processes = new ArrayList<>();
  private final List<Path> stateDirs = new ArrayList<>();

  ManagedProcess track(ManagedProcess p) {
    processes.add(p);
    return p;
  }

  Path trackStateDir(Path stateDir) {
    stateDirs.add(stateDir);
    return stateDir;
  }

  @Override
  protected void after() {
    for (Path dir : stateDirs) {
      LocalStack.attach(dir).ifPresent(LocalStack::close);
      KafkaBrokerProcess.attach(dir).ifPresent(p -> p.stop(Duration.ofSeconds(10)));
      InfluxdProcess.attach(dir).ifPresent(p -> p.stop(Duration.ofSeconds(5)));
    }
    for (ManagedProcess p : processes) {
      p.stop(Duration.ofSeconds(5));
    }
  }

  /** True when {@code pid} no longer runs (a zombie awaiting its reaper counts as gone). */
  static boolean gone(long pid) {
    return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
  }
}
