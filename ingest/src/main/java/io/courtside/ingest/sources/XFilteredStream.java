package io.courtside.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.ingest.IngestException;
import io.courtside.ingest.PostSource;
import io.courtside.ingest.RecordSink;
import io.courtside.ingest.SourceStats;
import io.courtside.ingest.StopSignal;
import io.courtside.ingest.formats.Mapped;
import io.courtside.ingest.formats.XV2Tweets;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * X API v2 filtered stream ({@code GET /2/tweets/search/stream}): syncs the rules from {@code
 * --track}, then reads newline-delimited tweet objects for as long as the connection lasts,
 * reconnecting through {@link Reconnector}. X sends a bare newline about every 20 s to keep the
 * connection open; a stream silent for longer than {@link Config#stallTimeout} is presumed dead and
 * reconnected.
 */
public final class XFilteredStream implements PostSource {
  private static final Logger LOG = LoggerFactory.getLogger(XFilteredStream.class);
  public static final URI DEFAULT_API_BASE = URI.create("https://api.x.com");
  static final String STREAM_PATH = "/2/tweets/search/stream";

  /** Ask for the fields a post needs; by default v2 sends only id and text. */
  static final String STREAM_QUERY =
      "tweet.fields=created_at,lang,author_id,entities,note_tweet"
          + "&expansions=author_id&user.fields=username";

  static final String CREDENTIALS_HINT =
      "check X_BEARER_TOKEN or --bearerTokenFile (an app-only bearer token of a project with"
          + " filtered stream access)";

  /**
   * @param apiBase {@code https://api.x.com}, or a local server in tests
   * @param rules the rules to keep in force, one per {@code --track} value
   * @param stallTimeout reconnect when nothing, not even a keep-alive, arrives for this long
   * @param maxLineBytes longest tweet line kept (longer ones are skipped and counted)
   */
  public record Config(
      URI apiBase, List<String> rules, Secret token, Duration stallTimeout, int maxLineBytes) {
    public static Config defaults(URI apiBase, List<String> rules, Secret token) {
      // Three missed keep-alives (X sends one every ~20 s) before we call the stream dead.
      return new Config(apiBase, rules, token, Duration.ofSeconds(60), 1 << 20);
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Config config;
  private final HttpClient client;
  private final Reconnector.Timing timing;
  private final SourceStats stats = new SourceStats();
  private volatile long keepAlives;
  private boolean rulesSynced;

  public XFilteredStream(Config config, HttpClient client, Reconnector.Timing timing) {
    this.config = config;
    this.client = client;
    this.timing = timing;
  }

  @Override
  public SourceStats stats() {
    return stats;
  }

  /** Keep-alive newlines seen (not counted as received records). */
  public long keepAlives() {
    return keepAlives;
  }

  @Override
  public void run(RecordSink sink, StopSignal stop) throws IngestException, InterruptedException {
    XRules rules = new XRules(client, config.apiBase(), config.token(), Duration.ofSeconds(30));
    Reconnector reconnector = new Reconnector("X filtered stream", CREDENTIALS_HINT, timing, stats);
    reconnector.run(
        connected -> {
          if (!rulesSynced) {
            // Inside the reconnect loop so that a 429 or 503 on the rules endpoint is retried too.
            rules.sync(config.rules());
            rulesSynced = true;
          }
          stream(sink, stop, connected);
        },
        stop);
  }

  private void stream(RecordSink sink, StopSignal stop, Runnable connected)
      throws IOException, HttpStatusException, InterruptedException {
    InputStream body =
        StreamingGet.open(
            client,
            config.apiBase().resolve(STREAM_PATH + "?" + STREAM_QUERY),
            config.token(),
            null);
    LOG.info("X filtered stream connected");
    connected.run();
    try (StreamWatchdog watchdog = new StreamWatchdog(body, config.stallTimeout(), stop);
        LineReader lines = new LineReader(watchdog.stream(), config.maxLineBytes())) {
      try {
        while (!stop.isStopped() && lines.next()) {
          handle(lines, sink);
        }
      } catch (IOException e) {
        throw watchdog.explain(e, "data or keep-alive");
      }
    }
  }

  private void handle(LineReader lines, RecordSink sink) throws IOException {
    if (lines.oversize()) {
      stats.received();
      stats.skipped("oversize line");
      return;
    }
    if (lines.blank()) {
      keepAlives++;
      return;
    }
    stats.received();
    JsonNode root;
    try {
      root = MAPPER.readTree(lines.bytes());
    } catch (IOException e) {
      stats.skipped("not JSON");
      return;
    }
    if (!root.has("data") && root.has("errors")) {
      // e.g. operational-disconnect: X closes the stream after this and we reconnect.
      JsonNode first = root.path("errors").path(0);
      LOG.warn(
          "X filtered stream says: {} {}",
          first.path("title").asText(""),
          first.path("detail").asText(""));
      stats.skipped("X stream error message");
      return;
    }
    Mapped mapped = XV2Tweets.map(root);
    if (mapped.isPost()) {
      sink.post(mapped.post());
      stats.posted();
    } else {
      stats.skipped(mapped.reason());
    }
  }
}
