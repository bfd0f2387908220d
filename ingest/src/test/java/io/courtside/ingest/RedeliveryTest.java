package io.courtside.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.courtside.model.Post;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.After;
import org.junit.Test;

/** Records held by PostProducer through a broker outage (issue 13 item 12), on a MockProducer. */
public class RedeliveryTest {
  private final MockProducer<byte[], byte[]> mock =
      new MockProducer<>(false, new ByteArraySerializer(), new ByteArraySerializer());
  private final AtomicLong now = new AtomicLong();
  private final PostProducer producer =
      new PostProducer(mock, "twitterdata", Duration.ofMinutes(10), 1 << 20, now::get);

  @After
  public void tearDown() {
    while (mock.completeNext()) {
      // let close() settle
    }
    producer.close(Duration.ofSeconds(1));
  }

  private static Post post(String id) {
    return Post.of(id, Instant.parse("2026-05-20T01:02:03Z"), "x".repeat(400));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  private static TimeoutException expired() {
    return new TimeoutException(
        "Expiring 1 record(s) for twitterdata-0:20012 ms has passed since" + " batch creation");
  }

  @Test
  public void aRecordThatTimedOutIsSentAgainAndCountedOnceWhenAcknowledged() throws Exception {
    producer.post(post("a"));
    producer.post(post("b"));
    mock.errorNext(expired()); // a's delivery timeout passed while the broker was down
    await("a sent again", () -> mock.history().size() == 3);
    assertThat(new String(mock.history().get(2).key(), StandardCharsets.UTF_8), equalTo("a"));
    assertThat(producer.outage(), containsString("Kafka unreachable for 0 s: 2 records held"));
    now.addAndGet(Duration.ofMinutes(9).toNanos());
    mock.errorNext(expired()); // b too, 9 minutes later: still within the limit
    await("b sent again", () -> mock.history().size() == 4);
    while (mock.completeNext()) {
      // the broker is back
    }
    assertThat(producer.acknowledged(), is(2L));
    assertThat(producer.failed(), is(0L));
    assertThat(producer.sent(), is(2L));
    assertThat(producer.resent(), is(2L));
    assertThat(producer.outage(), equalTo(""));
  }

  @Test
  public void anOutageLongerThanTheLimitFailsWithAClearError() throws Exception {
    producer.post(post("a"));
    producer.post(post("b"));
    mock.errorNext(expired());
    await("a sent again", () -> mock.history().size() == 3);
    now.addAndGet(Duration.ofMinutes(10).toNanos());
    mock.errorNext(expired()); // b: 10 minutes without any acknowledgement
    assertThat(producer.failed(), is(1L));
    assertThat(
        producer.firstError().getMessage(),
        containsString("Kafka did not acknowledge any record for 600 s"));
  }

  @Test
  public void aRecordKafkaRefusesForGoodFailsAtOnce() {
    producer.post(post("a"));
    mock.errorNext(new RecordTooLargeException("too large"));
    assertThat(producer.failed(), is(1L));
    assertThat(producer.resent(), is(0L));
  }

  @Test
  public void whenTheRoomIsFullTheSourceWaitsUntilARecordIsAcknowledged() throws Exception {
    MockProducer<byte[], byte[]> kafka =
        new MockProducer<>(false, new ByteArraySerializer(), new ByteArraySerializer());
    PostProducer small =
        new PostProducer(kafka, "twitterdata", Duration.ofMinutes(10), 1_500, now::get);
    try {
      small.post(post("a"));
      small.post(post("b")); // ~500 bytes each: a third does not fit in 1,500
      Thread source = new Thread(() -> small.post(post("c")));
      source.start();
      await(
          "the source to wait",
          () ->
              source.getState() == Thread.State.TIMED_WAITING
                  || source.getState() == Thread.State.WAITING);
      Thread.sleep(200);
      assertThat(kafka.history().size(), is(2));
      assertThat(small.outage(), equalTo("")); // full, but Kafka has not failed anything
      kafka.completeNext();
      source.join(10_000);
      assertThat(kafka.history().size(), is(3));
      assertThat(List.of(small.sent(), small.acknowledged()), equalTo(List.of(3L, 1L)));
    } finally {
      while (kafka.completeNext()) {
        // let close() settle
      }
      small.close(Duration.ofSeconds(1));
    }
  }
}
