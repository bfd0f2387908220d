package io.courtside.services.flink;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Application class-data sharing (AppCDS) for the JVMs that run the job on Flink: the classes one
 * run loaded are kept in an archive that later JVMs with the same classpath map instead of reading,
 * parsing and verifying them from the jars again. The embedded Flink job loads Beam, Flink's mini
 * cluster and Kafka (an archive of about 110 MB); with the archive the first points of a backlog
 * came after 3.9-4.1 s instead of 5.3-5.8 s (bench/README.md, "FlinkRunner job JVMs share their
 * classes").
 *
 * <p>How, with Java 17's dynamic archives (JDK 19's {@code -XX:+AutoCreateSharedArchive} does it
 * all in the JVM): a JVM started without a usable archive writes one when it exits ({@code
 * -XX:ArchiveClassesAtExit}) to a file of its own, {@code NAME.UUID.tmp}; a later start takes such
 * a file only once a JVM has accepted it ({@code -Xshare:on ... -version} exits 0; an unfinished or
 * foreign file is refused and deleted) and renames it to {@code NAME.jsa}. Only one JVM per build
 * records ({@code NAME.tried}): if it leaves no usable archive (killed, or still running), later
 * JVMs start without one until the next build. NAME is the role (the embedded job, the submitting
 * client) and a hash of the Java runtime, the classpath and each entry's size and time, so a
 * rebuilt jar never meets an archive of the old one; a new archive replaces those of earlier
 * builds. The JVM checks the classpath again itself, and its CDS messages are turned off: a refused
 * archive only means a start as without one. Nothing here can stop a job from starting: on any I/O
 * error the JVM runs without an archive.
 */
final class JobClassArchive {
  /** Silences the JVM's CDS warnings (classes it cannot archive, an archive it cannot use). */
  static final String QUIET = "-Xlog:cds=off,cds+dynamic=off";

  private static final String SUFFIX = ".jsa";
  private static final String UNFINISHED = ".tmp";
  private static final String TRIED = ".tried";

  private final Path dir;
  private final String role;
  private final String name;
  private final String classpath;

  private JobClassArchive(Path dir, String role, String classpath) {
    this.dir = dir;
    this.role = role;
    this.name = role + "-" + key(classpath);
    this.classpath = classpath;
  }

  /**
   * The JVM flags for a job JVM of {@code role} with {@code classpath}, archives kept in {@code
   * dir}: use the archive, or write one at exit. Empty if {@code dir} cannot be written.
   */
  static List<String> flags(Path dir, String role, String classpath) {
    try {
      Files.createDirectories(dir);
      return new JobClassArchive(dir, role, classpath).flags();
    } catch (IOException e) {
      return List.of();
    }
  }

  private List<String> flags() throws IOException {
    Path archive = dir.resolve(name + SUFFIX);
    List<Path> unfinished = new ArrayList<>();
    List<Path> otherBuilds = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String file = f.getFileName().toString();
        if (file.startsWith(name + ".") && file.endsWith(UNFINISHED)) {
          unfinished.add(f);
        } else if (isOtherBuildsOf(file)) {
          otherBuilds.add(f);
        }
      }
    }
    for (Path candidate : unfinished) {
      if (!Files.isRegularFile(archive) && accepted(candidate)) {
        Files.move(candidate, archive, StandardCopyOption.ATOMIC_MOVE); // same directory
        // The newest build's archive replaces the older ones (about 100 MB each); only a JVM that
        // ran makes one, so a command merely built for another classpath deletes nothing.
        for (Path old : otherBuilds) {
          Files.deleteIfExists(old);
        }
      }
    }
    for (Path f : unfinished) {
      Files.deleteIfExists(f); // refused, or left over next to a finished archive
    }
    if (Files.isRegularFile(archive)) {
      return List.of(QUIET, "-XX:SharedArchiveFile=" + archive);
    }
    // One recording per build: a JVM that records starts about 3 s slower and writes at exit, and
    // one killed before it exits leaves nothing usable.
    Path tried = dir.resolve(name + TRIED);
    try {
      Files.createFile(tried);
    } catch (FileAlreadyExistsException e) {
      return List.of();
    }
    Path mine = dir.resolve(name + "." + UUID.randomUUID() + UNFINISHED);
    return List.of(QUIET, "-XX:ArchiveClassesAtExit=" + mine);
  }

  /** An archive of the same role for another classpath or runtime: another build's. */
  private boolean isOtherBuildsOf(String file) {
    return file.startsWith(role + "-") && !file.startsWith(name + ".");
  }

  /** Whether a JVM with this classpath maps {@code file} ({@code -Xshare:on} fails otherwise). */
  private boolean accepted(Path file) {
    List<String> check =
        List.of(
            FlinkJvm.java(),
            "-Xshare:on",
            QUIET,
            "-XX:SharedArchiveFile=" + file,
            "-cp",
            classpath,
            "-version");
    try {
      Process p =
          new ProcessBuilder(check)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The runtime, the classpath, and each entry's size and time: what makes an archive usable. */
  static String key(String classpath) {
    StringBuilder what = new StringBuilder();
    what.append(System.getProperty("java.home"))
        .append('\n')
        .append(System.getProperty("java.vm.version"))
        .append('\n');
    for (String entry : classpath.split(File.pathSeparator)) {
      File f = new File(entry);
      what.append(entry)
          .append('\t')
          .append(f.length())
          .append('\t')
          .append(f.lastModified())
          .append('\n');
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(what.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
