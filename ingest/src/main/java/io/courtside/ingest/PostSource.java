package io.courtside.ingest;

/**
 * Where posts come from. {@link #run} hands records to the sink until the source ends (a replay
 * file), {@code stop} is requested (Ctrl-C, {@code --count}), or a failure the user must fix
 * (thrown as {@link IngestException} with a message to print). Transient failures of live sources
 * (disconnects, 5xx, 429) are retried inside {@code run}; they only show in {@link #stats()}.
 */
public interface PostSource {
  void run(RecordSink sink, StopSignal stop) throws IngestException, InterruptedException;

  SourceStats stats();
}
