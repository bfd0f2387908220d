package io.courtside.services.spark;

import io.courtside.services.stack.ManagedProcess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Waits for a line in a process's log, written after a known offset (logs are appended to). */
final class LogWatch {
  private LogWatch() {}

  static long size(Path log) {
    try {
      return Files.exists(log) ? Files.size(log) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Returns once {@code needle} appears after {@code offset}; fails if the process exits first. */
  static void await(ManagedProcess p, long offset, String needle, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!contains(p.logFile(), offset, needle)) {
      if (!p.isAlive()) {
        throw new SparkException(
            p.name()
                + " exited during start-up. Last lines of "
                + p.logFile()
                + ":"
                + System.lineSeparator()
                + p.logTail(25));
      }
      if (System.nanoTime() > deadline) {
        throw new SparkException(
            p.name()
                + " did not log \""
                + needle
                + "\" within "
                + timeout.toSeconds()
                + " s. Last lines of "
                + p.logFile()
                + ":"
                + System.lineSeparator()
                + p.logTail(25));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SparkException("Interrupted while waiting for " + p.name(), e);
      }
    }
  }

  static boolean contains(Path log, long offset, String needle) {
    try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "r")) {
      long length = raf.length();
      if (length <= offset) {
        return false;
      }
      raf.seek(offset);
      byte[] buf = new byte[(int) Math.min(length - offset, 4 << 20)];
      raf.readFully(buf);
      return new String(buf, StandardCharsets.UTF_8).contains(needle);
    } catch (IOException e) {
      return false;
    }
  }
}
