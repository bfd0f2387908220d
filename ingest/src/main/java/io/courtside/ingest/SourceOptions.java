package io.courtside.ingest;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where posts come from: {@code --source} and the flags of each source. Tokens have file flags only
 * (or environment variables): a flag's value would show in {@code ps} and shell history.
 */
public final class SourceOptions {
  /** Lower-case constants so the flag values and picocli's "expected one of" read naturally. */
  public enum Source {
    synthetic,
    replay,
    x,
    bluesky,
    mastodon
  }

  static final double DEFAULT_RATE = 50;
  static final String X_TOKEN_ENV = "X_BEARER_TOKEN";
  static final String MASTODON_TOKEN_ENV = "MASTODON_ACCESS_TOKEN";

  @Option(
      names = "--source",
      required = true,
      paramLabel = "SOURCE",
      description = "Where posts come from: ${COMPLETION-CANDIDATES}.")
  Source source;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "Stop after N records (default: until Ctrl-C, or the whole file for replay).")
  Long count;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "synthetic: posts per second (default: 50).")
  Double rate;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "synthetic: seed for reproducible posts and ids.")
  Long seed;

  @Option(
      names = "--file",
      paramLabel = "F",
      description =
          "replay: file of posts, one JSON record per line (.gz read compressed):"
              + " Courtside JSONL, X v2 tweets, X v1.1 statuses, Jetstream events, Mastodon statuses.")
  Path file;

  @Option(
      names = "--speed",
      paramLabel = "X",
      description =
          "replay: X times the original pace from createdAt gaps (default: as fast as"
              + " possible).")
  Double speed;

  @Option(
      names = "--maxWait",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "replay: longest single wait under --speed; a longer gap between two posts"
              + " is cut to this and counted in the progress line (default: ${DEFAULT-VALUE}).")
  long maxWait;

  @Option(
      names = "--track",
      paramLabel = "TERM",
      description =
          "x: a stream rule (e.g. '#NBA lang:en -is:retweet'); bluesky: '#tag' or a"
              + " word/phrase; mastodon: a hashtag. Repeat for more.")
  List<String> track = new ArrayList<>();

  @Option(
      names = "--bearerTokenFile",
      paramLabel = "FILE",
      description = "x: file holding the app-only bearer token (default: env " + X_TOKEN_ENV + ").")
  Path bearerTokenFile;

  @Option(
      names = "--xApiBase",
      paramLabel = "URL",
      defaultValue = "https://api.x.com",
      description = "x: API base URL (default: ${DEFAULT-VALUE}).")
  URI xApiBase;

  @Option(
      names = "--jetstreamUrl",
      paramLabel = "URL",
      defaultValue = "wss://jetstream2.us-east.bsky.network/subscribe",
      description = "bluesky: Jetstream subscribe URL (default: ${DEFAULT-VALUE}).")
  URI jetstreamUrl;

  @Option(
      names = "--mastodonInstance",
      paramLabel = "URL",
      defaultValue = "https://mastodon.social",
      description =
          "mastodon: instance base URL; replay: the instance replayed statuses came"
              + " from (default: ${DEFAULT-VALUE}).")
  URI mastodonInstance;

  @Option(
      names = "--mastodonTokenFile",
      paramLabel = "FILE",
      description =
          "mastodon: file holding a user access token (default: env " + MASTODON_TOKEN_ENV + ").")
  Path mastodonTokenFile;

  /** Mastodon tags are names only: strip the '#' users naturally type. */
  List<String> mastodonTags() {
    List<String> tags = new ArrayList<>();
    for (String t : track) {
      tags.add(t.strip().replaceFirst("^#", ""));
    }
    return tags;
  }
}
