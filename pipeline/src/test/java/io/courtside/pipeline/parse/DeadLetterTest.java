package io.courtside.pipeline.parse;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.Test;

public class DeadLetterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  public void jsonCarriesReasonOriginAndOriginalText() throws Exception {
    DeadLetter d =
        new DeadLetter(
            ReasonKind.INVALID_JSON,
            "invalid JSON",
            "twitterdata",
            2,
            41,
            "k1".getBytes(StandardCharsets.UTF_8),
            "{oops\n\"".getBytes(StandardCharsets.UTF_8));
    JsonNode json = MAPPER.readTree(d.toJson());
    assertEquals("invalid JSON", json.get("reason").asText());
    assertEquals("twitterdata", json.get("topic").asText());
    assertEquals(2, json.get("partition").asInt());
    assertEquals(41, json.get("offset").asLong());
    assertEquals("k1", json.get("key").asText());
    assertEquals("{oops\n\"", json.get("value").asText());
    assertEquals("k1", d.kafkaKey());
  }

  @Test
  public void bytesThatAreNotUtf8AreKeptAsBase64() throws Exception {
    byte[] raw = {(byte) 0xc3, 0x28, 0x41};
    DeadLetter d = new DeadLetter(ReasonKind.BAD_UTF8, "not valid UTF-8", "t", 0, 7, null, raw);
    JsonNode json = MAPPER.readTree(d.toJson());
    assertEquals(Base64.getEncoder().encodeToString(raw), json.get("valueBase64").asText());
    assertEquals("t-0@7", d.kafkaKey());
  }
}
