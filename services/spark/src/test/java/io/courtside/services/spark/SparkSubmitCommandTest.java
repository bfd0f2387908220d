package io.courtside.services.spark;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class SparkSubmitCommandTest {
  private static final Path JAR = Path.of("/opt/job.jar");

  @Test
  public void addsTheRunnerAndKeepsBeamFlagsAfterTheJar() {
    List<String> args =
        new SparkSubmitCommand(
                "spark://127.0.0.1:7077",
                "client",
                JAR,
                Map.of("spark.ui.enabled", "false"),
                List.of("--topic=t"))
            .submitArgs(JAR.toString());
    assertEquals(
        List.of(
            "--master",
            "spark://127.0.0.1:7077",
            "--deploy-mode",
            "client",
            "--name",
            "courtside",
            "--conf",
            "spark.ui.enabled=false",
            "--class",
            JobJar.MAIN_CLASS,
            "/opt/job.jar",
            "--runner=SparkRunner",
            "--topic=t"),
        args);
  }

  @Test
  public void refusesSparkMasterUnderSparkSubmit() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SparkSubmitCommand(
                "local[2]", "client", JAR, Map.of(), List.of("--sparkMaster=local[4]")));
  }

  @Test
  public void localCommandRunsOnLoopbackWithJava17Flags() {
    SparkHome home = new SparkHome(Path.of("/opt/spark"));
    List<String> argv =
        new SparkSubmitCommand("local[2]", "client", JAR, SparkSubmitCommand.localConf(), List.of())
            .localCommand(home);
    assertEquals("env", argv.get(0));
    assertThat(
        argv,
        hasItems(
            "SPARK_LOCAL_IP=127.0.0.1",
            "SPARK_SCALA_VERSION=2.12",
            "SPARK_HOME=/opt/spark",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "/opt/spark/jars/*",
            SparkSubmitCommand.SPARK_SUBMIT_CLASS));
    assertThat(argv, hasItem("spark.driver.bindAddress=127.0.0.1"));
  }

  @Test
  public void shellQuotesOnlyWhatNeedsIt() {
    assertEquals(
        "spark-submit --master 'local[2]' 'a b' x=y",
        SparkSubmitCommand.shell(List.of("spark-submit", "--master", "local[2]", "a b", "x=y")));
  }
}
