package io.courtside.pipeline.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each streaming start on the Spark runner a checkpoint directory of its own, {@code
 * <--checkpointDir>/<consumer group>/run-<start>}, so that Spark never restores an earlier run's
 * DStream checkpoint; a restart on Spark is made exact the same way as on every runner: the
 * consumer group is rewound to the recount point and the windows from there are recounted from all
 * their posts ({@link io.courtside.pipeline.read.RewindOnStart}).
 *
 * <p>Why not Spark's own recovery: it restores the previous run's whole job graph, options included
 * (the old {@code --recountFrom}, so windows the new run never re-read completely get written), its
 * readers resume from their own offsets and ignore the rewind, and its window state and reader
 * positions are checkpointed separately; an end-to-end check on a real cluster saw the window
 * spanning such a restart end short of the recount. Spark still needs a checkpoint directory for
 * the run's own state. Earlier runs' directories of the same group are deleted when the path is
 * local (a second job on the same group is refused by the group lease, so none of them is in use);
 * on shared storage (hdfs://, s3a://) they are left to the operator.
 *
 * <p>Reflection, because the job is runner-agnostic: the pipeline module does not depend on the
 * Spark runner, which is on the classpath only when it is chosen.
 */
final class SparkRunCheckpoint {
  private static final Logger LOG = LoggerFactory.getLogger(SparkRunCheckpoint.class);
  static final String OPTIONS = "org.apache.beam.runners.spark.SparkCommonPipelineOptions";
  static final String RUN_PREFIX = "run-";

  private SparkRunCheckpoint() {}

  /** On the Spark runner, points {@code --checkpointDir} at a new directory for this run. */
  static void useFreshDirectory(PipelineOptions o, String consumerGroup, Instant start) {
    if (o.getRunner() == null || !o.getRunner().getSimpleName().equals("SparkRunner")) {
      return;
    }
    try {
      @SuppressWarnings("unchecked")
      Class<? extends PipelineOptions> sparkOptions =
          (Class<? extends PipelineOptions>) Class.forName(OPTIONS);
      PipelineOptions spark = o.as(sparkOptions);
      String root = (String) sparkOptions.getMethod("getCheckpointDir").invoke(spark);
      String run = runDirectory(root, consumerGroup, start);
      sparkOptions.getMethod("setCheckpointDir", String.class).invoke(spark, run);
      LOG.info("Spark checkpoint directory of this run: {} (earlier runs are not restored)", run);
      localPath(root).ifPresent(r -> deleteEarlierRuns(r.resolve(safe(consumerGroup)), run));
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException("the Spark runner's options cannot be read: " + e, e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "the Spark runner's options cannot be read: " + e.getCause(), e);
    }
  }

  /** {@code root/<group>/run-<start millis>}, with the group name made safe for a path. */
  static String runDirectory(String root, String consumerGroup, Instant start) {
    String base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    return base + "/" + safe(consumerGroup) + "/" + RUN_PREFIX + start.toEpochMilli();
  }

  static String safe(String name) {
    String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "_" + s : s;
  }

  /** The local path of {@code dir}, when it names one (no scheme, or file:). */
  static java.util.Optional<Path> localPath(String dir) {
    if (dir.startsWith("file:")) {
      return java.util.Optional.of(Paths.get(URI.create(dir)));
    }
    return dir.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")
        ? java.util.Optional.empty()
        : java.util.Optional.of(Paths.get(dir));
  }

  private static void deleteEarlierRuns(Path groupDir, String current) {
    if (!Files.isDirectory(groupDir)) {
      return;
    }
    String currentName = current.substring(current.lastIndexOf('/') + 1);
    try (Stream<Path> runs = Files.list(groupDir)) {
      for (Path run : runs.toList()) {
        String name = run.getFileName().toString();
        if (name.startsWith(RUN_PREFIX) && !name.equals(currentName)) {
          deleteTree(run);
          LOG.info("Deleted the checkpoint of an earlier run: {}", run);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete earlier checkpoints in {}: {}", groupDir, e.toString());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }
}
