package io.courtside.services.flink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

public class FlinkClusterTest {
  @Test
  public void bashJavaUtilsResultsAreTheJvmFlagsThenTheDynamicSettings() {
    String out =
        String.join(
            "\n",
            "[main] INFO BashJavaUtils - Total Process Memory: 1.5gb",
            "BASH_JAVA_UTILS_EXEC_RESULT:-Xmx778462820 -Xms778462820 -XX:MaxDirectMemorySize=248302798",
            "BASH_JAVA_UTILS_EXEC_RESULT:-D taskmanager.cpu.cores=2.0 -D"
                + " taskmanager.memory.task.heap.size=644245092b",
            "");
    assertEquals(
        List.of(
            List.of("-Xmx778462820", "-Xms778462820", "-XX:MaxDirectMemorySize=248302798"),
            List.of(
                "-D",
                "taskmanager.cpu.cores=2.0",
                "-D",
                "taskmanager.memory.task.heap.size=644245092b")),
        FlinkCluster.parseExecResult(out));
    FlinkException e =
        assertThrows(
            FlinkException.class, () -> FlinkCluster.parseExecResult("Exception in thread"));
    assertTrue(e.getMessage(), e.getMessage().contains("Exception in thread"));
  }

  @Test
  public void theClustersJvmsGetTheJitFlagsBeforeTheClasspath() {
    List<String> cmd =
        FlinkCluster.command(
            new FlinkHome(Path.of("/opt/flink")), List.of("-Xmx1g"), "Main", List.of("a"));
    for (String flag : FlinkJvm.JIT_FLAGS) {
      assertTrue(cmd.toString(), cmd.indexOf(flag) > 0 && cmd.indexOf(flag) < cmd.indexOf("-cp"));
    }
  }

  /** A flag this JVM does not know would stop every Flink JVM at start: run one with them. */
  @Test
  public void thisJavaStartsWithTheJitFlags() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(FlinkJvm.java()));
    cmd.addAll(FlinkJvm.JIT_FLAGS);
    cmd.add("-XX:+PrintFlagsFinal");
    cmd.add("-version");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(out, 0, p.exitValue());
    Matcher m = Pattern.compile("CompileThresholdScaling\\s*=\\s*(\\S+)\\s").matcher(out);
    assertTrue(out, m.find());
    assertEquals(4.0, Double.parseDouble(m.group(1)), 0.0);
  }

  @Test
  public void everyAddressOfTheConfigurationIsLoopback() {
    FlinkClusterState st =
        new FlinkClusterState(
            8081,
            6123,
            0,
            0,
            2,
            Path.of("/s/checkpoints"),
            Path.of("/s/savepoints"),
            Instant.EPOCH);
    String yaml = FlinkCluster.configYaml(st, "1536m", Path.of("/s/flink"));
    Matcher m = Pattern.compile("(?m)^([a-z.-]+(?:address|host|bind-host)): (.*)$").matcher(yaml);
    int addresses = 0;
    while (m.find()) {
      assertEquals(m.group(1), "127.0.0.1", m.group(2));
      addresses++;
    }
    assertEquals("jobmanager/taskmanager/rest addresses and bind hosts", 6, addresses);
    assertTrue(yaml, yaml.contains("rest.port: 8081\n"));
    assertTrue(yaml, yaml.contains("jobmanager.rpc.port: 6123\n"));
    assertTrue(yaml, yaml.contains("taskmanager.numberOfTaskSlots: 2\n"));
    assertTrue(yaml, yaml.contains("state.savepoints.dir: file:///s/savepoints\n"));
    assertTrue(yaml, yaml.contains("state.checkpoints.dir: file:///s/checkpoints\n"));
  }

  @Test
  public void aBadConfigurationIsRefusedWithItsName() {
    assertThrows(
        IllegalArgumentException.class,
        () -> FlinkClusterConfig.defaults().withTaskManager(0, "1g"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FlinkClusterConfig.defaults().withTaskManager(2, "lots"));
    assertTrue(e.getMessage(), e.getMessage().startsWith("taskManagerMemory"));
    assertThrows(
        IllegalArgumentException.class, () -> FlinkClusterConfig.defaults().withRestPort(70000));
  }
}
