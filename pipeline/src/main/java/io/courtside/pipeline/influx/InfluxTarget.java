package io.courtside.pipeline.influx;

import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where and how points are written: which write API, which database or bucket, and where the
 * credentials come from. Holds no secret: only the user name and the paths of secret files, so it
 * may be serialised into the job, printed and logged. The secrets themselves are read on the worker
 * by {@link InfluxCredentials}.
 *
 * @param api {@code v1} ({@code /write?db=}, Basic auth) or {@code v2} ({@code /api/v2/write},
 *     {@code Authorization: Token})
 * @param url base URL, {@code http://} or {@code https://} (TLS with the JVM trust store)
 * @param database v1 database
 * @param org v2 organisation
 * @param bucket v2 bucket
 * @param user v1 user; null for no authentication
 * @param passwordFile v1 password file; null to read {@code INFLUX_PASSWORD}
 * @param tokenFile v2 token file; null to read {@code INFLUX_TOKEN}
 * @param escapeNewlines write a newline inside a string field as backslash-newline (QuestDB's
 *     dialect) instead of raw (InfluxDB's)
 */
public record InfluxTarget(
    Api api,
    String url,
    String database,
    String org,
    String bucket,
    String user,
    String passwordFile,
    String tokenFile,
    boolean escapeNewlines)
    implements Serializable {

  /** The two write APIs. */
  public enum Api {
    V1,
    V2
  }

  public InfluxTarget {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--influxUrl=" + url + " is not a URL");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("--influxUrl must start with http:// or https://");
    }
    if (uri.getUserInfo() != null) {
      // A URL is logged and shown in the runner's UI: credentials never belong in it. The message
      // does not repeat the URL, which holds them.
      throw new IllegalArgumentException(
          "--influxUrl must not contain credentials; use --influxUser with INFLUX_PASSWORD or"
              + " --influxPasswordFile (v1), INFLUX_TOKEN or --influxTokenFile (v2)");
    }
    if (api == Api.V2 && (isBlank(org) || isBlank(bucket))) {
      throw new IllegalArgumentException("--influxApi=v2 needs --influxOrg and --influxBucket");
    }
    if (api == Api.V1 && isBlank(database)) {
      throw new IllegalArgumentException("--influxDatabase is empty");
    }
  }

  /** A v1 target without authentication, as the local stack runs it. */
  public static InfluxTarget v1(String url, String database) {
    return new InfluxTarget(Api.V1, url, database, null, null, null, null, null, false);
  }

  /** Base URL with a trailing slash, so relative paths resolve under it. */
  URI base() {
    return URI.create(url.endsWith("/") ? url : url + "/");
  }

  /** The write endpoint with its query string; timestamps are nanoseconds. */
  URI writeUri() {
    if (api == Api.V1) {
      return base().resolve("write?db=" + enc(database) + "&precision=ns");
    }
    return base()
        .resolve("api/v2/write?org=" + enc(org) + "&bucket=" + enc(bucket) + "&precision=ns");
  }

  /** What error messages name: never a credential. */
  String describe() {
    return api == Api.V1
        ? url + " (v1, database " + database + (user == null ? "" : ", user " + user) + ")"
        : url + " (v2, org " + org + ", bucket " + bucket + ")";
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
