package io.courtside.ingest.formats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courtside.model.Post;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.Test;

public class JetstreamEventsTest {
  @Test
  public void aCreatedPostBecomesAPostKeyedByItsRecordAddress() {
    Post p = JetstreamEvents.map(Fixtures.json("jetstream-post.json")).post();
    assertThat(p.id(), equalTo("bsky:did:plc:eygmaihciaxprqvxpfvl6flk/3lpcqzbyr4k2e"));
    assertThat(p.createdAt(), equalTo(Instant.parse("2026-05-20T01:02:03.123Z")));
    assertThat(p.text(), equalTo("Wemby blocked that into the third row #NBA #PorVida"));
    assertThat(p.lang(), equalTo("en"));
    assertThat(p.author(), equalTo("did:plc:eygmaihciaxprqvxpfvl6flk"));
    assertThat(p.source(), equalTo("bluesky"));
    assertThat(p.hashtags(), contains("NBA", "PorVida"));
  }

  @Test
  public void deletesAndIdentityEventsAreSkippedWithTheirReason() {
    assertThat(
        JetstreamEvents.map(Fixtures.json("jetstream-delete.json")).reason(),
        equalTo("Jetstream post delete"));
    Mapped identity = JetstreamEvents.map(Fixtures.json("jetstream-identity.json"));
    assertThat(identity.reason(), equalTo("Jetstream identity event"));
    assertThat(identity.malformed(), is(false));
  }

  @Test
  public void withoutCreatedAtTheTimeIsTimeUsEvenWhereMicrosTimesAThousandOverflows()
      throws Exception {
    // time_us * 1000 overflowed a long past 9.2e15 (year 2262) and wrapped to a date in 1677.
    for (long timeUs :
        new long[] {
          1_747_702_923_000_000L, 10_000_000_000_000_000L, Long.MAX_VALUE, -1L, Long.MIN_VALUE
        }) {
      ObjectNode event = (ObjectNode) Fixtures.json("jetstream-post.json");
      event.put("time_us", timeUs);
      ((ObjectNode) event.path("commit").path("record")).remove("createdAt");
      Instant at = JetstreamEvents.map(event).post().createdAt();
      BigInteger micros =
          BigInteger.valueOf(at.getEpochSecond())
              .multiply(BigInteger.valueOf(1_000_000))
              .add(BigInteger.valueOf(at.getNano() / 1000));
      assertThat("time_us " + timeUs, micros, equalTo(BigInteger.valueOf(timeUs)));
    }
  }
}
