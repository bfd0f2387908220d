package io.courtside.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** CPU time by role: read from the OS for real processes, and the report's table from it. */
public class CpuUseTest {

  @Test
  public void influxdAndTheBrokerAreKnownByTheirCommandEverythingElseIsTheJob() {
    assertEquals(CpuUse.Role.INFLUXD, CpuUse.role("/usr/bin/influxd", List.of("run")));
    assertEquals(
        CpuUse.Role.KAFKA,
        CpuUse.role(
            "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
            List.of("-Xmx512m", "-cp", "x.jar", "io.courtside.services.broker.KraftBroker")));
    assertEquals(
        CpuUse.Role.JOB,
        CpuUse.role(
            "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
            List.of("-cp", "x.jar", "io.courtside.pipeline.launch.PipelineLauncher")));
    assertEquals(CpuUse.Role.JOB, CpuUse.role("/usr/bin/influxdb-backup", List.of()));
  }

  @Test
  public void aProcessIsKnownByItsArgumentsEvenWhenItsCommandLineIsLong() throws Exception {
    // The broker's JVM has a class path of several kB; the JDK's ProcessHandle.Info gives no
    // arguments for a command line over about 4 kB.
    Process broker =
        new ProcessBuilder(
                "sh",
                "-c",
                "sleep 30",
                "-cp",
                "/lib/x.jar:".repeat(1000),
                "io.courtside.services.broker.KraftBroker")
            .start();
    try {
      CpuUse.Reading reading = CpuUse.read(false);
      assertEquals(CpuUse.Role.KAFKA, reading.roles().get(broker.pid()));
    } finally {
      broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  public void aBusyChildProcessIsReadAsTheJobsCpu() throws Exception {
    CpuUse.Reading before = CpuUse.read(false);
    long t0 = System.nanoTime();
    Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
    try {
      Thread.sleep(1500);
      CpuUse used = CpuUse.between(before, CpuUse.read(false));
      double wall = (System.nanoTime() - t0) / 1e9;
      // One busy thread: at most the wall time, and most of it unless the machine is overloaded.
      assertTrue(used.toString(), used.jobSeconds() > 0.3 && used.jobSeconds() <= wall + 0.05);
      assertEquals(0, used.influxdSeconds(), 0);
      assertEquals(0, used.kafkaSeconds(), 0);
    } finally {
      busy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  public void aProcessCountsOnlyWhatItUsedBetweenTheReadingsAndAnEndedOneNothing() {
    CpuUse.Reading before =
        new CpuUse.Reading(
            Map.of(1L, 5.0, 2L, 1.0, 3L, 9.0),
            Map.of(1L, CpuUse.Role.JOB, 2L, CpuUse.Role.INFLUXD, 3L, CpuUse.Role.JOB),
            false);
    CpuUse.Reading after =
        new CpuUse.Reading(
            Map.of(1L, 7.5, 2L, 4.0, 4L, 3.0, 5L, 0.5),
            Map.of(
                1L, CpuUse.Role.JOB,
                2L, CpuUse.Role.INFLUXD,
                4L, CpuUse.Role.JOB,
                5L, CpuUse.Role.KAFKA),
            false);
    // 1: 2.5 more; 3 ended (left out); 4 started since (all of its 3.0).
    assertEquals(new CpuUse(5.5, 3.0, 0.5), CpuUse.between(before, after));
  }

  @Test
  public void theReportSaysWhereTheCoresWent() {
    int cores = Runtime.getRuntime().availableProcessors();
    Drain.Result run =
        new Drain.Result(
            RunnerKind.BASELINE,
            "baseline",
            100_000,
            25,
            2,
            10,
            80_000,
            true,
            null,
            null,
            null,
            new CpuUse(10, 20, 5));
    Report report = new Report("");
    report.drains("Drain", List.of(run), 1);
    String md = report.markdown();
    String busy = Report.pct(35.0 / (25 * cores));
    assertTrue(md, md.contains("| baseline | 10.0 | 20.0 | 5.0 | " + busy + " | 10,000 | 5,000 |"));
  }
}
