package io.courtside.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class RunnerFlagTest {
  @Test
  public void beamsNamesForEachRunnerAreAccepted() {
    for (String name :
        List.of(
            "DirectRunner",
            "direct",
            "DIRECT",
            "directrunner",
            "org.apache.beam.runners.direct.DirectRunner")) {
      assertEquals(name, RunnerFlag.DIRECT, RunnerFlag.of(List.of("--runner=" + name), null));
    }
    for (String name :
        List.of(
            "SparkRunner", "spark", "sparkrunner", "org.apache.beam.runners.spark.SparkRunner")) {
      assertEquals(name, RunnerFlag.SPARK, RunnerFlag.of(List.of("--runner=" + name), null));
    }
    for (String name :
        List.of(
            "FlinkRunner", "Flink", "FLINKRUNNER", "org.apache.beam.runners.flink.FlinkRunner")) {
      assertEquals(name, RunnerFlag.FLINK, RunnerFlag.of(List.of("--runner=" + name), null));
    }
  }

  @Test
  public void noRunnerFlagMeansTheCommandsDefault() {
    assertEquals(RunnerFlag.SPARK, RunnerFlag.of(List.of("--topic=t"), RunnerFlag.SPARK));
    assertEquals(RunnerFlag.DIRECT, RunnerFlag.of(List.of(), RunnerFlag.DIRECT));
  }

  @Test
  public void otherRunnersAndMalformedFlagsAreRefusedWithTheReason() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunnerFlag.of(List.of("--runner=NopeRunner"), RunnerFlag.DIRECT));
    assertThat(unknown.getMessage(), containsString("--runner=NopeRunner is not a runner"));
    assertThat(unknown.getMessage(), containsString("DirectRunner, SparkRunner or FlinkRunner"));
    assertThrows(
        IllegalArgumentException.class,
        () -> RunnerFlag.of(List.of("--runner=DataflowRunner"), RunnerFlag.DIRECT));
    assertThrows(
        IllegalArgumentException.class,
        () -> RunnerFlag.of(List.of("--runner=sparks"), RunnerFlag.DIRECT));
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunnerFlag.of(List.of("--runner=spark", "--runner=FlinkRunner"), null));
    assertThat(twice.getMessage(), containsString("[SparkRunner, FlinkRunner]"));
    assertEquals(
        RunnerFlag.SPARK, RunnerFlag.of(List.of("--runner=spark", "--runner=SparkRunner"), null));
    IllegalArgumentException bare =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunnerFlag.of(List.of("--runner", "SparkRunner"), null));
    assertThat(bare.getMessage(), containsString("--runner=SparkRunner"));
  }

  @Test
  public void theJobIsGivenOneFlagWithBeamsName() {
    assertEquals(
        List.of("--runner=FlinkRunner", "--topic=t", "--backfill"),
        RunnerFlag.FLINK.in(
            List.of("--topic=t", "--runner=flink", "--backfill", "--runner=Flink")));
    assertEquals(
        List.of("--runner=SparkRunner", "--topic=t"), RunnerFlag.SPARK.in(List.of("--topic=t")));
  }
}
