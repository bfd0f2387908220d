package io.courtside.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.ingest.IngestException;
import io.courtside.ingest.PostSource;
import io.courtside.ingest.RecordSink;
import io.courtside.ingest.SourceStats;
import io.courtside.ingest.StopSignal;
import io.courtside.ingest.formats.JetstreamEvents;
import io.courtside.ingest.formats.Mapped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bluesky through Jetstream: a WebSocket of JSON events for {@code app.bsky.feed.post}, filtered
 * here by {@code --track} because Jetstream has no server-side filter.
 *
 * <p>Resume without gaps: after a disconnect we reconnect with {@code cursor} set a little before
 * the last event we handled ({@link Config#overlap}), because Jetstream's order is only roughly by
 * time across its shards. Events of that overlap that we already handled are recognised by their
 * identity and skipped, so nothing is lost and nothing is produced twice. Compression stays off
 * (Jetstream's zstd needs its custom dictionary); plain JSON costs bandwidth, not correctness.
 */
public final class JetstreamSource implements PostSource {
  private static final Logger LOG = LoggerFactory.getLogger(JetstreamSource.class);
  public static final URI DEFAULT_URL =
      URI.create("wss://jetstream2.us-east.bsky.network/subscribe");
  static final String DUPLICATE = "duplicate from the cursor overlap";
  static final String NOT_MATCHING = "not matching --track";
  static final String OVERSIZE = "oversize message";

  /**
   * @param url the subscribe endpoint, without query
   * @param track {@code --track} terms
   * @param overlap how far before the last handled event a reconnect resumes
   * @param stallTimeout reconnect when no event arrives for this long
   * @param maxMessageChars longest event kept; longer ones are skipped and counted
   */
  public record Config(
      URI url, List<String> track, Duration overlap, Duration stallTimeout, int maxMessageChars) {
    public static Config defaults(URI url, List<String> track) {
      // The network produces several posts a second, so a minute of silence means a dead link.
      // A post record is at most a few KB; 1 Mi characters is far beyond any real event.
      return new Config(url, track, Duration.ofSeconds(2), Duration.ofSeconds(60), 1 << 20);
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Config config;
  private final HttpClient client;
  private final Reconnector.Timing timing;
  private final TrackFilter filter;
  private final SourceStats stats = new SourceStats();

  /** Identity of each handled event inside the overlap window, with its time_us. */
  private final Map<String, Long> recent = new LinkedHashMap<>();

  private long lastTimeUs;

  public JetstreamSource(Config config, HttpClient client, Reconnector.Timing timing) {
    this.config = config;
    this.client = client;
    this.timing = timing;
    this.filter = new TrackFilter(config.track());
  }

  @Override
  public SourceStats stats() {
    return stats;
  }

  /** time_us of the last event handled: where a restart could resume. */
  public long cursor() {
    return lastTimeUs;
  }

  @Override
  public void run(RecordSink sink, StopSignal stop) throws IngestException, InterruptedException {
    if (filter.matchesEverything()) {
      LOG.warn("Bluesky: no --track given, producing every post on the network");
    }
    Reconnector reconnector =
        new Reconnector(
            "Bluesky Jetstream",
            "Jetstream needs no credentials: check --jetstreamUrl",
            timing,
            stats);
    reconnector.run(connected -> stream(sink, stop, connected), stop);
    LOG.info("Bluesky: stopped at cursor {}", lastTimeUs);
  }

  private void stream(RecordSink sink, StopSignal stop, Runnable connected)
      throws IOException, HttpStatusException, InterruptedException {
    URI uri = subscribeUri();
    try (WebSocketMessages messages =
        WebSocketMessages.connect(client, uri, config.maxMessageChars(), this::oversize)) {
      LOG.info(
          "Bluesky Jetstream connected{}", lastTimeUs > 0 ? " at cursor " + cursorParam() : "");
      connected.run();
      long idleSince = System.nanoTime();
      while (!stop.isStopped()) {
        String message = messages.poll(Duration.ofMillis(100));
        if (message == null) {
          if (System.nanoTime() - idleSince > config.stallTimeout().toNanos()) {
            throw new IOException(
                "no event for "
                    + config.stallTimeout().toSeconds()
                    + " s: connection presumed dead");
          }
          continue;
        }
        idleSince = System.nanoTime();
        handle(message, sink);
        messages.requestNext(); // only now: a slow Kafka slows the socket (back-pressure)
      }
    }
  }

  URI subscribeUri() {
    String base = config.url().toString();
    StringBuilder s =
        new StringBuilder(base)
            .append(base.contains("?") ? '&' : '?')
            .append("wantedCollections=")
            .append(JetstreamEvents.POST_COLLECTION);
    if (lastTimeUs > 0) {
      s.append("&cursor=").append(cursorParam());
    }
    return URI.create(s.toString());
  }

  private long cursorParam() {
    return Math.max(0, lastTimeUs - config.overlap().toNanos() / 1000);
  }

  private void oversize() {
    stats.received();
    stats.skipped(OVERSIZE);
  }

  private void handle(String message, RecordSink sink) {
    stats.received();
    JsonNode event;
    try {
      event = MAPPER.readTree(message);
    } catch (IOException e) {
      stats.skipped("not JSON");
      return;
    }
    long timeUs = event.path("time_us").asLong(0);
    if (timeUs > 0) {
      String identity =
          event.path("did").asText()
              + "|"
              + timeUs
              + "|"
              + event.path("commit").path("rkey").asText();
      if (timeUs <= lastTimeUs && recent.containsKey(identity)) {
        stats.skipped(DUPLICATE);
        return;
      }
      remember(identity, timeUs);
    }
    Mapped mapped = JetstreamEvents.map(event);
    if (!mapped.isPost()) {
      stats.skipped(mapped.reason());
    } else if (!filter.matches(mapped.post())) {
      stats.skipped(NOT_MATCHING);
    } else {
      sink.post(mapped.post());
      stats.posted();
    }
  }

  /** Records a handled event and forgets those that fell out of the overlap window. */
  private void remember(String identity, long timeUs) {
    recent.put(identity, timeUs);
    lastTimeUs = Math.max(lastTimeUs, timeUs);
    long horizon = lastTimeUs - 2 * config.overlap().toNanos() / 1000;
    for (Iterator<Long> it = recent.values().iterator(); it.hasNext(); ) {
      if (it.next() >= horizon) {
        break; // insertion order is roughly time order; stale entries sit at the front
      }
      it.remove();
    }
  }
}
