package io.courtside.ingest.formats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.courtside.model.Post;
import java.time.Instant;
import org.junit.Test;

public class XV2TweetsTest {
  @Test
  public void aStreamLineBecomesAPostWithTheAuthorsUsername() {
    Mapped m = XV2Tweets.map(Fixtures.json("x-v2-stream-line.json"));
    Post p = m.post();
    assertThat(p.id(), equalTo("x:1792412345678901248"));
    assertThat(p.createdAt(), equalTo(Instant.parse("2026-05-20T01:02:03Z")));
    assertThat(p.text(), equalTo("LeBron is GOATed #NBA #LakeShow &amp; more")); // v2 text as sent
    assertThat(p.lang(), equalTo("en"));
    assertThat(p.author(), equalTo("hoopsfan"));
    assertThat(p.source(), equalTo("x"));
    assertThat(p.hashtags(), contains("NBA", "LakeShow"));
  }

  @Test
  public void aBareTweetWithDefaultFieldsTakesItsTimeFromTheIdAndTagsFromTheText() {
    Post p = XV2Tweets.map(Fixtures.json("x-v2-bare.json")).post();
    assertThat(p.id(), equalTo("x:1792412345678901249"));
    // Snowflake: (id >> 22) + 1288834974657 ms.
    assertThat(
        p.createdAt(),
        equalTo(Instant.ofEpochMilli((1792412345678901249L >> 22) + 1288834974657L)));
    assertThat(p.hashtags(), contains("nba", "Celtics"));
    assertThat(p.lang(), nullValue());
    assertThat(p.author(), nullValue());
  }

  @Test
  public void aLongPostUsesTheNoteTweetText() {
    Post p = XV2Tweets.map(Fixtures.json("x-v2-note-tweet.json")).post();
    assertThat(p.text().endsWith("#NBAPlayoffs"), is(true));
    assertThat(p.hashtags(), contains("Knicks", "NBAPlayoffs"));
    assertThat(p.author(), equalTo("42")); // no includes: the id is all we have
  }

  @Test
  public void aTweetWithoutTextIsMalformed() {
    com.fasterxml.jackson.databind.node.ObjectNode tweet =
        (com.fasterxml.jackson.databind.node.ObjectNode) Fixtures.json("x-v2-bare.json");
    tweet.remove("text");
    Mapped m = XV2Tweets.map(tweet);
    assertThat(m.malformed(), is(true));
    assertThat(m.reason(), equalTo("X v2 tweet without text"));
  }

  @Test
  public void snowflakeTimeIsNullForPreSnowflakeIds() {
    assertThat(XV2Tweets.snowflakeTime("20"), nullValue());
  }
}
