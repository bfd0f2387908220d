package io.courtside.services.stack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/** The whole stack, through the programmatic API and through `stack start|status|stop`. */
public class LocalStackTest {

  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  @Rule public Cleanup cleanup = new Cleanup();

  @Before
  public void brokerIsBuilt() {
    BrokerBuilt.require();
  }

  @Test
  public void apiStartsBothAndCloseStopsBoth() {
    Path state = cleanup.trackStateDir(tmp.getRoot().toPath());
    long kafkaPid;
    long influxPid;
    try (LocalStack stack = LocalStack.start(state, StackConfig.freePorts())) {
      assertThat(stack.kafkaBootstrap(), startsWith("127.0.0.1:"));
      assertThat(stack.influxUrl(), startsWith("http://127.0.0.1:"));
      assertTrue(stack.isRunning());
      assertTrue(FreePorts.isListening(stack.state().kafkaPort()));
      assertTrue(InfluxdProcess.ping(stack.influxUrl()));
      kafkaPid = stack.kafka().orElseThrow().pid();
      influxPid = stack.influxd().orElseThrow().pid();
      assertThat(StackState.read(state).orElseThrow().kafkaPid(), is(kafkaPid));
    }
    assertTrue(Cleanup.gone(kafkaPid));
    assertTrue(Cleanup.gone(influxPid));
    assertFalse(Files.exists(StackState.file(state)));
    assertFalse(LocalStack.attach(state).isPresent());
  }

  @Test
  public void commandStartStatusStop() {
    Path state = cleanup.trackStateDir(tmp.getRoot().toPath().resolve(".courtside"));
    String dir = "--stateDir=" + state;

    Run start = run("start", dir, "--kafkaPort=0", "--influxPort=0");
    assertThat(start.err, start.code, is(0));
    assertThat(start.out, containsString("Started in"));
    StackState st = StackState.read(state).orElseThrow();

    Run again = run("start", dir, "--kafkaPort=0", "--influxPort=0");
    assertThat(again.code, is(0));
    assertThat(again.out, containsString("already running"));
    assertThat(StackState.read(state).orElseThrow().kafkaPid(), is(st.kafkaPid()));

    Run status = run("status", dir);
    assertThat(status.out, status.code, is(0));
    assertThat(status.out, containsString("pid " + st.kafkaPid()));
    assertThat(status.out, containsString(st.kafkaBootstrap()));
    assertThat(status.out, containsString(st.influxUrl()));

    Run stop = run("stop", dir);
    assertThat(stop.err, stop.code, is(0));
    assertThat(stop.out, containsString("Stopped kafka (pid " + st.kafkaPid() + ")"));
    assertTrue(Cleanup.gone(st.kafkaPid()));
    assertTrue(Cleanup.gone(st.influxPid()));

    assertThat(run("status", dir).code, is(StackCommand.NOT_RUNNING_OR_PORT_TAKEN));
    assertThat(run("stop", dir).code, is(0));
  }

  @Test
  public void takenPortNamesTheFlag() throws Exception {
    Path state = cleanup.trackStateDir(tmp.getRoot().toPath());
    try (java.net.ServerSocket squatter =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Run start =
          run(
              "start",
              "--stateDir=" + state,
              "--kafkaPort=" + squatter.getLocalPort(),
              "--influxPort=0");
      assertThat(start.code, is(StackCommand.NOT_RUNNING_OR_PORT_TAKEN));
      assertThat(start.err, containsString("127.0.0.1:" + squatter.getLocalPort()));
      assertThat(start.err, containsString("--kafkaPort"));
    }
    assertFalse(LocalStack.attach(state).isPresent());
  }

  @Test
  public void whenInfluxdFailsTheBrokerStartedBesideItIsStopped() throws Exception {
    // influxd fails at once (its home is a file), while the broker is still starting beside it.
    Path state = cleanup.trackStateDir(tmp.getRoot().toPath());
    Path home = InfluxdProcess.configFile(state).getParent();
    Files.createDirectories(home.getParent());
    Files.writeString(home, "not a folder");
    int kafkaPort = FreePorts.pick();
    StackException failed =
        assertThrows(
            StackException.class,
            () -> LocalStack.start(state, StackConfig.freePorts().withKafkaPort(kafkaPort)));
    assertThat(failed.getMessage(), containsString("influxd"));
    // The broker was up (its log says so) and is stopped again.
    assertThat(Files.readString(KafkaBrokerProcess.logFile(state)), containsString("READY"));
    assertTrue("the broker still listens on " + kafkaPort, FreePorts.isFree(kafkaPort));
    assertFalse(Files.exists(StackState.file(state)));
    assertFalse(LocalStack.attach(state).isPresent());
  }

  @Test
  public void whenTheBrokerFailsInfluxdStartedBesideItIsStopped() throws Exception {
    // The broker fails at once (its data folder is a file), while influxd starts beside it.
    Path state = cleanup.trackStateDir(tmp.getRoot().toPath());
    Files.createDirectories(KafkaBrokerProcess.dataDir(state).getParent());
    Files.writeString(KafkaBrokerProcess.dataDir(state), "not a folder");
    int influxPort = FreePorts.pick();
    StackException failed =
        assertThrows(
            StackException.class,
            () -> LocalStack.start(state, StackConfig.freePorts().withInfluxPort(influxPort)));
    assertThat(failed.getMessage(), containsString("Kafka broker"));
    // influxd's start ran (its folders exist); it is stopped again and its pid file removed.
    assertTrue(Files.isDirectory(InfluxdProcess.configFile(state).resolveSibling("meta")));
    // start() returned after influxd's start ended, so nothing comes up on its port later (a
    // start left running would be listening within a second or two).
    for (int i = 0; i < 30; i++) {
      assertTrue("influxd listens on " + influxPort, FreePorts.isFree(influxPort));
      Thread.sleep(100);
    }
    assertFalse(Files.exists(InfluxdProcess.pidFile(state)));
    assertFalse(LocalStack.attach(state).isPresent());
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new StackCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
