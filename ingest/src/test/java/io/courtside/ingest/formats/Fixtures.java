package io.courtside.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the format fixtures in src/test/resources/formats, written from the documented formats. */
public final class Fixtures {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  public static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/formats/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String name) {
    try {
      return MAPPER.readTree(text(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
