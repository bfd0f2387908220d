package io.courtside.pipeline;

import io.courtside.pipeline.influx.FailedPoint;
import io.courtside.pipeline.parse.DeadLetter;
import io.courtside.pipeline.parse.ReasonKind;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;

/**
 * Points InfluxDB refused, as dead letters beside the bad records: the reason is the server's
 * answer, the value the point, the key its measurement. They come out of the sink in the windows of
 * their points (an aggregate's fixed windows); here they move to the global window of the parse
 * step's dead letters, so both flatten into the one dead-letter writer.
 */
final class RefusedPointLetters
    extends PTransform<PCollection<FailedPoint>, PCollection<DeadLetter>> {
  /** Dead letters of refused points carry this as their topic. */
  static final String DEAD_LETTER_TOPIC = "influxdb";

  private RefusedPointLetters() {}

  static RefusedPointLetters create() {
    return new RefusedPointLetters();
  }

  @Override
  public PCollection<DeadLetter> expand(PCollection<FailedPoint> refused) {
    return refused
        .apply(
            "GlobalWindow",
            Window.<FailedPoint>into(new GlobalWindows())
                .triggering(DefaultTrigger.of())
                .withAllowedLateness(Duration.ZERO)
                .discardingFiredPanes())
        .apply(
            "ToDeadLetter",
            MapElements.into(TypeDescriptor.of(DeadLetter.class)).via(RefusedPointLetters::letter));
  }

  static DeadLetter letter(FailedPoint p) {
    int end = p.line().indexOf(',');
    String measurement = end > 0 ? p.line().substring(0, end) : "unknown";
    return new DeadLetter(
        ReasonKind.REFUSED_POINT,
        "InfluxDB refused the point: " + p.error(),
        DEAD_LETTER_TOPIC,
        -1,
        -1,
        measurement.getBytes(StandardCharsets.UTF_8),
        p.line().getBytes(StandardCharsets.UTF_8));
  }
}
