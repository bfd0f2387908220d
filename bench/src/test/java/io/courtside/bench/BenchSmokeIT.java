package io.courtside.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code courtside bench --smoke} on real parts (KRaft broker, influxd, Spark local): the harness
 * must keep working. Asserts the table (the influxd ceiling's two rows and baseline / ceiling
 * included) and that every runner, the ceiling too, wrote every post; never a speed.
 */
public class BenchSmokeIT {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void smokeRunPrintsTheTableAndEveryRunnerWritesEveryPost() throws Exception {
    Path out = tmp.newFolder("courtside-bench-smoke").toPath();
    BenchConfig config = BenchConfig.smoke(out);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    BenchHarness.Outcome outcome =
        BenchHarness.run(config, new PrintStream(printed, true, StandardCharsets.UTF_8));

    List<Drain.Result> drains = outcome.drains();
    assertTrue(config.runners().contains(RunnerKind.CEILING));
    // The ceiling makes one row per client thread count, every other runner one.
    assertEquals(config.runners().size() - 1 + Ceiling.THREADS.size(), drains.size());
    assertEquals(
        Ceiling.THREADS.size(),
        drains.stream().filter(d -> d.kind() == RunnerKind.CEILING).count());
    for (Drain.Result d : drains) {
      assertTrue(d.label() + " wrote " + d.posts() + " of " + config.posts(), d.complete());
      assertEquals(d.label(), config.posts(), d.posts());
      // Every job's JVM did the work of the drain (the ceiling's job, the bench's JVM writing one
      // pre-built batch, may take less than the OS's 10 ms tick).
      assertTrue(
          d.label() + ": " + d.cpu(), d.kind() == RunnerKind.CEILING || d.cpu().jobSeconds() > 0);
      assertTrue(d.label() + ": " + d.cpu(), d.cpu().influxdSeconds() > 0);
      // A cold job JVM compiles the code it runs, and that is part of its CPU.
      assertTrue(
          d.label() + ": " + d.cpu(),
          d.kind() == RunnerKind.CEILING || d.cpu().jobCompilerSeconds() > 0);
      // The part within the whole, up to the OS's rounding: every compiler thread's time and the
      // process's total are each cut to 10 ms ticks (two compiler threads on 2 cores, one JVM per
      // job in this run), so the part may show up to three ticks more than the whole.
      assertTrue(
          d.label() + ": " + d.cpu(),
          d.cpu().jobCompilerSeconds() <= d.cpu().jobSeconds() + 3.0 / CpuUse.USER_HZ);
    }
    String table = printed.toString(StandardCharsets.UTF_8);
    assertTrue(table, table.contains("| runner | posts |"));
    for (String label :
        List.of(
            "| baseline |",
            "| influxd ceiling, 1 client thread |",
            "| influxd ceiling, 2 client threads |",
            "| DirectRunner |",
            "| SparkRunner local[2] |")) {
      assertTrue("no row " + label + " in\n" + table, table.contains(label));
    }
    assertTrue(table, table.contains("| 100% |"));
    assertTrue(table, table.contains("**baseline / ceiling**: "));
    assertTrue(
        table,
        table.contains("| runner | job CPU (s) | of it JIT compiler (s) | influxd CPU (s) |"));
    assertEquals(outcome.markdown(), Files.readString(outcome.reportFile()));
    // What the drains stored is gone once every post was written; the logs stay.
    Path runDir = outcome.reportFile().resolveSibling("run-" + stampOf(outcome.reportFile()));
    Path stack = runDir.resolve("stack");
    try (java.util.stream.Stream<Path> left = Files.list(stack)) {
      assertEquals(List.of("logs"), left.map(p -> p.getFileName().toString()).toList());
    }
    assertTrue(Files.isRegularFile(stack.resolve("logs").resolve("kafka.log")));
    assertTrue(Files.isDirectory(runDir.resolve("logs")));
  }

  /** {@code bench-STAMP.md} -> STAMP. */
  private static String stampOf(Path report) {
    String name = report.getFileName().toString();
    return name.substring("bench-".length(), name.length() - ".md".length());
  }
}
