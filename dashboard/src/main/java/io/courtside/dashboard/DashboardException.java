package io.courtside.dashboard;

/**
 * A request the dashboard cannot answer: an unknown dashboard, a value a variable does not have.
 */
public final class DashboardException extends Exception {
  public DashboardException(String message) {
    super(message);
  }
}
