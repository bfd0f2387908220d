package io.courtside.ingest.formats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.courtside.model.Post;
import java.time.Instant;
import org.junit.Test;

public class MastodonStatusesTest {
  @Test
  public void aStatusBecomesAPlainTextPost() {
    Post p = MastodonStatuses.map(Fixtures.json("mastodon-status.json"), "mastodon.social").post();
    assertThat(p.id(), equalTo("mastodon:mastodon.social/114540123456789012"));
    assertThat(p.createdAt(), equalTo(Instant.parse("2026-05-20T01:02:03Z")));
    assertThat(
        p.text(),
        equalTo(
            "Jokić triple-double again & the #Nuggets roll #NBA\n\n"
                + "Box score: https://www.nba.com/game/den-lal\nwhat a game"));
    assertThat(p.lang(), equalTo("en"));
    assertThat(p.author(), equalTo("hoopsfan"));
    assertThat(p.source(), equalTo("mastodon"));
    assertThat(p.hashtags(), contains("Nuggets", "NBA")); // the author's spelling, not "nba"
  }

  @Test
  public void boostsAreSkipped() {
    assertThat(
        MastodonStatuses.map(Fixtures.json("mastodon-boost.json"), "mastodon.social").reason(),
        equalTo("Mastodon boost"));
  }
}
