package io.courtside.ingest;

import io.courtside.model.Post;
import java.util.ArrayList;
import java.util.List;

/** Collects what a source sends; thread-safe because Mastodon streams tags on several threads. */
public final class ListSink implements RecordSink {
  public final List<Post> posts = new ArrayList<>();
  public final List<String> rawKeys = new ArrayList<>();
  public final List<byte[]> rawValues = new ArrayList<>();

  @Override
  public synchronized void post(Post post) {
    posts.add(post);
  }

  @Override
  public synchronized void raw(String key, byte[] value) {
    rawKeys.add(key);
    rawValues.add(value);
  }

  public synchronized List<Post> posts() {
    return new ArrayList<>(posts);
  }

  public synchronized List<String> ids() {
    return posts.stream().map(Post::id).toList();
  }
}
