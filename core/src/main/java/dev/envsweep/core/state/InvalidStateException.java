package dev.envsweep.core.state;

/**
 * A row in the state store that cannot be read as SQLMesh writes it (bad JSON, an unknown suffix target). It
 * fails that environment only; everything else goes on.
 */
public class InvalidStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
