package io.courtside.services.stack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ManagedProcessTest {

  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  @Rule public Cleanup cleanup = new Cleanup();

  /** A unique `sleep` argument: the marker that identifies this very process in /proc. */
  private static String uniqueSeconds() {
    return "3600." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
  }

  private ManagedProcess sleeper(String seconds) throws Exception {
    Path log = tmp.getRoot().toPath().resolve("logs/sleep.log");
    return cleanup.track(ManagedProcess.start("sleeper", List.of("sleep", seconds), log, false));
  }

  @Test
  public void reattachesByPidFileWhenTheCommandLineMatches() throws Exception {
    String marker = uniqueSeconds();
    ManagedProcess p = sleeper(marker);
    Path pidFile = tmp.getRoot().toPath().resolve("sleep.pid");
    p.writePidFile(pidFile);

    Optional<ManagedProcess> again =
        ManagedProcess.attach("sleeper", pidFile, p.logFile(), List.of("sleep", marker));
    assertTrue(again.isPresent());
    assertThat(again.get().pid(), is(p.pid()));

    // The re-attached handle can stop it, as `stack stop` in a later JVM does.
    assertTrue(again.get().stop(Duration.ofSeconds(5)));
    assertTrue(Cleanup.gone(p.pid()));
    assertFalse(
        ManagedProcess.attach("sleeper", pidFile, p.logFile(), List.of("sleep", marker))
            .isPresent());
  }

  @Test
  public void refusesAPidWhoseCommandLineDiffers() throws Exception {
    ManagedProcess p = sleeper(uniqueSeconds());
    Path pidFile = tmp.getRoot().toPath().resolve("sleep.pid");
    p.writePidFile(pidFile);
    assertFalse(
        ManagedProcess.attach("sleeper", pidFile, p.logFile(), List.of("sleep", uniqueSeconds()))
            .isPresent());
    assertTrue("a refused attach must not touch the process", p.isAlive());
  }

  @Test
  public void aRecycledPidIsNeverAdopted() throws Exception {
    // Our own JVM stands in for an unrelated process that got the recorded PID.
    Path pidFile = tmp.getRoot().toPath().resolve("recycled.pid");
    Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
    assertFalse(
        ManagedProcess.attach("influxd", pidFile, pidFile, List.of("run", "/no/such/influxdb.conf"))
            .isPresent());
  }

  @Test
  public void missingOrGarbledPidFileMeansNotRunning() throws Exception {
    Path pidFile = tmp.getRoot().toPath().resolve("x.pid");
    assertFalse(ManagedProcess.attach("x", pidFile, pidFile, List.of()).isPresent());
    Files.writeString(pidFile, "not a pid");
    assertFalse(ManagedProcess.attach("x", pidFile, pidFile, List.of()).isPresent());
  }

  @Test
  public void escalatesToSigkillAfterTheGracePeriod() throws Exception {
    Path log = tmp.getRoot().toPath().resolve("logs/stubborn.log");
    ManagedProcess p =
        cleanup.track(
            ManagedProcess.start(
                "stubborn",
                List.of("sh", "-c", "trap '' TERM; echo started; while :; do sleep 0.1; done"),
                log,
                false));
    // Wait until the trap is installed, or SIGTERM could still end it.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!Files.readString(log).contains("started") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertFalse("SIGTERM is ignored, so SIGKILL is needed", p.stop(Duration.ofMillis(500)));
    assertTrue(Cleanup.gone(p.pid()));
    assertThat(p.logTail(5), containsString("started"));
  }

  @Test
  public void detachedProcessKeepsItsPid() throws Exception {
    String marker = uniqueSeconds();
    Path log = tmp.getRoot().toPath().resolve("logs/detached.log");
    ManagedProcess p =
        cleanup.track(ManagedProcess.start("detached", List.of("sleep", marker), log, true));
    // setsid must exec in place: the PID we hold becomes the sleep itself, in its own session.
    // Right after the fork its arguments are still the JVM's spawn helper's (seen once in CI, at
    // 33 ms), then setsid's ("setsid sleep MARKER", which holds both markers), and while setsid
    // execs the sleep they may read as nothing (CI run 50 matched setsid's, then found none), so
    // wait for the sleep's own, as long as a start may take.
    List<String> sleep = List.of("sleep", marker);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!ManagedProcess.arguments(p.pid()).equals(sleep) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(sleep, ManagedProcess.arguments(p.pid()));
    assertTrue(ManagedProcess.attach("detached", p.pid(), log, sleep).isPresent());
    assertTrue(p.stop(Duration.ofSeconds(5)));
    assertTrue(Cleanup.gone(p.pid()));
  }
}
