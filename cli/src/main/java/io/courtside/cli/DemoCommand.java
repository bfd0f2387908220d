package io.courtside.cli;

import io.courtside.dashboard.DashboardServer;
import io.courtside.dashboard.Dashboards;
import io.courtside.ingest.KafkaSettings;
import io.courtside.ingest.PostProducer;
import io.courtside.ingest.SyntheticPosts;
import io.courtside.ingest.TopicAdmin;
import io.courtside.pipeline.config.JobConfig;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.launch.PipelineLauncher;
import io.courtside.pipeline.options.CourtsideOptions;
import io.courtside.services.stack.LocalStack;
import io.courtside.services.stack.StackConfig;
import io.courtside.services.stack.StackException;
import io.courtside.services.stack.StackFlags;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.PipelineResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The local demo: the stack (unless one already runs), synthetic NBA posts at a steady rate, the
 * pipeline on DirectRunner, the dashboard pages, a progress line every 5 s, and a summary read back
 * from InfluxDB. Everything it started is stopped at the end or on Ctrl-C (with --keep: on Ctrl-C).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole product locally: Kafka + InfluxDB, synthetic NBA posts, the Beam pipeline on"
          + " DirectRunner, and the live dashboard pages (http://127.0.0.1:3000/). Prints progress every"
          + " 5 s and a summary from InfluxDB at the end.",
      "Data stays under --stateDir: `courtside stack start` brings it back for exploring."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--duration",
      defaultValue = "60",
      description = "Seconds to run; 0 = until Ctrl-C (default ${DEFAULT-VALUE}).")
  long durationSeconds;

  @Option(
      names = "--rate",
      defaultValue = "50",
      description = "Synthetic posts per second (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--windowSize",
      defaultValue = "10s",
      description =
          "Window length, short so a short demo shows several (default ${DEFAULT-VALUE}).")
  String windowSize;

  @Mixin StackFlags.Ports ports;

  @Mixin StackFlags.StateDir state;

  @Option(
      names = "--topic",
      defaultValue = "twitterdata",
      description = "Posts topic (default ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--dashboardPort",
      defaultValue = "3000",
      converter = StackFlags.Port.class,
      description = "Port of the dashboard pages on 127.0.0.1 (default ${DEFAULT-VALUE}).")
  int dashboardPort;

  @Option(
      names = "--no-dashboard",
      negatable = false,
      description = "Do not serve the dashboard pages.")
  boolean noDashboard;

  @Option(
      names = "--keep",
      description =
          "After the summary, keep the stack and the dashboard running until Ctrl-C, to look at the result.")
  boolean keep;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    checkFlags();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch cleanedUp = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    // The stack this demo started, for the hook to stop if the demo cannot.
    AtomicReference<LocalStack> owned = new AtomicReference<>();
    // Ctrl-C: the demo drains, verifies, prints its summary and stops what it started, then the
    // JVM exits. The stack runs in a session of its own (detached), so the terminal's SIGINT does
    // not stop Kafka and InfluxDB under the summary, and LocalStack adds no hook of its own that
    // would stop them while this one waits. Registered first: a Ctrl-C while the stack starts
    // must stop it too.
    Thread hook =
        new Thread(
            () -> {
              interrupted.set(true);
              stop.countDown();
              if (!awaitQuietly(cleanedUp, Duration.ofSeconds(60)) && owned.get() != null) {
                owned.get().close();
              }
            });
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return run(stop, interrupted, owned);
    } finally {
      cleanedUp.countDown();
      if (!interrupted.get()) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // Already exiting.
        }
      }
    }
  }

  /**
   * Refuses a bad flag as a usage error naming it (exit 2) before any service starts: the job's
   * flags are read as the job will read them, with the stack's addresses still unknown (port 0)
   * standing in. Before, {@code --windowSize=10x} was found only after Kafka and influxd had
   * started (~15 s), and ended in a stack trace once they were stopped.
   */
  void checkFlags() {
    if (rate < 1) {
      throw new ParameterException(spec.commandLine(), "--rate must be at least 1, got " + rate);
    }
    if (durationSeconds < 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--duration must be 0 (until Ctrl-C) or more seconds, got " + durationSeconds);
    }
    try {
      JobConfig.of(
          JobConfig.options(
              jobArgs(
                      "127.0.0.1:" + Math.max(1, ports.kafkaPort),
                      "http://127.0.0.1:" + Math.max(1, ports.influxPort))
                  .toArray(new String[0])));
    } catch (IllegalArgumentException e) {
      ParameterException bad = new ParameterException(spec.commandLine(), e.getMessage());
      bad.initCause(e);
      throw bad;
    }
  }

  /** The flags that decide the counts: the job's, and verify's at the end. */
  private List<String> countingArgs(String bootstrapServers, String influxUrl) {
    return List.of(
        "--bootstrapServers=" + bootstrapServers,
        "--topic=" + topic,
        "--influxUrl=" + influxUrl,
        "--windowSize=" + windowSize,
        "--maxOutOfOrderness=2s");
  }

  /** The job's flags: {@link #countingArgs} and the demo's consumer group and early firings. */
  private List<String> jobArgs(String bootstrapServers, String influxUrl) {
    List<String> args = new ArrayList<>(countingArgs(bootstrapServers, influxUrl));
    args.addAll(List.of("--consumerGroup=courtside-demo", "--earlyFiringPeriod=2s"));
    return args;
  }

  /** Where a service of the stack will listen: port 0 is a free port, known once it started. */
  private static String address(int port) {
    return port == 0 ? "a free port on 127.0.0.1" : "127.0.0.1:" + port;
  }

  private int run(CountDownLatch stop, AtomicBoolean interrupted, AtomicReference<LocalStack> owned)
      throws Exception {
    Optional<LocalStack> running = LocalStack.attach(state.stateDir).filter(LocalStack::isRunning);
    LocalStack stack;
    boolean ownStack = running.isEmpty();
    if (ownStack) {
      say(
          "starting Kafka (%s) and InfluxDB (%s) under %s ...",
          address(ports.kafkaPort), address(ports.influxPort), state.stateDir);
      try {
        stack =
            LocalStack.start(
                state.stateDir,
                StackConfig.defaults()
                    .withKafkaPort(ports.kafkaPort)
                    .withInfluxPort(ports.influxPort)
                    .withDetach(true));
      } catch (StackException e) {
        System.err.println("courtside demo: " + e.getMessage());
        return e instanceof StackException.PortInUse ? 3 : 1;
      }
      owned.set(stack);
      if (ports.kafkaPort == 0 || ports.influxPort == 0) {
        say("Kafka %s, InfluxDB %s", stack.kafkaBootstrap(), stack.influxUrl());
      }
    } else {
      stack = running.get();
      say(
          "using the running stack: Kafka %s, InfluxDB %s",
          stack.kafkaBootstrap(), stack.influxUrl());
    }
    Instant started = Instant.now();

    PostProducer producer = null;
    PipelineResult pipeline = null;
    DemoProgress progress = null;
    DashboardServer dashboard = null;
    try {
      new TopicAdmin(KafkaSettings.admin(stack.kafkaBootstrap(), new Properties()))
          .ensureTopic(topic, 3, (short) 1);
      List<String> counting = countingArgs(stack.kafkaBootstrap(), stack.influxUrl());
      PipelineLauncher.Job job =
          PipelineLauncher.parse(
              jobArgs(stack.kafkaBootstrap(), stack.influxUrl()).toArray(new String[0]));
      CourtsideOptions options = job.options();
      if (!noDashboard) {
        dashboard = startDashboard(stack, options.getInfluxDatabase());
      }
      say("starting the pipeline on DirectRunner (windows of %s) ...", windowSize);
      pipeline = PipelineLauncher.start(job);
      producer =
          PostProducer.create(
              KafkaSettings.producer(stack.kafkaBootstrap(), new Properties()), topic);
      SyntheticLoad load =
          new SyntheticLoad(
              new SyntheticPosts(System.nanoTime(), Clock.systemUTC()), producer, rate);
      progress = new DemoProgress(stack, options, counting, pipeline, producer, started);
      load.start();
      say(
          "producing %d posts/s to %s%s; Ctrl-C stops",
          rate, topic, durationSeconds == 0 ? "" : " for " + durationSeconds + " s");
      long deadline =
          durationSeconds == 0
              ? Long.MAX_VALUE
              : System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
      while (!stop.await(
              Math.min(5_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
              TimeUnit.MILLISECONDS)
          && System.nanoTime() < deadline) {
        progress.print();
      }
      load.stop();
      producer.flush();
      say("stopping: waiting for the pipeline to write the last posts ...");
      progress.awaitDrained(Duration.ofSeconds(interrupted.get() ? 10 : 30));
      progress.print();
      cancelQuietly(pipeline);
      pipeline = null;
      progress.printSummary();
      if (keep && !interrupted.get()) {
        say(
            "keeping Kafka (%s) and InfluxDB (%s)%s running; Ctrl-C stops them",
            stack.kafkaBootstrap(),
            stack.influxUrl(),
            dashboard == null ? "" : " and the dashboard (" + dashboard.url() + ")");
        stop.await();
      }
      // A demo whose numbers do not match a recount of its topic fails, as verify would.
      return producer.failed() == 0 && (progress.verified() || interrupted.get()) ? 0 : 1;
    } finally {
      if (dashboard != null) {
        dashboard.close();
      }
      if (producer != null) {
        producer.close(Duration.ofSeconds(10));
      }
      if (pipeline != null) {
        cancelQuietly(pipeline);
      }
      if (ownStack) {
        say("stopping Kafka and InfluxDB ...");
        stack.close();
        owned.set(null);
      }
    }
  }

  /** The dashboard pages over the demo's InfluxDB; a busy port costs the page, not the demo. */
  private DashboardServer startDashboard(LocalStack stack, String database) throws Exception {
    try {
      DashboardServer server =
          DashboardServer.start(
              "127.0.0.1",
              dashboardPort,
              new Dashboards(Dashboards.defaultDir()),
              new InfluxDbClient(stack.influxUrl(), database));
      say("dashboard: %s (live pages of grafana/dashboards; follow the data is on)", server.url());
      return server;
    } catch (IOException e) {
      say("no dashboard: %s (or run with --no-dashboard)", e.getMessage());
      return null;
    }
  }

  static void say(String format, Object... args) {
    System.out.printf("courtside demo: " + format + "%n", args);
    System.out.flush();
  }

  private static void cancelQuietly(PipelineResult pipeline) {
    try {
      pipeline.cancel();
    } catch (Exception e) {
      // DirectRunner cancel can race with completion; nothing to do.
    }
  }

  /** Whether {@code latch} opened within {@code timeout}. */
  private static boolean awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
