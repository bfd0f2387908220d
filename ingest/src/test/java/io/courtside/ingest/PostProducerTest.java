package io.courtside.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;

import io.courtside.model.Post;
import io.courtside.model.PostJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.Test;

public class PostProducerTest {
  private final MockProducer<byte[], byte[]> mock =
      new MockProducer<>(false, new ByteArraySerializer(), new ByteArraySerializer());
  private final PostProducer producer = new PostProducer(mock, "twitterdata");

  private static Post post(String id) {
    return new Post(
        id,
        Instant.parse("2026-05-20T01:02:03.456Z"),
        "LeBron is cooking 🔥",
        "en",
        "fan",
        "synthetic",
        List.of("NBA"));
  }

  @Test
  public void keyIsTheIdAndValueIsThePostJson() throws Exception {
    Post p = post("syn-1");
    producer.post(p);
    ProducerRecord<byte[], byte[]> record = mock.history().get(0);
    assertThat(record.topic(), equalTo("twitterdata"));
    assertThat(new String(record.key(), StandardCharsets.UTF_8), equalTo("syn-1"));
    assertThat(record.value(), equalTo(PostJson.toBytes(p)));
    assertThat(PostJson.parse(record.value()), equalTo(p));
  }

  @Test
  public void twoPostsWhoseIdsDifferOnlyInALoneSurrogateAreSentApartAndRefusedWithTheReason() {
    producer.post(post("x\ud800"));
    producer.post(post("x\udfff"));
    ProducerRecord<byte[], byte[]> a = mock.history().get(0);
    ProducerRecord<byte[], byte[]> b = mock.history().get(1);
    assertThat(java.util.Arrays.equals(a.key(), b.key()), is(false));
    assertThat(java.util.Arrays.equals(a.value(), b.value()), is(false));
    for (ProducerRecord<byte[], byte[]> r : List.of(a, b)) {
      try {
        PostJson.parse(r.value());
        throw new AssertionError("a lone surrogate id was accepted");
      } catch (io.courtside.model.InvalidPostException e) {
        assertThat(e.getMessage().startsWith("field 'id' is not valid Unicode"), is(true));
      }
    }
  }

  @Test
  public void rawRecordsAreSentUnchanged() {
    byte[] junk = {'{', (byte) 0xff, 'x'};
    producer.raw("line-7", junk);
    producer.raw(null, junk);
    assertThat(new String(mock.history().get(0).key(), StandardCharsets.UTF_8), equalTo("line-7"));
    assertThat(mock.history().get(0).value(), equalTo(junk));
    assertThat(mock.history().get(1).key(), nullValue());
  }

  @Test
  public void acknowledgementsAndFailuresAreCounted() {
    producer.post(post("a"));
    producer.post(post("b"));
    producer.post(post("c"));
    assertThat(producer.sent(), is(3L));
    assertThat(producer.acknowledged(), is(0L));
    mock.completeNext();
    RuntimeException boom = new KafkaException("broker said no");
    mock.errorNext(boom);
    mock.completeNext();
    assertThat(producer.acknowledged(), is(2L));
    assertThat(producer.failed(), is(1L));
    assertThat(producer.firstError(), sameInstance(boom));
  }

  @Test
  public void aSendThatThrowsCountsAsFailed() {
    mock.sendException = new KafkaException("producer closed");
    producer.post(post("a"));
    assertThat(producer.sent(), is(1L));
    assertThat(producer.failed(), is(1L));
    assertThat(producer.firstError().getMessage(), equalTo("producer closed"));
  }

  @Test
  public void flushAndCloseReachTheProducer() {
    producer.post(post("a"));
    producer.flush(); // MockProducer completes everything on flush
    assertThat(producer.acknowledged(), is(1L));
    producer.close();
    assertThat(mock.closed(), is(true));
  }
}
