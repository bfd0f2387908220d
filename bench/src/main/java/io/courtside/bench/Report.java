package io.courtside.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The bench's Markdown: one table per mode, every rate next to its ratio to the baseline. */
final class Report {
  private final StringBuilder md = new StringBuilder();

  Report(String header) {
    md.append(header).append('\n');
  }

  /**
   * Drain results of several runs; the median per label, in first-seen order. A failed run (its job
   * died, a write failed) counts in no median: it is listed below the table with its reason, and
   * its row says the posts were not all written.
   *
   * <p>A ratio to the baseline is the median of the ratios within each round (a label's i-th run
   * against the baseline's i-th: the runners interleave round by round), not the ratio of two
   * medians, which may come from different rounds: on a machine whose speed drifts between rounds
   * that mixes a fast round's baseline with a slow round's job.
   */
  void drains(String title, List<Drain.Result> results, int runs) {
    Map<String, List<Drain.Result>> byLabel = group(results);
    List<Drain.Result> baseline = byLabel.getOrDefault(baselineLabel(byLabel), List.of());
    md.append("### ").append(title).append("\n\n");
    md.append(
        "| runner | posts | runs | wall posts/s | wall vs baseline | steady posts/s | steady vs baseline"
            + " | first points after (s) | all posts written | HTTP writes | points per write"
            + " | influxd in writes (s) |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
    byLabel.forEach(
        (label, all) -> {
          List<Drain.Result> rs = finished(all);
          double wall = median(rs, Drain.Result::wallRate);
          double steady = median(rs, Drain.Result::steadyRate);
          long failed = all.size() - rs.size();
          md.append(
              String.format(
                  "| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                  label,
                  all.get(0).posts(),
                  all.size(),
                  num(wall),
                  pct(roundRatio(all, baseline, Drain.Result::wallRate)),
                  num(steady),
                  pct(roundRatio(all, baseline, Drain.Result::steadyRate)),
                  dec(median(rs, Drain.Result::firstSeconds)),
                  all.stream().allMatch(Drain.Result::complete)
                      ? "yes"
                      : failed > 0 ? "**no**, " + failed + " failed" : "**no**",
                  num(median(rs, r -> writes(r).requests())),
                  dec(median(rs, r -> writes(r).pointsPerRequest())),
                  dec(median(rs, r -> writes(r).seconds()))));
        });
    md.append('\n');
    md.append(
        "HTTP writes, points per write, influxd in writes: influxd's own counters (`SHOW STATS FOR"
            + " 'httpd'`: writeReq, pointsWrittenOK, writeReqDurationNs) from launch to the end of"
            + " the drain; every point counts, the window aggregates' too.\n\n");
    cpu(byLabel, Runtime.getRuntime().availableProcessors());
    failures(results);
    ceilings(byLabel, baseline);
  }

  /**
   * Where the cores went in each runner's drains (medians over its finished runs that were read):
   * the job's, influxd's and the broker's CPU seconds, their sum over wall time x cores, and posts
   * per CPU second of the job and of influxd. Nothing when no run was read.
   */
  void cpu(Map<String, List<Drain.Result>> byLabel, int cores) {
    if (byLabel.values().stream().flatMap(List::stream).allMatch(r -> r.cpu() == null)) {
      return;
    }
    md.append(
        "| runner | job CPU (s) | of it JIT compiler (s) | influxd CPU (s) | Kafka CPU (s) | cores"
            + " busy | posts per job CPU second | posts per influxd CPU second |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    byLabel.forEach(
        (label, all) -> {
          List<Drain.Result> rs = finished(all).stream().filter(r -> r.cpu() != null).toList();
          if (rs.isEmpty()) {
            return;
          }
          md.append(
              String.format(
                  "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
                  label,
                  dec(median(rs, r -> r.cpu().jobSeconds())),
                  dec(median(rs, r -> r.cpu().jobCompilerSeconds())),
                  dec(median(rs, r -> r.cpu().influxdSeconds())),
                  dec(median(rs, r -> r.cpu().kafkaSeconds())),
                  pct(median(rs, r -> r.cpu().totalSeconds() / (r.wallSeconds() * cores))),
                  num(median(rs, r -> r.posts() / r.cpu().jobSeconds())),
                  num(median(rs, r -> r.posts() / r.cpu().influxdSeconds()))));
        });
    md.append('\n');
    md.append(
        "CPU: the OS's CPU time (`/proc`) of every process the bench started, from launch to the"
            + " end of the drain. Job: the job's JVM and, on a cluster, the cluster's JVMs (idle"
            + " daemons included); for the ceiling, the bench's own JVM (its writer threads and"
            + " polls). Of it JIT compiler: the job JVMs' C1 and C2 compiler threads (`/proc/PID/task`),"
            + " the price of a cold JVM that a long-running job pays once. Cores busy: the three"
            + " together over wall time x "
            + cores
            + " cores.\n\n");
  }

  /**
   * The median over rounds of {@code f(run) / f(base)}, pairing the i-th run of each; a round where
   * either failed or either value is not finite is left out. NaN when no round is left.
   */
  static double roundRatio(
      List<Drain.Result> runs, List<Drain.Result> base, ToDoubleFunction<Drain.Result> f) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(runs.size(), base.size()); i++) {
      Drain.Result r = runs.get(i);
      Drain.Result b = base.get(i);
      double v = f.applyAsDouble(r);
      double w = f.applyAsDouble(b);
      if (!r.failed() && !b.failed() && Double.isFinite(v) && Double.isFinite(w) && w > 0) {
        ratios.add(v / w);
      }
    }
    return median(ratios, Double::doubleValue);
  }

  private static InfluxStats.Writes writes(Drain.Result r) {
    return r.writes() == null ? new InfluxStats.Writes(0, 0, 0) : r.writes();
  }

  private static List<Drain.Result> finished(List<Drain.Result> runs) {
    return runs.stream().filter(r -> !r.failed()).toList();
  }

  private void failures(List<Drain.Result> results) {
    List<Drain.Result> failed = results.stream().filter(Drain.Result::failed).toList();
    if (failed.isEmpty()) {
      return;
    }
    md.append("**Failed runs** (in no median):\n\n");
    for (Drain.Result r : failed) {
      // The reason's first line (the job log's tail follows it in the bench's log), without the
      // label it starts with and the colon that introduced the tail.
      String reason = r.failure().lines().findFirst().orElse("").replaceFirst(":\\s*$", "");
      if (reason.startsWith(r.label() + " ")) {
        reason = reason.substring(r.label().length() + 1);
      }
      md.append("- ")
          .append(r.label())
          .append(": ")
          .append(reason)
          .append(" (")
          .append(r.posts())
          .append(" posts visible after ")
          .append(dec(r.wallSeconds()))
          .append(" s)\n");
    }
    md.append('\n');
  }

  /**
   * Below a table with ceiling rows: baseline / ceiling, the baseline's wall rate over each
   * ceiling's (and the same for the steady rates), the median over rounds, i.e. the share of what
   * influxd alone ingests that the baseline achieves.
   */
  private void ceilings(Map<String, List<Drain.Result>> byLabel, List<Drain.Result> baseline) {
    List<String> parts = new ArrayList<>();
    byLabel.forEach(
        (label, all) -> {
          if (all.get(0).kind() == RunnerKind.CEILING) {
            parts.add(
                pct(roundRatio(baseline, all, Drain.Result::wallRate))
                    + " wall, "
                    + pct(roundRatio(baseline, all, Drain.Result::steadyRate))
                    + " steady ("
                    + label
                    + ")");
          }
        });
    if (parts.isEmpty()) {
      return;
    }
    md.append("**baseline / ceiling**: ")
        .append(String.join("; ", parts))
        .append(
            ". The ceiling: influxd alone storing the same points, encoded and gzipped in batches"
                + " of "
                + String.format("%,d", BaselineMain.BATCH_SIZE)
                + " before its clock starts (no Kafka, parse, VADER, encoding or compression"
                + " timed): what the database, not the job, allows on this machine. The wall ratio"
                + " counts the baseline's JVM and consumer start-up, which the ceiling has none of;"
                + " the steady ratio leaves it out.\n\n");
  }

  void latencies(List<Latency.Result> results) {
    md.append("### Latency (fixed input rate, createdAt = send time)\n\n");
    md.append(
        "| runner | rate/s | sent | visible | latency_ms p50 | p95 | p99 | max"
            + " | visible delay p50 (ms) | p95 | p99 | max | max lag (posts) | lag at end of production | catch-up (s)"
            + " | job cores | influxd cores |\n");
    md.append(
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Latency.Result r : results) {
      md.append(
          String.format(
              "| %s | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %d | %d | %s | %s | %s |%n",
              r.label(),
              r.rate(),
              r.sent(),
              r.visible(),
              num(r.latencyMs()[0]),
              num(r.latencyMs()[1]),
              num(r.latencyMs()[2]),
              num(r.latencyMs()[3]),
              num(r.visibleMs()[0]),
              num(r.visibleMs()[1]),
              num(r.visibleMs()[2]),
              num(r.visibleMs()[3]),
              r.maxLag(),
              r.lagAtEnd(),
              dec(r.catchUpSeconds()),
              cores(r.jobCores()),
              cores(r.influxdCores())));
    }
    md.append(
        "\n`latency_ms`: point built in the job (PostPoints / the baseline's loop) minus createdAt,"
            + " read back from InfluxDB for every measured post; excludes the sink's batching wait and the"
            + " HTTP write. Visible delay: the moment the InfluxDB post count covered a post minus its send"
            + " time (= createdAt), assuming send order, polled every "
            + VisibleCount.POLL_MILLIS
            + " ms (overstated by up to that): createdAt to queryable. Job and influxd cores: their"
            + " CPU seconds (from the OS; a cluster's JVMs, idle daemons included, count as the job)"
            + " over the wall time of the measured production.\n\n");
  }

  void text(String s) {
    md.append(s).append('\n');
  }

  String markdown() {
    return md.toString();
  }

  private static String baselineLabel(Map<String, List<Drain.Result>> byLabel) {
    return byLabel.entrySet().stream()
        .filter(e -> e.getValue().get(0).kind() == RunnerKind.BASELINE)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse("");
  }

  static Map<String, List<Drain.Result>> group(List<Drain.Result> results) {
    Map<String, List<Drain.Result>> byLabel = new LinkedHashMap<>();
    results.forEach(r -> byLabel.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r));
    return byLabel;
  }

  /** Median of the finite values; NaN when there are none. */
  static <T> double median(List<T> items, ToDoubleFunction<T> f) {
    double[] v = items.stream().mapToDouble(f).filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static String num(double v) {
    return Double.isFinite(v) ? String.format("%,.0f", v) : "n/a";
  }

  static String dec(double v) {
    return Double.isFinite(v) ? String.format("%.1f", v) : "n/a";
  }

  static String cores(double v) {
    return Double.isFinite(v) ? String.format("%.2f", v) : "n/a";
  }

  static String pct(double ratio) {
    return Double.isFinite(ratio) ? String.format("%.0f%%", 100 * ratio) : "n/a";
  }
}
