package io.courtside.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.courtside.services.spark.SparkSubmitCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The shipped templates: parameter checks and the exact commands they run. */
public class LaunchTemplateTest {
  private static final Path TEMPLATES = Path.of("../templates");

  private static LaunchTemplate template(String name) throws Exception {
    return LaunchTemplate.read(TEMPLATES.resolve(name + ".json"));
  }

  @Test
  public void sparkStandaloneDryRunIsASubmitToTheLocalMaster() throws Exception {
    LaunchTemplate t = template("spark-standalone");
    String line =
        SparkSubmitCommand.shell(
            LaunchCommand.command(
                t, t.resolve(Map.of("windowSize", "30s", "checkpointDir", "/tmp/ck"))));
    assertThat(
        line,
        containsString("courtside submit --master=spark://127.0.0.1:7077 --runner=SparkRunner"));
    assertThat(line, containsString("--windowSize=30s"));
    assertThat(line, containsString("--checkpointDir=/tmp/ck"));
  }

  @Test
  public void unknownParameterIsNamed() throws Exception {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> template("spark-standalone").resolve(Map.of("windowSiz", "1m")));
    assertThat(e.getMessage(), startsWith("unknown parameter 'windowSiz'"));
  }

  @Test
  public void wrongValueIsNamedWithThePattern() throws Exception {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> template("spark-standalone").resolve(Map.of("batchIntervalMillis", "fast")));
    assertThat(
        e.getMessage(), startsWith("parameter 'batchIntervalMillis' = 'fast' does not match"));
  }

  @Test
  public void missingRequiredParameterIsNamed() throws Exception {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> template("spark-submit").resolve(Map.of()));
    assertThat(e.getMessage(), startsWith("missing required parameter 'master'"));
  }

  @Test
  public void genericSparkSubmitLineForYarn() throws Exception {
    LaunchTemplate t = template("spark-submit");
    List<String> argv =
        LaunchCommand.command(
            t,
            t.resolve(Map.of("master", "yarn", "checkpointDir", "hdfs:///courtside/checkpoint")));
    assertEquals(
        List.of(
            "spark-submit",
            "--master",
            "yarn",
            "--deploy-mode",
            "cluster",
            "--name",
            "courtside",
            "--class",
            "io.courtside.pipeline.launch.PipelineLauncher",
            "courtside-runner-spark-0.1.0-SNAPSHOT-job.jar",
            "--runner=SparkRunner",
            "--checkpointDir=hdfs:///courtside/checkpoint"),
        argv);
  }

  @Test
  public void directTemplateHasNoSparkParameters() throws Exception {
    assertThrows(
        IllegalArgumentException.class,
        () -> template("local-demo").resolve(Map.of("checkpointDir", "/tmp/x")));
  }
}
