package io.courtside.ingest.formats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courtside.ingest.formats.FormatDetector.Format;
import org.junit.Test;

public class FormatDetectorTest {
  private final FormatDetector detector = new FormatDetector("mastodon.social");

  @Test
  public void eachFixtureIsRecognised() {
    assertThat(FormatDetector.detect(Fixtures.json("x-v2-stream-line.json")), is(Format.X_V2));
    assertThat(FormatDetector.detect(Fixtures.json("x-v2-bare.json")), is(Format.X_V2));
    assertThat(FormatDetector.detect(Fixtures.json("x-v1-status.json")), is(Format.X_V1));
    assertThat(FormatDetector.detect(Fixtures.json("x-v1-extended.json")), is(Format.X_V1));
    assertThat(FormatDetector.detect(Fixtures.json("jetstream-post.json")), is(Format.JETSTREAM));
    assertThat(FormatDetector.detect(Fixtures.json("mastodon-status.json")), is(Format.MASTODON));
  }

  @Test
  public void courtsideLinesAreParsedByThePostCodec() {
    Mapped m =
        detector.map(
            "{\"id\":\"syn-1\",\"createdAt\":\"2026-05-20T01:00:00Z\",\"text\":\"hi #NBA\"}");
    assertThat(m.post().id(), equalTo("syn-1"));
    assertThat(
        detector.map("{\"id\":\"a\",\"createdAt\":\"soon\",\"text\":\"x\"}").reason(),
        equalTo("invalid Courtside post"));
  }

  @Test
  public void garbageIsMalformedWithAReason() {
    assertThat(detector.map("nope").reason(), equalTo("not JSON"));
    assertThat(detector.map("[1]").reason(), equalTo("not a JSON object"));
    assertThat(detector.map("{\"a\":1}").reason(), equalTo("unknown format"));
    ObjectNode noText = (ObjectNode) Fixtures.json("x-v2-bare.json");
    noText.remove("text");
    assertThat(FormatDetector.detect(noText), nullValue());
  }
}
