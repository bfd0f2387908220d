package io.courtside.ingest;

import io.courtside.ingest.SourceOptions.Source;
import io.courtside.model.KafkaClientSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Checks flag values and combinations before anything connects, and says what is wrong in the
 * flags' own words. Returns the first problem, or null; the command turns it into usage + exit 2.
 */
final class OptionChecks {
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern MASTODON_TAG = Pattern.compile("#?[\\p{L}\\p{M}\\p{N}_]+");

  private OptionChecks() {}

  static String problem(KafkaOptions k, SourceOptions s) {
    String kafka = kafka(k);
    if (kafka != null) {
      return kafka;
    }
    if (s.count != null && s.count < 1) {
      return "--count must be at least 1, got " + s.count;
    }
    Source src = s.source;
    if (src != Source.synthetic) {
      if (s.rate != null) {
        return "--rate applies to --source=synthetic only"
            + (src == Source.replay ? "; pace a replay with --speed" : "");
      }
      if (s.seed != null) {
        return "--seed applies to --source=synthetic only";
      }
    }
    if (src != Source.replay) {
      if (s.file != null) {
        return "--file applies to --source=replay only";
      }
      if (s.speed != null) {
        return "--speed applies to --source=replay only"
            + (src == Source.synthetic ? "; use --rate for synthetic posts" : "");
      }
    }
    if ((src == Source.synthetic || src == Source.replay) && !s.track.isEmpty()) {
      return "--track applies to the live sources (x, bluesky, mastodon)";
    }
    if (s.track.stream().anyMatch(String::isBlank)) {
      // An empty value (a shell variable that was not set) would count as no --track: on Bluesky,
      // the whole network's posts.
      return "--track is empty: give a rule, hashtag or word";
    }
    if (src != Source.x && s.bearerTokenFile != null) {
      return "--bearerTokenFile applies to --source=x only";
    }
    if (src != Source.mastodon && s.mastodonTokenFile != null) {
      return "--mastodonTokenFile applies to --source=mastodon only";
    }
    return switch (src) {
      case synthetic ->
          s.rate != null && !(s.rate > 0 && Double.isFinite(s.rate))
              ? "--rate must be a positive number of posts per second, got " + s.rate
              : null;
      case replay -> replay(s);
      case x ->
          s.track.isEmpty()
              ? "--source=x needs at least one --track rule, e.g. --track='#NBA lang:en -is:retweet'"
              : firstOf(
                  url("--xApiBase", s.xApiBase, "http", "https"),
                  file("--bearerTokenFile", s.bearerTokenFile));
      case bluesky -> url("--jetstreamUrl", s.jetstreamUrl, "ws", "wss");
      case mastodon -> mastodon(s);
    };
  }

  private static String kafka(KafkaOptions k) {
    try {
      KafkaClientSettings.bootstrapServers(k.bootstrapServers);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (k.topic == null
        || !TOPIC_NAME.matcher(k.topic).matches()
        || k.topic.equals(".")
        || k.topic.equals("..")) {
      return "--topic='"
          + k.topic
          + "' is not a valid Kafka topic name"
          + " (letters, digits, '.', '_', '-'; at most 249 characters)";
    }
    if (k.partitions < 1) {
      return "--partitions must be at least 1, got " + k.partitions;
    }
    if (k.maxKafkaOutage < 1) {
      return "--maxKafkaOutage must be at least 1 second, got " + k.maxKafkaOutage;
    }
    if (k.replicationFactor < 1) {
      return "--replicationFactor must be at least 1, got " + k.replicationFactor;
    }
    return file("--kafkaConfig", k.kafkaConfig);
  }

  private static String replay(SourceOptions s) {
    if (s.file == null) {
      return "--source=replay needs --file=F, a file of posts (one JSON record per line)";
    }
    String f = file("--file", s.file);
    if (f != null) {
      return f;
    }
    if (s.speed != null && !(s.speed > 0 && Double.isFinite(s.speed))) {
      return "--speed must be a positive multiple of the original pace, got " + s.speed;
    }
    if (s.maxWait < 0) {
      return "--maxWait must be 0 or more seconds, got " + s.maxWait;
    }
    return url("--mastodonInstance", s.mastodonInstance, "http", "https");
  }

  private static String mastodon(SourceOptions s) {
    if (s.track.isEmpty()) {
      return "--source=mastodon needs at least one --track hashtag, e.g. --track=nba";
    }
    for (String t : s.track) {
      if (!MASTODON_TAG.matcher(t.strip()).matches()) {
        return "--track='" + t + "': Mastodon streams hashtags; give one tag per --track";
      }
    }
    return firstOf(
        url("--mastodonInstance", s.mastodonInstance, "http", "https"),
        file("--mastodonTokenFile", s.mastodonTokenFile));
  }

  private static String url(String flag, URI uri, String plain, String secure) {
    if (uri == null
        || uri.getHost() == null
        || !(plain.equals(uri.getScheme()) || secure.equals(uri.getScheme()))) {
      return flag + "=" + uri + ": expected a " + secure + ":// (or " + plain + "://) URL";
    }
    return null;
  }

  private static String file(String flag, Path file) {
    if (file == null) {
      return null;
    }
    if (Files.isDirectory(file)) {
      return flag + "=" + file + ": is a folder, not a file";
    }
    if (!Files.exists(file)) {
      return flag + "=" + file + ": no such file";
    }
    // Not only regular files: a pipe (--file=/dev/stdin, a shell's <(zcat ...)) is read as well.
    return Files.isReadable(file) ? null : flag + "=" + file + ": not readable";
  }

  private static String firstOf(String a, String b) {
    return a != null ? a : b;
  }
}
