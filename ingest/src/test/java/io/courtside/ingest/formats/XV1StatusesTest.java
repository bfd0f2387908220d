package io.courtside.ingest.formats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.model.Post;
import java.time.Instant;
import java.util.TimeZone;
import org.junit.Test;

public class XV1StatusesTest {
  @Test
  public void twitter4jParsesAnArchivedStatus() {
    String json = Fixtures.text("x-v1-status.json");
    Post p = XV1Statuses.map(json, Fixtures.json("x-v1-status.json")).post();
    assertThat(p.id(), equalTo("x:1050118621198921728")); // same key as the tweet in v2
    assertThat(p.createdAt(), equalTo(Instant.parse("2018-10-10T20:19:24Z")));
    assertThat(p.text(), equalTo("Go #Lakers & #NBA, LeBron > everyone")); // entities decoded
    assertThat(p.author(), equalTo("hoopsfan"));
    assertThat(p.lang(), equalTo("en"));
    assertThat(p.source(), equalTo("x"));
    assertThat(p.hashtags(), contains("Lakers", "NBA"));
  }

  @Test
  public void theInstantDoesNotDependOnTheJvmZone() {
    TimeZone saved = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
      Post p =
          XV1Statuses.map(Fixtures.text("x-v1-status.json"), Fixtures.json("x-v1-status.json"))
              .post();
      assertThat(p.createdAt(), equalTo(Instant.parse("2018-10-10T20:19:24Z")));
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  public void aTruncatedStreamingStatusUsesExtendedTweet() {
    Post p =
        XV1Statuses.map(Fixtures.text("x-v1-extended.json"), Fixtures.json("x-v1-extended.json"))
            .post();
    assertThat(p.text().endsWith("the best fan base & more #StrengthInNumbers"), is(true));
    assertThat(p.hashtags(), contains("Warriors", "DubNation", "StrengthInNumbers"));
  }

  @Test
  public void deleteNoticesAreSkipped() throws Exception {
    String json = "{\"delete\":{\"status\":{\"id\":1,\"id_str\":\"1\"}}}";
    Mapped m = XV1Statuses.map(json, new ObjectMapper().readTree(json));
    assertThat(m.isPost(), is(false));
    assertThat(m.malformed(), is(false));
    assertThat(m.reason(), equalTo("X v1.1 delete notice"));
  }
}
