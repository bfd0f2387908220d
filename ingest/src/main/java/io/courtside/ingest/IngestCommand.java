package io.courtside.ingest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code courtside ingest}: puts posts on the posts topic, either generated ({@code synthetic}) or
 * read from a JSONL file ({@code replay}). Flags are camelCase like the pipeline's Beam options so
 * that one vocabulary serves both. Exit codes: 0 all records acknowledged, 1 a runtime failure
 * (broker unreachable, a send failed, unreadable file), 2 bad flags.
 *
 * <p>One run per instance. Embedding code (the demo) may run it on a thread and end it with
 * {@link #requestStop()}; Ctrl-C does the same through a shutdown hook, and both flush what is
 * buffered before returning.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Produce posts into Kafka: synthetic NBA chatter or a replayed JSONL file.")
public final class IngestCommand implements java.util.concurrent.Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(IngestCommand.class);

  /** Lower-case constants so the flag values and picocli's "expected one of" read naturally. */
  public enum Source {
    synthetic,
    replay
  }

  static final double DEFAULT_RATE = 50;
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final long PROGRESS_SECONDS = 5;
  /** On Ctrl-C, how long buffered records may take to reach the broker before we give up. */
  private static final Duration CLOSE_ON_STOP = Duration.ofSeconds(30);

  @Spec private CommandSpec spec;

  @Option(names = "--source", required = true,
      description = "Where posts come from: ${COMPLETION-CANDIDATES}.")
  Source source;

  @Option(names = "--bootstrapServers", defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--topic", defaultValue = "twitterdata",
      description = "Topic to produce to (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--partitions", defaultValue = "3",
      description = "Partitions when the topic is created (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replicationFactor", defaultValue = "1",
      description = "Replication factor when the topic is created (default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Option(names = "--rate", paramLabel = "N",
      description = "synthetic: posts per second (default: 50).")
  Double rate;

  @Option(names = "--count", paramLabel = "N",
      description = "Stop after N records (default: until Ctrl-C for synthetic, the whole file"
          + " for replay).")
  Long count;

  @Option(names = "--file", paramLabel = "F",
      description = "replay: JSONL file of posts, one per line (.gz read compressed).")
  Path file;

  @Option(names = "--speed", paramLabel = "X",
      description = "replay: X times the original pace from createdAt gaps (default: as fast as"
          + " possible).")
  Double speed;

  @Option(names = "--seed", description = "synthetic: seed for reproducible posts and ids.")
  Long seed;

  @Option(names = "--producerConfig", paramLabel = "FILE",
      description = "Properties file of extra Kafka client settings (SASL/SSL, tuning).")
  Path producerConfig;

  private final StopSignal stop = new StopSignal();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile PostProducer producer;

  public IngestCommand() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new IngestCommand()).execute(args));
  }

  /** Ends a run started on another thread; buffered records are still flushed. */
  public void requestStop() {
    stop.requestStop();
  }

  /** Records handed to Kafka so far (0 before the run starts). */
  public long produced() {
    PostProducer p = producer;
    return p == null ? 0 : p.sent();
  }

  /** Records the broker has acknowledged so far. */
  public long acknowledged() {
    PostProducer p = producer;
    return p == null ? 0 : p.acknowledged();
  }

  @Override
  public Integer call() {
    validate();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(spec.commandLine().getOut(), err);
    } catch (IngestException e) {
      err.println("ingest: " + e.getMessage());
      err.flush();
      return 1;
    } finally {
      finished.countDown();
    }
  }

  /** Checks flag values and combinations; picocli turns the exception into usage + exit 2. */
  void validate() {
    boolean replay = source == Source.replay;
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw usage("--bootstrapServers must not be empty");
    }
    if (topic == null || !TOPIC_NAME.matcher(topic).matches() || topic.equals(".")
        || topic.equals("..")) {
      throw usage("--topic='" + topic + "' is not a valid Kafka topic name"
          + " (letters, digits, '.', '_', '-'; at most 249 characters)");
    }
    if (partitions < 1) {
      throw usage("--partitions must be at least 1, got " + partitions);
    }
    if (replicationFactor < 1) {
      throw usage("--replicationFactor must be at least 1, got " + replicationFactor);
    }
    if (count != null && count < 1) {
      throw usage("--count must be at least 1, got " + count);
    }
    if (producerConfig != null && !Files.isRegularFile(producerConfig)) {
      throw usage("--producerConfig=" + producerConfig + ": no such file");
    }
    if (replay) {
      if (file == null) {
        throw usage("--source=replay needs --file=F, a JSONL file of posts");
      }
      if (!Files.isRegularFile(file)) {
        throw usage("--file=" + file + ": no such file");
      }
      if (!Files.isReadable(file)) {
        throw usage("--file=" + file + ": not readable");
      }
      if (rate != null) {
        throw usage("--rate applies to --source=synthetic only; pace a replay with --speed");
      }
      if (seed != null) {
        throw usage("--seed applies to --source=synthetic only");
      }
      if (speed != null && !(speed > 0 && Double.isFinite(speed))) {
        throw usage("--speed must be a positive multiple of the original pace, got " + speed);
      }
    } else {
      if (file != null) {
        throw usage("--file applies to --source=replay only");
      }
      if (speed != null) {
        throw usage("--speed applies to --source=replay only; use --rate for synthetic posts");
      }
      if (rate != null && !(rate > 0 && Double.isFinite(rate))) {
        throw usage("--rate must be a positive number of posts per second, got " + rate);
      }
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private int run(PrintWriter out, PrintWriter err) throws IngestException {
    Properties extra = new Properties();
    if (producerConfig != null) {
      try {
        extra = KafkaSettings.load(producerConfig);
      } catch (IOException | IllegalArgumentException e) {
        throw new IngestException("--producerConfig=" + producerConfig + ": " + e.getMessage(), e);
      }
    }
    Properties producerProps = KafkaSettings.producer(bootstrapServers, extra);
    try {
      new TopicAdmin(KafkaSettings.admin(bootstrapServers, extra))
          .ensureTopic(topic, partitions, replicationFactor);
      producer = PostProducer.create(producerProps, topic);
    } catch (KafkaException e) {
      // Raised by client construction: unresolvable address, a bad setting in --producerConfig.
      throw new IngestException("cannot configure the Kafka client: " + e.getMessage(), e);
    }
    PostProducer sink = producer;
    ReplaySource replay =
        source == Source.replay
            ? new ReplaySource(file, speed, KafkaSettings.maxRecordBytes(producerProps),
                System::nanoTime, stop)
            : null;
    Progress progress = new Progress(sink, replay, System::nanoTime);
    ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "courtside-ingest-progress");
      t.setDaemon(true);
      return t;
    });
    reporter.scheduleAtFixedRate(() -> {
      err.println(progress.line());
      err.flush();
    }, PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
    Thread hook = new Thread(this::onShutdown, "courtside-ingest-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    String readError = null;
    try {
      if (replay != null) {
        replay.run(sink, count == null ? 0 : count,
            () -> stop.isStopped() || sink.firstError() != null);
      } else {
        produceSynthetic(sink);
      }
    } catch (IOException e) {
      readError = "--file=" + file + ": read failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      reporter.shutdownNow();
      if (stop.isStopped()) {
        sink.close(CLOSE_ON_STOP);
      } else {
        sink.close(); // waits until every buffered record is acknowledged or failed
      }
      removeHook(hook);
    }

    boolean failed = sink.failed() > 0 || readError != null;
    out.println(progress.summary(failed ? "failed" : stop.isStopped() ? "stopped" : "done"));
    out.flush();
    if (readError != null) {
      throw new IngestException(readError);
    }
    if (sink.failed() > 0) {
      throw new IngestException(sink.failed() + " record(s) were not acknowledged by Kafka; first"
          + " error: " + sink.firstError());
    }
    return 0;
  }

  private void produceSynthetic(PostProducer sink) throws InterruptedException {
    long seedValue = seed != null ? seed : ThreadLocalRandom.current().nextLong();
    SyntheticPosts posts = new SyntheticPosts(seedValue, Clock.systemUTC());
    // The seed is logged so that any run can be reproduced with --seed.
    LOG.info("synthetic posts: run {} (--seed={}), {} posts/s", posts.runId(), seedValue,
        rate == null ? DEFAULT_RATE : rate);
    Pacer pacer = new Pacer(rate == null ? DEFAULT_RATE : rate, System::nanoTime, stop);
    long limit = count == null ? Long.MAX_VALUE : count;
    for (long i = 0; i < limit && sink.firstError() == null; i++) {
      pacer.awaitNext();
      if (stop.isStopped()) {
        break;
      }
      sink.post(posts.next());
    }
  }

  /** Ctrl-C: ask the produce loop to stop and wait while it flushes and prints its summary. */
  private void onShutdown() {
    stop.requestStop();
    try {
      if (!finished.await(CLOSE_ON_STOP.getSeconds() + 10, TimeUnit.SECONDS)) {
        LOG.warn("ingest did not finish flushing in time; some records may not have been sent");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down (Ctrl-C): the hook is running and waits for us.
    }
  }
}
