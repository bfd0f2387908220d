package io.courtside.sentiment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/**
 * Every reference score in {@code ../shared/vader} (4,200 rated tweets and 1,000 NBA probes scored
 * by vaderSentiment 3.3.2) must come out equal, with the tolerance of {@code
 * ../shared/vader/check}. The data is read where it lies, never copied; the test is skipped when it
 * is absent.
 */
public class ReferenceCheckTest {

  /** Ids allowed to differ because CLDR renamed an emoji; none today (see emoji-names.tsv). */
  private static final Set<String> KNOWN_DIFFERENCES = Set.of();

  @Test
  public void matchesTheReferenceOnEveryLine() throws IOException {
    Path dir = Path.of(System.getProperty("vader.reference.dir", "../../shared/vader"));
    assumeTrue(
        "reference data not found at " + dir, Files.isRegularFile(dir.resolve("expected.tsv")));

    Map<String, String[]> expected = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
      String[] f = line.split("\t");
      expected.put(f[0], f);
    }
    Vader vader = Vader.standard();
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    for (String line : Files.readAllLines(dir.resolve("texts.tsv"), StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      String id = line.substring(0, tab);
      String[] want = expected.get(id);
      SentimentScores got = vader.polarityScores(line.substring(tab + 1));
      compared++;
      boolean ok =
          Math.abs(got.compound() - Double.parseDouble(want[1])) < 5e-5
              && Math.abs(got.neg() - Double.parseDouble(want[2])) < 5e-4
              && Math.abs(got.neu() - Double.parseDouble(want[3])) < 5e-4
              && Math.abs(got.pos() - Double.parseDouble(want[4])) < 5e-4;
      if (!ok && !KNOWN_DIFFERENCES.contains(id)) {
        mismatches.add(
            id
                + " expected "
                + String.join("/", want[1], want[2], want[3], want[4])
                + " got "
                + got.toTsv().replace('\t', '/')
                + " :: "
                + line.substring(tab + 1));
      }
    }
    assertEquals("lines compared", expected.size(), compared);
    assertTrue(
        mismatches.size()
            + " mismatches, first: "
            + mismatches.subList(0, Math.min(20, mismatches.size())),
        mismatches.isEmpty());
  }
}
