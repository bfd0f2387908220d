package io.courtside.pipeline.options;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.joda.time.Duration;
import org.junit.Test;

public class DurationsTest {
  @Test
  public void readsUnitsAndIso() {
    assertEquals(Duration.millis(500), Durations.parse("x", "500ms"));
    assertEquals(Duration.standardSeconds(30), Durations.parse("x", "30s"));
    assertEquals(Duration.standardMinutes(1), Durations.parse("x", "1m"));
    assertEquals(Duration.standardHours(2), Durations.parse("x", "2H"));
    assertEquals(Duration.standardMinutes(1), Durations.parse("x", "PT1M"));
  }

  @Test
  public void errorsNameTheFlag() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("windowSize", "soon"));
    assertThat(e.getMessage(), containsString("--windowSize=soon is not a duration"));
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Durations.parsePositive("windowSize", "0s"));
    assertThat(e.getMessage(), containsString("--windowSize=0s must be greater than zero"));
  }
}
