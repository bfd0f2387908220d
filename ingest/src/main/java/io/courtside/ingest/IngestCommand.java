package io.courtside.ingest;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code courtside ingest}: puts posts on the posts topic from a live network (X, Bluesky,
 * Mastodon), a recorded file ({@code replay}) or a generator ({@code synthetic}). Flags are
 * camelCase like the pipeline's Beam options so that one vocabulary serves both. Exit codes: 0 all
 * records acknowledged, 1 a runtime failure (broker unreachable, a send failed, unreadable file, a
 * token refused), 2 bad flags.
 *
 * <p>One run per instance. Embedding code (the demo) may run it on a thread and end it with {@link
 * #requestStop()}; Ctrl-C does the same through a shutdown hook, and both flush what is buffered
 * before returning.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Produce posts into Kafka: live from X, Bluesky or Mastodon, replayed from a"
            + " file, or synthetic NBA chatter.",
    footer = {
      "",
      "Environment: X_BEARER_TOKEN (x), MASTODON_ACCESS_TOKEN (mastodon). Tokens are"
          + " never taken from flags, so they cannot show in ps or shell history."
    })
public final class IngestCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin SourceOptions source = new SourceOptions();
  @Mixin KafkaOptions kafka = new KafkaOptions();

  private final KafkaAccess kafkaAccess;
  private final Map<String, String> env;
  private final StopSignal stop = new StopSignal();
  private volatile IngestRun run;

  public IngestCommand() {
    this(KafkaAccess.broker(), System.getenv());
  }

  /** For tests: another Kafka (a MockProducer) and another environment. */
  IngestCommand(KafkaAccess kafkaAccess, Map<String, String> env) {
    this.kafkaAccess = kafkaAccess;
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new IngestCommand()).execute(args));
  }

  /** Ends a run started on another thread; buffered records are still flushed. */
  public void requestStop() {
    IngestRun r = run;
    if (r != null) {
      r.requestStop();
    } else {
      stop.requestStop();
    }
  }

  /** Records handed to Kafka so far (0 before the run starts). */
  public long produced() {
    PostProducer p = run == null ? null : run.producer();
    return p == null ? 0 : p.sent();
  }

  /**
   * Sends of records again after a failed send, so far (a record may be re-sent more than once).
   */
  public long resent() {
    PostProducer p = run == null ? null : run.producer();
    return p == null ? 0 : p.resent();
  }

  /** Records the broker has acknowledged so far. */
  public long acknowledged() {
    PostProducer p = run == null ? null : run.producer();
    return p == null ? 0 : p.acknowledged();
  }

  @Override
  public Integer call() {
    String problem = OptionChecks.problem(kafka, source);
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), problem);
    }
    Properties extra = new Properties();
    if (kafka.kafkaConfig != null) {
      // Read now, once: a key no Kafka client knows or a JAAS line Kafka cannot read is a bad
      // flag (exit 2), as in the pipeline; it was found when the run started, exit 1.
      try {
        extra = KafkaSettings.load(kafka.kafkaConfig);
      } catch (IOException | IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(), "--kafkaConfig=" + kafka.kafkaConfig + ": " + e.getMessage());
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    run = new IngestRun(kafka, extra, source, kafkaAccess, env, stop);
    try {
      return run.run(spec.commandLine().getOut(), err);
    } catch (IngestException e) {
      err.println("ingest: " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}
