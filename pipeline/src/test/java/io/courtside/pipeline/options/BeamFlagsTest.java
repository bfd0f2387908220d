package io.courtside.pipeline.options;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.Test;

/** The runners' counting flags are refused below 1, by their own names, where a runner has them. */
public class BeamFlagsTest {
  /** The Flink and Spark runners' flags (neither runner is on this module's classpath). */
  public interface RunnerCounts extends PipelineOptions {
    Integer getParallelism();

    void setParallelism(Integer value);

    Long getMaxBundleSize();

    void setMaxBundleSize(Long value);

    Long getMaxBundleTimeMills();

    void setMaxBundleTimeMills(Long value);

    Long getBatchIntervalMillis();

    void setBatchIntervalMillis(Long value);

    Long getMaxRecordsPerBatch();

    void setMaxRecordsPerBatch(Long value);
  }

  private static final List<Class<?>> OPTIONS = List.of(RunnerCounts.class);

  @Test
  public void aRunnersCountBelowOneNamesItsFlag() {
    assertEquals(
        "--parallelism must be at least 1, got 0 (the Flink job's parallelism; leave it out for"
            + " the default)",
        refusal("--parallelism=0"));
    assertEquals(
        "--maxBundleSize must be at least 1, got -5 (the most elements of a Flink bundle)",
        refusal("--maxBundleSize=-5"));
    assertEquals(
        "--maxBundleTimeMills must be at least 1, got 0 (how long a Flink bundle stays open, in"
            + " milliseconds)",
        refusal("--maxBundleTimeMills=0"));
    assertEquals(
        "--batchIntervalMillis must be at least 1, got 0 (Spark's micro-batch, in milliseconds)",
        refusal("--batchIntervalMillis=0"));
    // Not a number is still said as before.
    assertEquals("--parallelism=two is not a whole number", refusal("--parallelism=two"));
  }

  @Test
  public void positiveCountsAndOtherNumbersPass() {
    BeamFlags.checkValues(
        OPTIONS,
        "--parallelism=1",
        "--maxBundleSize=5000",
        "--maxBundleTimeMills=250",
        "--batchIntervalMillis=2000",
        // -1 is Beam's "no bound" here: not a counting flag of the list.
        "--maxRecordsPerBatch=-1");
    // A flag no registered interface has is left to Beam's parse (which names it).
    BeamFlags.checkValues(List.of(PipelineOptions.class), "--parallelism=0");
  }

  /**
   * {@code --help=yes} is refused naming the flag; Beam printed "Unable to find option yes." and
   * ended the JVM with exit 0. {@code --help=NAME} of an interface stays Beam's.
   */
  @Test
  public void aHelpValueThatNamesNoOptionsInterfaceIsABadFlag() {
    List<Class<?>> options = List.of(RunnerCounts.class, PipelineOptions.class);
    assertEquals(
        "--help=yes names no options interface: give --help for every flag, or --help=NAME for"
            + " the flags of one of PipelineOptions, RunnerCounts",
        assertThrows(FlagException.class, () -> BeamFlags.checkHelp(options, "--help=yes"))
            .getMessage());
    BeamFlags.checkHelp(
        options,
        "--help",
        "--help=true",
        "--help=RunnerCounts",
        "--help=" + PipelineOptions.class.getName());
  }

  private static String refusal(String arg) {
    return assertThrows(FlagException.class, () -> BeamFlags.checkValues(OPTIONS, arg))
        .getMessage();
  }
}
