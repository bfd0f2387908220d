package io.courtside.pipeline.window;

import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Instant;
import org.junit.Test;

/**
 * The coders of the windowed count's elements: exact round trips, deterministic, no short reads.
 */
public class CountCodersTest {
  private static final PolarityCounts COUNTS =
      new PolarityCounts(3, 1_000_000_000_000L, 0, -0.1234567890123);
  private static final PaneCounts PANE =
      new PaneCounts(
          Instant.parse("2026-05-20T01:00:00Z"),
          Instant.parse("2026-05-20T01:01:00Z"),
          COUNTS,
          true,
          Instant.parse("2026-05-20T00:59:10Z").getMillis());

  @Test
  public void countablesSurviveEncodingExactly() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        CountableCoder.of(), new Countable(Long.MIN_VALUE, Long.MAX_VALUE, -0.0));
    CoderProperties.coderDecodeEncodeEqual(CountableCoder.of(), new Countable(-1, 0, 0.05));
    CoderProperties.coderDeterministic(
        CountableCoder.of(), new Countable(7, 8, 0.5), new Countable(7, 8, 0.5));
  }

  @Test
  public void countsAndPanesSurviveEncodingExactly() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(PolarityCountsCoder.of(), COUNTS);
    CoderProperties.coderDecodeEncodeEqual(PolarityCountsCoder.of(), PolarityCounts.EMPTY);
    CoderProperties.coderDecodeEncodeEqual(PaneCountsCoder.of(), PANE);
    CoderProperties.coderDecodeEncodeEqual(
        PaneCountsCoder.of(),
        new PaneCounts(new Instant(-1), new Instant(0), PolarityCounts.EMPTY, false));
    CoderProperties.coderDecodeEncodeEqual(
        WindowTallyCoder.of(), new WindowTally(COUNTS, PANE.earliestRecordMillis()));
    CoderProperties.coderDecodeEncodeEqual(
        WindowTallyCoder.of(), new WindowTally(PolarityCounts.EMPTY, WindowTally.NO_RECORD_TIME));
  }

  @Test
  public void aTruncatedPaneIsAnErrorNotASmallerPane() throws Exception {
    byte[] whole = CoderUtils.encodeToByteArray(PaneCountsCoder.of(), PANE);
    for (int cut : new int[] {0, 8, 17, 20, whole.length - 1}) {
      byte[] part = Arrays.copyOf(whole, cut);
      assertThrows(
          "cut at " + cut,
          IOException.class,
          () -> PaneCountsCoder.of().decode(new ByteArrayInputStream(part)));
    }
  }
}
