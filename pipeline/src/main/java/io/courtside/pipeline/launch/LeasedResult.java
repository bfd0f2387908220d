package io.courtside.pipeline.launch;

import io.courtside.pipeline.read.GroupLease;
import java.io.IOException;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.joda.time.Duration;

/** A running streaming job and its consumer-group lease, given back when the job ends. */
final class LeasedResult implements PipelineResult {
  private final PipelineResult job;
  private final GroupLease lease;

  LeasedResult(PipelineResult job, GroupLease lease) {
    this.job = job;
    this.lease = lease;
  }

  @Override
  public State getState() {
    State s = job.getState();
    if (s.isTerminal()) {
      lease.close();
    }
    return s;
  }

  /** Cancels the job; gives the lease back once the job's last offset commits have landed. */
  @Override
  public State cancel() throws IOException {
    try {
      return job.cancel();
    } finally {
      release();
    }
  }

  /**
   * Gives the lease back, once the job's last offset commits have landed, without cancelling the
   * job: for a job its runner stops by itself (Spark's shutdown hook on SIGTERM).
   */
  void release() {
    lease.awaitCommitsSettled(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(20));
    lease.close();
  }

  @Override
  public State waitUntilFinish(Duration duration) {
    State s = job.waitUntilFinish(duration);
    if (s != null && s.isTerminal()) {
      lease.close();
    }
    return s;
  }

  @Override
  public State waitUntilFinish() {
    try {
      return job.waitUntilFinish();
    } finally {
      lease.close();
    }
  }

  @Override
  public MetricResults metrics() {
    return job.metrics();
  }
}
