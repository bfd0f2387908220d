package io.courtside.ingest;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest run, whatever the source: opens Kafka, builds the source, reports progress every few
 * seconds, and on the way out (end of a file, {@code --count}, Ctrl-C, a fatal source error)
 * flushes the producer and prints the summary. Ctrl-C reaches it through a shutdown hook that
 * requests a stop and waits for that flush.
 */
final class IngestRun {
  private static final Logger LOG = LoggerFactory.getLogger(IngestRun.class);
  private static final long PROGRESS_SECONDS = 5;

  /** On Ctrl-C, how long buffered records may take to reach the broker before we give up. */
  private static final Duration CLOSE_ON_STOP = Duration.ofSeconds(30);

  private final KafkaOptions kafka;
  private final Properties extra;
  private final SourceOptions options;
  private final KafkaAccess kafkaAccess;
  private final Map<String, String> env;
  private final StopSignal stop;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicReference<PostProducer> producer = new AtomicReference<>();
  private volatile boolean userStopped;

  /**
   * @param extra the settings of {@code --kafkaConfig}, read and checked by the command ({@link
   *     KafkaSettings#load}); empty without it
   */
  IngestRun(
      KafkaOptions kafka,
      Properties extra,
      SourceOptions options,
      KafkaAccess kafkaAccess,
      Map<String, String> env,
      StopSignal stop) {
    this.kafka = kafka;
    this.extra = extra;
    this.options = options;
    this.kafkaAccess = kafkaAccess;
    this.env = env;
    this.stop = stop;
  }

  PostProducer producer() {
    return producer.get();
  }

  /** Ctrl-C or embedding code: stop and flush; buffered records get {@link #CLOSE_ON_STOP}. */
  void requestStop() {
    userStopped = true;
    stop.requestStop();
  }

  int run(PrintWriter out, PrintWriter err) throws IngestException {
    try {
      return runToEnd(out, err);
    } finally {
      finished.countDown();
    }
  }

  private int runToEnd(PrintWriter out, PrintWriter err) throws IngestException {
    Properties producerProps = KafkaSettings.producer(kafka.bootstrapServers, extra);
    // Credentials first: a missing token should not wait for Kafka to be reachable.
    PostSource source =
        SourceFactory.create(options, env, stop, KafkaSettings.maxRecordBytes(producerProps));
    PostProducer sink = kafkaAccess.open(kafka, extra, producerProps);
    producer.set(sink);
    LimitedSink limited =
        new LimitedSink(
            sink, options.count == null ? 0 : options.count, stop, () -> sink.firstError() != null);
    Progress progress = new Progress(sink, source.stats(), System::nanoTime);
    ScheduledExecutorService reporter =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "courtside-ingest-progress");
              t.setDaemon(true);
              return t;
            });
    reporter.scheduleAtFixedRate(
        () -> {
          err.println(progress.line());
          err.flush();
        },
        PROGRESS_SECONDS,
        PROGRESS_SECONDS,
        TimeUnit.SECONDS);
    Thread hook = new Thread(this::onShutdown, "courtside-ingest-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    IngestException failure = null;
    try {
      source.run(limited, stop);
    } catch (IngestException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      reporter.shutdownNow();
      if (userStopped) {
        sink.close(CLOSE_ON_STOP);
      } else {
        sink.close(); // waits until every buffered record is acknowledged or failed
      }
      removeHook(hook);
    }

    boolean failed = sink.failed() > 0 || failure != null;
    out.println(progress.summary(failed ? "failed" : userStopped ? "stopped" : "done"));
    out.flush();
    if (failure != null) {
      throw failure;
    }
    if (sink.failed() > 0) {
      throw new IngestException(
          sink.failed()
              + " record(s) were not acknowledged by Kafka; first"
              + " error: "
              + sink.firstError());
    }
    return 0;
  }

  /** Ctrl-C: ask the source to stop and wait while the run flushes and prints its summary. */
  private void onShutdown() {
    requestStop();
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
