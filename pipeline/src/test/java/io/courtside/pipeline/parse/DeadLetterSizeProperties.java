package io.courtside.pipeline.parse;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;

/**
 * Every dead letter fits one Kafka record, whatever the record it stands for: checked with the
 * producer's own size estimate against its default {@code max.request.size} (the broker's default
 * {@code message.max.bytes} is a few bytes larger). Keys and values up to twice that size, as text
 * that JSON escaping blows up (control characters: 6 bytes each), as raw bytes, and as multi-byte
 * text.
 */
class DeadLetterSizeProperties {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_REQUEST_SIZE =
      (Integer)
          ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);

  @Property(tries = 40)
  void everyDeadLetterFitsOneKafkaRecord(
      @ForAll("payloads") byte[] key,
      @ForAll("payloads") byte[] value,
      @ForAll("reasons") String reason) {
    DeadLetter d =
        new DeadLetter(ReasonKind.BAD_FIELD, reason, "twitterdata", 3, 1_234_567L, key, value);
    assertFits(d);
  }

  /** Whatever the bytes, the dead letter gives them back exactly (as text or base64). */
  @Property
  void keyAndValueComeBackExactly(
      @ForAll("smallPayloads") byte[] key, @ForAll("smallPayloads") byte[] value) throws Exception {
    JsonNode json =
        MAPPER.readTree(
            new DeadLetter(ReasonKind.INVALID_JSON, "r", "t", 0, 1, key, value).toJson());
    assertTrue(Arrays.equals(key, bytes(json, "key")));
    assertTrue(Arrays.equals(value, bytes(json, "value")));
  }

  private static byte[] bytes(JsonNode json, String field) {
    if (json.has(field)) {
      return json.get(field).textValue().getBytes(StandardCharsets.UTF_8);
    }
    return json.has(field + "Base64")
        ? Base64.getDecoder().decode(json.get(field + "Base64").asText())
        : null;
  }

  @Provide
  Arbitrary<byte[]> smallPayloads() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
        Arbitraries.strings().all().ofMaxLength(32).map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.just(null));
  }

  /** The replay line of issue 13: an id of 450,000 characters, as record key and in the value. */
  @Example
  void aHugeIdFromAReplayFits() throws Exception {
    String id = "9".repeat(450_000);
    byte[] value =
        ("{\"id\":\"" + id + "\",\"createdAt\":\"2005-12-31T23:59:59Z\",\"text\":\"x\"}")
            .getBytes(StandardCharsets.UTF_8);
    DeadLetter d =
        new DeadLetter(
            ReasonKind.ANCIENT_CREATED_AT,
            "field 'createdAt' (2005-12-31T23:59:59Z) is before 2006-01-01T00:00:00Z",
            "twitterdata",
            0,
            7,
            id.getBytes(StandardCharsets.UTF_8),
            value);
    assertFits(d);
    JsonNode json = MAPPER.readTree(d.toJson());
    // What is kept of the key is its start, and the dead letter says it was cut and how long it
    // was.
    byte[] kept = Base64.getDecoder().decode(json.get("keyBase64").asText());
    assertEquals(DeadLetter.MAX_KEY_BYTES, kept.length);
    assertTrue(
        Arrays.equals(kept, Arrays.copyOf(id.getBytes(StandardCharsets.UTF_8), kept.length)));
    assertTrue(json.get("keyTruncated").asBoolean());
    assertEquals(450_000, json.get("keyBytes").asInt());
    assertEquals("twitterdata-0@7", d.kafkaKey());
  }

  private static void assertFits(DeadLetter d) {
    byte[] k = d.kafkaKey().getBytes(StandardCharsets.UTF_8);
    byte[] v = d.toJson().getBytes(StandardCharsets.UTF_8);
    int size =
        AbstractRecords.estimateSizeInBytesUpperBound(
            RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE, k, v, new Header[0]);
    assertTrue("dead letter of " + size + " bytes > " + MAX_REQUEST_SIZE, size <= MAX_REQUEST_SIZE);
  }

  @Provide
  Arbitrary<byte[]> payloads() {
    Arbitrary<Integer> sizes =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 64),
            Arbitraries.integers().between(100_000, 2 * MAX_REQUEST_SIZE));
    return Arbitraries.oneOf(
        sizes.map(n -> repeat("\u0001", n)), // JSON escapes each as \u0001: 6 bytes
        sizes.map(n -> repeat("\"", n)),
        sizes.map(n -> repeat("é", n / 2)),
        sizes.map(n -> repeat("🏀", n / 4)),
        sizes.map(
            n -> {
              byte[] b = new byte[n];
              Arrays.fill(b, (byte) 0xff); // not UTF-8: base64
              return b;
            }),
        Arbitraries.just(null));
  }

  @Provide
  Arbitrary<String> reasons() {
    return Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(5000);
  }

  private static byte[] repeat(String s, int n) {
    return s.repeat(n).getBytes(StandardCharsets.UTF_8);
  }
}
