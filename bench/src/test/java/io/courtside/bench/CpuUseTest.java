package io.courtside.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
      assertEquals("a shell has no JIT compiler", 0, used.jobCompilerSeconds(), 0);
    } finally {
      busy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A child JVM's main: runs a little of everything, says so, then waits to be read. */
  public static final class Compiling {
    public static void main(String[] args) throws Exception {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 200; i++) {
        sb.append(String.format("%d %s%n", i, java.util.regex.Pattern.matches("[0-9]+", "" + i)));
      }
      System.out.println("ready " + sb.length());
      System.out.flush();
      Thread.sleep(60_000);
    }
  }

  @Test
  public void aJobJvmsCompilerThreadsAreReadAsPartOfItsCpu() throws Exception {
    CpuUse.Reading before = CpuUse.read(false);
    // -Xcomp: every method the child runs is compiled before it runs, so its compiler threads
    // certainly work; the child then sleeps, its threads still there to be read.
    Process jvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xcomp",
                "-Xshare:off",
                "-cp",
                System.getProperty("java.class.path"),
                Compiling.class.getName())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertTrue(String.valueOf(line), line != null && line.startsWith("ready"));
      CpuUse used = CpuUse.between(before, CpuUse.read(false));
      assertTrue(used.toString(), used.jobCompilerSeconds() >= 0.1);
      assertTrue(used.toString(), used.jobCompilerSeconds() <= used.jobSeconds());
      assertEquals(used.jobCompilerSeconds(), CpuUse.compilerSeconds(jvm.pid()), 0.05);
    } finally {
      jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  public void onlyTheCompilerThreadsOfAStatLineCount() {
    // utime 1234 and stime 66 ticks are the 14th and 15th fields.
    String rest = " S 1 2 3 0 -1 4194368 100 0 0 0 1234 66 0 0 20 0 30 0 500 0 0";
    assertEquals(1300, CpuUse.compilerTicks("4242 (C2 CompilerThre)" + rest));
    assertEquals(1300, CpuUse.compilerTicks("4243 (C1 CompilerThre)" + rest));
    assertEquals(0, CpuUse.compilerTicks("4244 (GC Thread#0)" + rest));
    assertEquals(0, CpuUse.compilerTicks("4245 (Source: ReadRec)" + rest));
    // A name may hold parentheses and spaces: it ends at the last ')'.
    assertEquals(0, CpuUse.compilerTicks("4246 (x) (C2 CompilerThre)" + rest));
    assertEquals(0, CpuUse.compilerTicks("garbage"));
    assertEquals(0, CpuUse.compilerSeconds(Long.MAX_VALUE), 0);
  }

  @Test
  public void aProcessCountsOnlyWhatItUsedBetweenTheReadingsAndAnEndedOneNothing() {
    CpuUse.Reading before =
        new CpuUse.Reading(
            Map.of(1L, 5.0, 2L, 1.0, 3L, 9.0),
            Map.of(1L, 1.0, 3L, 2.0),
            Map.of(1L, 1.0, 3L, 2.0),
            Map.of(1L, CpuUse.Role.JOB, 2L, CpuUse.Role.INFLUXD, 3L, CpuUse.Role.JOB),
            false);
    CpuUse.Reading after =
        new CpuUse.Reading(
            Map.of(1L, 7.5, 2L, 4.0, 4L, 3.0, 5L, 0.5),
            Map.of(1L, 1.5, 4L, 0.25),
            Map.of(1L, 1.5, 4L, 0.25),
            Map.of(
                1L, CpuUse.Role.JOB,
                2L, CpuUse.Role.INFLUXD,
                4L, CpuUse.Role.JOB,
                5L, CpuUse.Role.KAFKA),
            false);
    // 1: 2.5 more (0.5 of it compiling); 3 ended (left out); 4 started since (all of its 3.0).
    assertEquals(new CpuUse(5.5, 0.75, 3.0, 0.5), CpuUse.between(before, after));
  }

  /**
   * A JVM compiling while it is read: its compiler time is counted from just after the first total
   * to just before the last, a span inside the total's, so the part stays within the whole.
   */
  @Test
  public void theCompilerIsCountedInsideTheSpanOfTheTotal() {
    Map<Long, CpuUse.Role> job = Map.of(1L, CpuUse.Role.JOB);
    CpuUse.Reading before =
        new CpuUse.Reading(Map.of(1L, 5.0), Map.of(1L, 1.0), Map.of(1L, 1.2), job, true);
    CpuUse.Reading after =
        new CpuUse.Reading(Map.of(1L, 5.4), Map.of(1L, 1.5), Map.of(1L, 1.9), job, true);
    CpuUse use = CpuUse.between(before, after);
    assertEquals(0.4, use.jobSeconds(), 1e-9);
    assertEquals(0.3, use.jobCompilerSeconds(), 1e-9);
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
            new CpuUse(10, 4, 20, 5));
    Report report = new Report("");
    report.drains("Drain", List.of(run), 1);
    String md = report.markdown();
    String busy = Report.pct(35.0 / (25 * cores));
    assertTrue(
        md, md.contains("| baseline | 10.0 | 4.0 | 20.0 | 5.0 | " + busy + " | 10,000 | 5,000 |"));
  }
}
