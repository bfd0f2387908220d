package io.courtside.ingest;

import java.net.http.HttpClient;

/** Lets tests in other packages build the same HTTP client as production. */
public final class SourceFactoryAccess {
  private SourceFactoryAccess() {}

  public static HttpClient httpClient() {
    return SourceFactory.httpClient();
  }
}
