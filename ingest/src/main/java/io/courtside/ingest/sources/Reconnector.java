package io.courtside.ingest.sources;

import io.courtside.ingest.IngestException;
import io.courtside.ingest.Sleeper;
import io.courtside.ingest.SourceStats;
import io.courtside.ingest.StopSignal;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a live source connected: runs a connection until it ends, then waits and runs it again,
 * until a stop. Every live source goes through here, so there is one answer to each failure:
 *
 * <ul>
 *   <li>network error or a dropped stream: {@link Backoff.Policy#network()} (short, growing);
 *   <li>429: until the server's reset time when it sends one, else {@link
 *       Backoff.Policy#standard()};
 *   <li>5xx: {@link Backoff.Policy#standard()};
 *   <li>401/403 and other 4xx: stop with a message; retrying cannot fix a bad token and a retry
 *       storm against an auth error is what gets API clients banned.
 * </ul>
 *
 * A connection calls {@code connected.run()} once it is streaming. When it then stays up for {@link
 * #STABLE_AFTER}, both backoffs are reset, so a drop after an hour of streaming is retried quickly
 * again; a server that accepts and drops at once keeps backing off instead of being hit several
 * times a second.
 */
public final class Reconnector {
  private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);

  /** A bad reset header must not park the source for hours; X's windows are 15 minutes. */
  private static final Duration MAX_RESET_WAIT = Duration.ofMinutes(16);

  /** X's reset time has whole seconds: come back just after it, not just before. */
  private static final Duration RESET_MARGIN = Duration.ofSeconds(1);

  /** A connection that lasted this long worked: the next failure starts the backoff afresh. */
  static final Duration STABLE_AFTER = Duration.ofSeconds(30);

  /** One connection attempt: returns when the stream ends, throws when it fails. */
  @FunctionalInterface
  public interface Connection {
    void run(Runnable connected)
        throws IOException, HttpStatusException, InterruptedException, IngestException;
  }

  /** Timing collaborators, injected so that tests run backoffs without waiting. */
  public record Timing(
      Sleeper sleeper,
      Clock clock,
      DoubleSupplier random,
      Backoff.Policy standard,
      Backoff.Policy network) {
    /** Real time; waits end early on a stop request. */
    public static Timing real(StopSignal stop) {
      return new Timing(
          stop,
          Clock.systemUTC(),
          Math::random,
          Backoff.Policy.standard(),
          Backoff.Policy.network());
    }
  }

  private final String name;
  private final String credentialsHint;
  private final Timing timing;
  private final SourceStats stats;
  private final Backoff standard;
  private final Backoff network;

  /** When the current connection started streaming; null before it does. */
  private Instant connectedAt;

  /**
   * @param name what we connect to, for messages ("X filtered stream")
   * @param credentialsHint what to check after a 401/403 ("check X_BEARER_TOKEN ...")
   */
  public Reconnector(String name, String credentialsHint, Timing timing, SourceStats stats) {
    this.name = name;
    this.credentialsHint = credentialsHint;
    this.timing = timing;
    this.stats = stats;
    this.standard = new Backoff(timing.standard(), timing.random());
    this.network = new Backoff(timing.network(), timing.random());
  }

  /** Runs {@code connection} again and again until {@code stop}; throws on a fatal answer. */
  public void run(Connection connection, StopSignal stop)
      throws IngestException, InterruptedException {
    while (!stop.isStopped()) {
      Duration wait;
      connectedAt = null;
      try {
        connection.run(this::connected);
        if (stop.isStopped()) {
          return;
        }
        String lasted = resetIfStable();
        wait = network.next();
        LOG.warn(
            "{}: the server ended the stream{}; reconnecting in {} ms",
            name,
            lasted,
            wait.toMillis());
      } catch (IOException e) {
        if (stop.isStopped()) {
          return; // closing the stream to stop surfaces as an IOException: not a failure
        }
        String lasted = resetIfStable();
        wait = network.next();
        LOG.warn("{}: {}{}; reconnecting in {} ms", name, describe(e), lasted, wait.toMillis());
      } catch (HttpStatusException e) {
        resetIfStable();
        wait = afterStatus(e);
      }
      timing.sleeper().sleepNanos(wait.toNanos());
      if (!stop.isStopped()) {
        stats.reconnected();
      }
    }
  }

  private void connected() {
    connectedAt = timing.clock().instant();
  }

  /**
   * Resets both backoffs when the connection that just ended had stayed up for {@link
   * #STABLE_AFTER}; returns how long it lasted, for the log line ("" when it never streamed).
   */
  private String resetIfStable() {
    if (connectedAt == null) {
      return "";
    }
    Duration lasted = Duration.between(connectedAt, timing.clock().instant());
    if (lasted.compareTo(STABLE_AFTER) >= 0) {
      standard.reset();
      network.reset();
    }
    return " after " + lasted.toMillis() + " ms connected";
  }

  private Duration afterStatus(HttpStatusException e) throws IngestException {
    if (e.unauthorized()) {
      throw new IngestException(
          name
              + " answered "
              + e.getMessage()
              + ". "
              + (e.status() == 401
                  ? "The token was not accepted"
                  : "The token may not use this API")
              + "; "
              + credentialsHint
              + ". Not retrying.");
    }
    if (e.rateLimited()) {
      Instant now = timing.clock().instant();
      Duration wait =
          e.rateLimitReset()
              .map(reset -> Duration.between(now, reset).plus(RESET_MARGIN))
              .filter(d -> !d.isNegative() && d.compareTo(MAX_RESET_WAIT) <= 0)
              .orElseGet(standard::next);
      LOG.warn(
          "{}: rate limited ({}); waiting {} s{}",
          name,
          e.getMessage(),
          wait.toSeconds(),
          e.rateLimitReset().map(r -> " until " + r).orElse(""));
      return wait;
    }
    if (e.transientError()) {
      Duration wait = standard.next();
      LOG.warn("{}: {}; retrying in {} s", name, e.getMessage(), wait.toSeconds());
      return wait;
    }
    throw new IngestException(
        name
            + " refused the request: "
            + e.getMessage()
            + ". Not retrying; check the flags (e.g. --track) and the endpoint.");
  }

  /** The exception's kind and message, without a stack trace: disconnects are routine. */
  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
