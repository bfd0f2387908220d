package io.courtside.services.flink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link JobClassArchive} with real JVMs: a first run writes the archive at exit, the next start
 * takes it, a JVM then loads the class from it; what is unfinished, foreign or of another build is
 * never used.
 */
public class JobClassArchiveTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path archives;
  private Path jar;

  /** A jar with one main class (CDS archives classes from jars, not from directories). */
  @Before
  public void buildJar() throws IOException {
    archives = tmp.newFolder("cds").toPath();
    Path src = tmp.newFolder("src").toPath();
    Path classes = tmp.newFolder("classes").toPath();
    Files.writeString(
        src.resolve("Hello.java"),
        "public class Hello { public static void main(String[] a) {"
            + " System.out.println(new java.util.TreeMap<String, String>()); } }");
    int javac =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", classes.toString(), src.resolve("Hello.java").toString());
    assertEquals(0, javac);
    jar = tmp.getRoot().toPath().resolve("hello.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, manifest)) {
      j.putNextEntry(new JarEntry("Hello.class"));
      j.write(Files.readAllBytes(classes.resolve("Hello.class")));
      j.closeEntry();
    }
  }

  private List<String> flags(String role) {
    return JobClassArchive.flags(archives, role, jar.toString());
  }

  /** Runs Hello with {@code flags}; returns its output (class loading logged). */
  private String run(List<String> flags) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(FlinkJvm.java()));
    cmd.addAll(flags);
    cmd.addAll(List.of("-Xlog:class+load=info", "-cp", jar.toString(), "Hello"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue("hung: " + cmd, p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(out, 0, p.exitValue());
    return out;
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(archives)) {
      return s.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static String helloSource(String out) {
    return out.lines().filter(l -> l.contains(" Hello ")).findFirst().orElse("no Hello in " + out);
  }

  @Test
  public void aFirstRunWritesTheArchiveAndTheNextLoadsFromIt() throws Exception {
    List<String> first = flags("embedded");
    assertEquals(JobClassArchive.QUIET, first.get(0));
    assertTrue(first.toString(), first.get(1).startsWith("-XX:ArchiveClassesAtExit="));
    assertFalse(helloSource(run(first)).contains("shared objects file"));
    List<String> written = files();
    assertEquals(written.toString(), 2, written.size());
    assertTrue(written.toString(), written.get(0).endsWith(".tmp"));
    assertTrue(written.toString(), written.get(1).endsWith(".tried"));

    List<String> next = flags("embedded");
    assertTrue(next.toString(), next.get(1).startsWith("-XX:SharedArchiveFile="));
    List<String> kept = files();
    assertEquals(kept.toString(), 2, kept.size());
    assertTrue(kept.toString(), kept.get(0).matches("embedded-[0-9a-f]{16}\\.jsa"));
    List<String> mapped = new ArrayList<>(next);
    mapped.add(0, "-Xshare:on"); // fails the JVM if the archive cannot be mapped
    String loaded = helloSource(run(mapped));
    assertTrue(loaded, loaded.contains("shared objects file"));
    assertEquals(next, flags("embedded"));
  }

  @Test
  public void anUnfinishedOrForeignArchiveIsDeletedNotUsed() throws Exception {
    List<String> first = flags("embedded");
    Path mine = Path.of(first.get(1).substring("-XX:ArchiveClassesAtExit=".length()));
    Files.write(mine, new byte[] {1, 2, 3}); // a JVM killed while it wrote
    // Not used, deleted, and not recorded again before the next build: one slow start is enough.
    assertEquals(List.of(), flags("embedded"));
    assertFalse(Files.exists(mine));
    assertEquals(1, files().size());
    assertEquals(List.of(), flags("embedded"));
  }

  @Test
  public void aSecondStartWhileTheFirstRecordsRunsWithout() throws Exception {
    List<String> first = flags("embedded");
    assertTrue(first.toString(), first.get(1).startsWith("-XX:ArchiveClassesAtExit="));
    assertEquals(List.of(), flags("embedded"));
    run(first); // the first one exits: its archive is taken at the next start
    assertTrue(flags("embedded").get(1).startsWith("-XX:SharedArchiveFile="));
  }

  @Test
  public void aRebuiltJarGetsANewArchiveAndTheOldOneGoes() throws Exception {
    run(flags("embedded"));
    assertTrue(flags("embedded").get(1).startsWith("-XX:SharedArchiveFile="));
    run(flags("client"));
    assertTrue(flags("client").get(1).startsWith("-XX:SharedArchiveFile="));
    assertEquals(4, files().size()); // an archive and a marker per role
    Files.setLastModifiedTime(
        jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
    List<String> rebuilt = flags("embedded");
    assertTrue(rebuilt.toString(), rebuilt.get(1).startsWith("-XX:ArchiveClassesAtExit="));
    assertEquals(5, files().size()); // a command alone deletes nothing (its marker is new)
    run(rebuilt);
    assertTrue(flags("embedded").get(1).startsWith("-XX:SharedArchiveFile="));
    List<String> left = files();
    assertEquals(left.toString(), 4, left.size());
    assertTrue(left.toString(), left.get(0).startsWith("client-"));
    assertTrue(left.toString(), left.get(1).startsWith("client-"));
    assertTrue(rebuilt.get(1), rebuilt.get(1).contains(left.get(2).replace(".jsa", ".")));
  }

  @Test
  public void anUnwritableDirectoryMeansNoArchive() throws IOException {
    Path file = tmp.newFile("not-a-dir").toPath();
    assertEquals(List.of(), JobClassArchive.flags(file.resolve("cds"), "embedded", jar.toString()));
  }

  /** A job command at launch carries the archive flags before the classpath, after the JIT's. */
  @Test
  public void theJobCommandsCarryTheArchiveFlags() throws IOException {
    // A role of its own, so the build's archives (roles "embedded", "client") stay untouched; its
    // recording marker is removed before and after.
    removeRole("commandtest");
    try {
      List<String> cmd =
          FlinkJvm.withClassArchive(
              "commandtest", FlinkJvm.jobCommand(jar.toString(), List.of("--x")));
      int quiet = cmd.indexOf(JobClassArchive.QUIET);
      assertTrue(cmd.toString(), quiet > cmd.indexOf(FlinkJvm.JIT_FLAGS.get(0)));
      assertTrue(cmd.toString(), quiet < cmd.indexOf("-cp"));
      assertTrue(cmd.get(quiet + 1), cmd.get(quiet + 1).startsWith("-XX:ArchiveClassesAtExit="));
    } finally {
      removeRole("commandtest");
    }
  }

  private static void removeRole(String role) throws IOException {
    Path dir = FlinkJvm.classArchiveDir();
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(f -> f.getFileName().toString().startsWith(role + "-")).toList()) {
        Files.delete(f);
      }
    }
  }
}
