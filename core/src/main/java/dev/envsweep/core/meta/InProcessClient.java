package dev.envsweep.core.meta;

/**
 * What an in-process client's own {@code java.sql} objects know that no protocol request carries: a
 * statement's query timeout and row limit (Avatica's client sends neither with an execution of a prepared
 * statement), and whether it was cancelled (Avatica's {@code cancel()} only sets a flag on the client).
 */
interface InProcessClient {

  /** Whether the statement is being run by {@code executeUpdate}, so must not return rows. */
  boolean updateOnly(int statementId);

  /** The statement's {@code setQueryTimeout}, in seconds; 0 for none. */
  int queryTimeoutSeconds(int statementId);

  /** The statement's {@code setMaxRows}/{@code setLargeMaxRows}; 0 for none. */
  long maxRows(int statementId);

  /** Whether the client called {@code cancel()} on the statement since it last started running. */
  boolean cancelRequested(int statementId);

  /** Clears a cancellation the client requested for an earlier run of the statement. */
  void resetCancel(int statementId);
}
