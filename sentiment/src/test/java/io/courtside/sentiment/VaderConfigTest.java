package io.courtside.sentiment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Overlays, the serializable config and per-JVM sharing. */
public class VaderConfigTest {

  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void overlayFileAddsAndReplacesEntries() throws IOException {
    Path file = folder.newFile("overlay.tsv").toPath();
    Files.writeString(
        file, "# slang\nClutch\t2.8\nsick\t2.0\t# lexicon -2.3\n\n", StandardCharsets.UTF_8);
    Vader vader = Vader.builder().overlay(file).build();
    assertEquals(Map.of("clutch", 2.8, "sick", 2.0), vader.config().overlay());
    assertEquals(0.0, Vader.standard().polarityScores("clutch").compound(), 0);
    assertThat(vader.polarityScores("clutch").compound(), greaterThan(0.5));
    assertThat(Vader.standard().polarityScores("that pass was sick").compound(), lessThan(0.0));
    assertThat(vader.polarityScores("that pass was sick").compound(), greaterThan(0.0));
  }

  @Test
  public void malformedOverlayLinesAreReportedWithTheirLine() throws IOException {
    Path file = folder.newFile("bad.tsv").toPath();
    Files.writeString(file, "ok\t1.0\nbroken line\n", StandardCharsets.UTF_8);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LexiconOverlay.read(file));
    assertThat(
        e.getMessage().endsWith("bad.tsv:2: expected word<TAB>valence"),
        org.hamcrest.Matchers.is(true));
  }

  /**
   * Valences beyond VADER's -4 to +4 (NaN and infinities too) are refused with their line: 1e308
   * made "good good game" score 0 on every field.
   */
  @Test
  public void aValenceOutsideVadersScaleIsRefused() throws IOException {
    for (String v : new String[] {"1e308", "-99999", "4.0001", "NaN", "Infinity", "-Infinity"}) {
      Path file = folder.newFile("scale" + v.hashCode() + ".tsv").toPath();
      Files.writeString(file, "ok\t1.0\ngood\t" + v + "\n", StandardCharsets.UTF_8);
      IllegalArgumentException e =
          assertThrows(v, IllegalArgumentException.class, () -> LexiconOverlay.read(file));
      assertTrue(
          e.getMessage(),
          e.getMessage().endsWith(":2: valence '" + v + "' is outside VADER's scale, -4 to +4"));
    }
    Path edge = folder.newFile("edge.tsv").toPath();
    Files.writeString(edge, "good\t4\nbad\t-4.0\n", StandardCharsets.UTF_8);
    assertEquals(Map.of("good", 4.0, "bad", -4.0), LexiconOverlay.read(edge));
  }

  @Test
  public void nbaOverlayIsOptInAndReadsSlangPositively() {
    Vader nba = Vader.builder().overlay(LexiconOverlay.nba()).build();
    assertThat(
        Vader.standard().polarityScores("Brunson was fire tonight, so clutch").compound(),
        lessThan(0.0));
    assertThat(
        nba.polarityScores("Brunson was fire tonight, so clutch").compound(), greaterThan(0.5));
    assertThat(nba.polarityScores("he is washed, brick after brick").compound(), lessThan(-0.5));
    assertEquals(LexiconOverlay.nba(), LexiconOverlay.named("nba"));
  }

  @Test
  public void configSurvivesSerializationAndMapsToTheSharedScorer() throws Exception {
    VaderConfig config =
        VaderConfig.defaults().withOverlay(LexiconOverlay.nba()).withMaxTextLength(5_000);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(config);
    }
    VaderConfig copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (VaderConfig) in.readObject();
    }
    assertEquals(config, copy);
    assertSame(config.toVader(), copy.toVader());
    assertSame(Vader.standard(), Vader.builder().build());
    assertNotSame(Vader.standard(), config.toVader());
  }

  @Test
  public void rejectsANonPositiveCap() {
    assertThrows(IllegalArgumentException.class, () -> Vader.builder().maxTextLength(0));
  }
}
