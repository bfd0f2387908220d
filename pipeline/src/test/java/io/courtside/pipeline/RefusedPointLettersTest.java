package io.courtside.pipeline;

import static org.junit.Assert.assertEquals;

import io.courtside.pipeline.influx.FailedPoint;
import io.courtside.pipeline.parse.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** Refused points become dead letters as the sink published them before it was an IO. */
public class RefusedPointLettersTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void aRefusedPointIsADeadLetterWithTheAnswerTheLineAndItsMeasurementInTheGlobalWindow() {
    Instant t = Instant.parse("2026-05-20T01:00:30Z");
    String error =
        "InfluxDB write of 1 points at http://h (v1, database d) answered 400: field type conflict";
    TestStream<FailedPoint> refused =
        TestStream.create(FailedPoint.Coder.of())
            .addElements(
                TimestampedValue.of(
                    new FailedPoint("polarity_window,topic=t total=1i 0", error), t),
                TimestampedValue.of(new FailedPoint("bare f=1i 0", error), t))
            .advanceWatermarkToInfinity();
    var letters =
        p.apply(refused)
            .apply(Window.into(FixedWindows.of(Duration.standardMinutes(1))))
            .apply(RefusedPointLetters.create());
    PAssert.that(letters)
        .inWindow(GlobalWindow.INSTANCE)
        .satisfies(
            all -> {
              List<String> got = new ArrayList<>();
              for (DeadLetter d : all) {
                assertEquals("InfluxDB refused the point: " + error, d.reason());
                assertEquals("influxdb", d.topic());
                assertEquals(-1, d.partition());
                assertEquals(-1, d.offset());
                got.add(d.kafkaKey() + " | " + new String(d.value(), StandardCharsets.UTF_8));
              }
              got.sort(null);
              assertEquals(
                  List.of(
                      "polarity_window | polarity_window,topic=t total=1i 0",
                      "unknown | bare f=1i 0"),
                  got);
              return null;
            });
    p.run().waitUntilFinish();
  }
}
