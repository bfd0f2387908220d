package io.courtside.ingest;

import io.courtside.model.Post;

/** Where sources put their records; {@link PostProducer} is the real one, tests use lists. */
public interface RecordSink {
  /** A valid post: key = its id, value = its JSON. */
  void post(Post post);

  /**
   * A record that is not a valid post, sent unchanged so that the pipeline's parser rejects it and
   * routes it to the dead-letter topic with its reason (instead of ingest dropping it silently).
   */
  void raw(String key, byte[] value);
}
