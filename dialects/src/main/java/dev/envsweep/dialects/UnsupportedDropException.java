package dev.envsweep.dialects;

/**
 * A drop this engine cannot express (a catalog on an engine without catalogs, a foreign catalog on a
 * single-catalog engine). The message says why, in the words SQLMesh uses where it has some.
 */
public class UnsupportedDropException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnsupportedDropException(String message) {
    super(message);
  }
}
