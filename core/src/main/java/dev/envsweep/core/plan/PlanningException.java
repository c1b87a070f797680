package dev.envsweep.core.plan;

/** An environment that cannot be planned; the message says why. It fails that environment only. */
public class PlanningException extends Exception {
  private static final long serialVersionUID = 1L;

  public PlanningException(String message) {
    super(message);
  }
}
