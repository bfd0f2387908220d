package io.courtside.model;

import java.nio.charset.StandardCharsets;

/**
 * Stable 64-bit fingerprints of post ids (FNV-1a): the same id gives the same value on every JVM.
 */
public final class PostIds {
  private PostIds() {}

  public static long hash64(String id) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      hash ^= (b & 0xff);
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
