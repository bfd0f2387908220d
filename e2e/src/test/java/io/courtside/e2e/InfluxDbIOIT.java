package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.pipeline.influx.FailedPoint;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxDbIO;
import io.courtside.pipeline.influx.InfluxTarget;
import io.courtside.services.stack.FreePorts;
import io.courtside.services.stack.InfluxdProcess;
import io.courtside.services.stack.ManagedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;

/** {@link InfluxDbIO} on its own against a real influxd: no broker, no Courtside job. */
public class InfluxDbIOIT {
  private static ManagedProcess influxd;
  private static Path state;
  private static String url;

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @BeforeClass
  public static void startInfluxd() throws Exception {
    int port = FreePorts.pick();
    state = Files.createTempDirectory("courtside-influxdbio");
    influxd = InfluxdProcess.start(state, port);
    url = "http://127.0.0.1:" + port;
  }

  @AfterClass
  public static void stopInfluxd() {
    if (influxd != null) {
      influxd.stop(Duration.ofSeconds(15));
    }
    TempDirs.delete(state);
  }

  private static InfluxDbIO.Write write(String database) {
    return InfluxDbIO.write().withTarget(InfluxTarget.v1(url, database)).withBatchSize(50);
  }

  /**
   * influxd refuses a point whose field has another type in its shard: that point, and only that
   * one, comes back as a failed point with influxd's message; the rest of its batch is stored.
   */
  @Test
  public void aFieldTypeConflictIsAFailedPointAndTheRestIsStored() throws Exception {
    InfluxDbClient influx = new InfluxDbClient(url, "io_conflict");
    influx.createDatabase();
    influx.write(List.of("m,t=seed f=1i 1000000000")); // f is an integer in this shard
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      lines.add("m,t=x" + i + " f=" + i + "i " + (1_000_000_000L + i));
    }
    String conflicting = "m,t=x77 f=\"text\" 1000000077";
    lines.set(77, conflicting);
    PAssert.that(p.apply(Create.of(lines)).apply(write("io_conflict")).getFailedPoints())
        .satisfies(
            failed -> {
              List<String> got = new ArrayList<>();
              for (FailedPoint f : failed) {
                assertTrue(f.error(), f.error().contains("field type conflict"));
                got.add(f.line());
              }
              assertEquals(List.of(conflicting), got);
              return null;
            });
    p.run().waitUntilFinish();
    long stored = 0;
    for (JsonNode row : InfluxQuery.rows(influx, "SELECT count(*) FROM m")) {
      stored += row.path("count_f").asLong();
    }
    assertEquals(1 + 119, stored); // the seed and every point but the refused one
  }

  /** Accumulating panes of a window with early and late firings: the stored point is the last. */
  @Test
  public void latestPaneWinsStoresTheFullCountOfEachWindow() throws Exception {
    InfluxDbClient influx = new InfluxDbClient(url, "io_panes");
    influx.createDatabase();
    Instant t0 = Instant.parse("2026-05-20T01:00:00Z");
    org.joda.time.Duration minute = org.joda.time.Duration.standardMinutes(1);
    TestStream.Builder<String> events =
        TestStream.create(StringUtf8Coder.of()).advanceWatermarkTo(t0);
    for (int i = 0; i < 30; i++) {
      events = events.addElements(TimestampedValue.of("e" + i, t0.plus(1000L * i)));
    }
    TestStream<String> stream =
        events
            .advanceWatermarkTo(t0.plus(minute).plus(1000))
            .addElements(TimestampedValue.of("late1", t0.plus(40_000)))
            .addElements(TimestampedValue.of("late2", t0.plus(41_000)))
            .advanceWatermarkToInfinity();
    p.apply(stream)
        .apply(
            Window.<String>into(FixedWindows.of(minute))
                .triggering(
                    AfterWatermark.pastEndOfWindow()
                        .withEarlyFirings(AfterPane.elementCountAtLeast(5))
                        .withLateFirings(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(org.joda.time.Duration.standardMinutes(5))
                .accumulatingFiredPanes())
        .apply(Combine.globally(Count.<String>combineFn()).withoutDefaults())
        .apply(
            MapElements.into(TypeDescriptors.strings())
                .via((Long n) -> "w,t=a total=" + n + "i " + t0.getMillis() * 1_000_000L))
        .apply(write("io_panes").withLatestPaneWins());
    p.run().waitUntilFinish();
    List<JsonNode> rows = InfluxQuery.rows(influx, "SELECT total FROM w");
    assertEquals(rows.toString(), 1, rows.size());
    assertEquals(32, rows.get(0).path("total").asLong());
  }
}
