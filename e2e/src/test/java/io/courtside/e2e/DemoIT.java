package io.courtside.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.courtside.cli.VerifyCommand;
import io.courtside.services.stack.LocalStack;
import io.courtside.services.stack.StackState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * {@code courtside demo} as a user runs it, in its own JVM, over a running stack: its progress
 * lines never go back, its summary's counts are InfluxDB's, and the verify command it prints, run
 * again afterwards, recounts the topic to the same windows. Before the demo waited for verify, it
 * stopped the job once the polarity totals were complete, and the last window's entity points were
 * often never written.
 */
public class DemoIT {
  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-demo");

  private static final Pattern PROGRESS =
      Pattern.compile("\\| produced (\\d+) \\(\\d+/s\\) \\| stored (\\d+) posts");

  @Test
  public void theDemosNumbersAreVerifiedAndItsVerifyCommandAgrees() throws Exception {
    PipelineJvm demo =
        PipelineJvm.cli(
            stack.stateDir().resolve("logs/demo.log"),
            Map.of(),
            List.of(
                "demo",
                "--duration=12",
                "--rate=40",
                "--no-dashboard",
                "--stateDir=" + stack.stateDir()));
    Integer code;
    String out;
    try (demo) {
      code = demo.awaitExit(Duration.ofMinutes(3));
      out = demo.output();
    }
    System.out.println(out);
    assertEquals(out, Integer.valueOf(0), code);
    assertThat(out, containsString("using the running stack"));

    // Progress: produced and stored never go back, and the last line has stored them all.
    List<long[]> lines = new ArrayList<>();
    Matcher m = PROGRESS.matcher(out);
    while (m.find()) {
      lines.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
    }
    assertThat(out, lines.size(), greaterThan(2));
    for (int i = 1; i < lines.size(); i++) {
      assertTrue(out, lines.get(i)[0] >= lines.get(i - 1)[0]);
      assertTrue(out, lines.get(i)[1] >= lines.get(i - 1)[1]);
    }
    long produced = number(out, "posts produced +(\\d+)");
    assertThat(produced, greaterThan(200L)); // 40/s for 12 s
    assertEquals(out, produced, lines.get(lines.size() - 1)[0]);
    assertEquals(out, produced, lines.get(lines.size() - 1)[1]);
    assertEquals(out, produced, number(out, "posts in InfluxDB +(\\d+)"));
    assertEquals(out, produced, number(out, "windows written +\\d+, counting (\\d+) posts"));
    assertThat(out, containsString("verify              OK: "));
    assertThat(out, containsString("and " + produced + " posts match a recount of the topic"));

    // The printed verify command, run again: the same windows, every produced post once.
    String command = find(out, "\\./courtside verify (.+)");
    assertThat(command, containsString("--windowSize=10s"));
    StringWriter vout = new StringWriter();
    StringWriter verr = new StringWriter();
    int verified =
        VerifyCommand.run(
            new PrintWriter(vout, true),
            new PrintWriter(verr, true),
            Arrays.stream(command.trim().split(" +")).toArray(String[]::new));
    System.out.println(verr + "\n" + vout);
    assertEquals(verr + "\n" + vout, 0, verified);
    assertThat(vout.toString(), containsString(produced + " distinct post ids in range"));
    assertThat(vout.toString(), containsString("OK: InfluxDB matches the topic"));

    // Verify's default windows (1m) are not the demo's: a bad flag, said as such.
    StringWriter derr = new StringWriter();
    int wrong =
        VerifyCommand.run(
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(derr, true),
            "--bootstrapServers=" + stack.kafkaBootstrap(),
            "--influxUrl=" + stack.influxUrl());
    assertEquals(derr.toString(), 2, wrong);
    assertThat(derr.toString(), containsString("--windowSize=1m does not match"));
    assertThat(derr.toString(), containsString("so the job ran with 10s"));
  }

  @Test
  public void ctrlCStillDrainsVerifiesSummarizesAndStopsTheStackItStarted() throws Exception {
    // Its own stack (free ports, a new folder) in a session of the demo's: before the stack ran
    // detached, the terminal's SIGINT and the stack's own shutdown hook stopped Kafka and InfluxDB
    // at once, and the summary read nothing back ("stored 0 posts").
    Path state = Files.createTempDirectory("courtside-demo-ctrl-c");
    PipelineJvm demo =
        PipelineJvm.cli(
            state.resolve("demo.log"),
            Map.of(),
            List.of(
                "demo",
                "--duration=0",
                "--rate=40",
                "--no-dashboard",
                "--kafkaPort=0",
                "--influxPort=0",
                "--stateDir=" + state),
            true);
    List<Long> stackPids = new ArrayList<>();
    try (demo) {
      Expected.await(
          "two progress lines",
          Duration.ofMinutes(3),
          () -> {
            try {
              return PROGRESS.matcher(demo.output()).results().count() >= 2;
            } catch (IOException e) {
              return false;
            }
          });
      LocalStack started = LocalStack.attach(state).orElseThrow();
      StackState running = started.state();
      stackPids.addAll(List.of(running.kafkaPid(), running.influxPid()));
      // Port 0: the demo names the ports it got, not 127.0.0.1:0.
      String gotPorts = "Kafka " + started.kafkaBootstrap() + ", InfluxDB " + started.influxUrl();
      demo.interruptGroup();
      Integer code = demo.awaitExit(Duration.ofMinutes(2));
      String out = demo.output();
      System.out.println(out);
      assertEquals(out, Integer.valueOf(130), code); // 128 + SIGINT, after the shutdown hook
      long produced = number(out, "posts produced +(\\d+)");
      assertThat(produced, greaterThan(0L));
      assertEquals(out, produced, number(out, "posts in InfluxDB +(\\d+)"));
      assertThat(out, containsString("verify              OK: "));
      assertThat(out, containsString("stopping Kafka and InfluxDB"));
      assertThat(out, containsString(gotPorts));
      assertThat(out, not(containsString("127.0.0.1:0")));
      for (long pid : stackPids) {
        assertFalse(
            "pid " + pid + " still runs after the demo",
            ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      }
    } finally {
      LocalStack.attach(state).ifPresent(LocalStack::close); // only if the demo left it
      TempDirs.delete(state);
    }
  }

  private static long number(String out, String regex) {
    return Long.parseLong(find(out, regex));
  }

  private static String find(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    assertTrue(out, m.find());
    String found = m.group(1);
    assertNotNull(found);
    return found;
  }
}
