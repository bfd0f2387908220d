package io.courtside.cli;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.slf4j.LoggerFactory;

/** What {@code simplelogger.properties} lets through, as slf4j-simple reads it. */
public class LoggingTest {
  /**
   * The DirectRunner's QuiescenceDriver logged "ERROR ... Internal Error while delivering timers"
   * with a RejectedExecutionException on every cancel that met a timer (see the properties file):
   * that one logger is off, and the rest of the runner still logs its errors and warnings.
   */
  @Test
  public void onlyTheDirectRunnersTimerDriverIsSilenced() {
    assertFalse(
        LoggerFactory.getLogger("org.apache.beam.runners.direct.QuiescenceDriver")
            .isErrorEnabled());
    for (String other :
        new String[] {
          "org.apache.beam.runners.direct.ExecutorServiceParallelExecutor",
          "org.apache.beam.runners.direct.DirectRunner",
          "org.apache.beam.runners.direct.DirectTransformExecutor",
          "org.apache.beam.sdk.Pipeline"
        }) {
      assertTrue(other, LoggerFactory.getLogger(other).isWarnEnabled());
    }
  }
}
