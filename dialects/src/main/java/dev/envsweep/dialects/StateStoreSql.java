package dev.envsweep.dialects;

/**
 * What differs between engines when they hold SQLMesh's state: column types (reference 1.3), the clock and
 * row locking.
 *
 * @param indexText type of key columns such as {@code name}
 * @param blobText type of JSON payload columns
 * @param text type of other text columns
 * @param bigint 64-bit integer type
 * @param bool boolean type
 * @param epochMillisNow a scalar expression for the engine's current time in epoch milliseconds
 * @param lockRowsClause appended to a SELECT to lock its rows against other janitors, skipping rows already
 *     locked ({@code FOR UPDATE SKIP LOCKED}); empty where the engine has no row locks
 * @param limitClause appended to an ordered SELECT to return at most {@code ?} rows (one bound parameter)
 * @param readsSeeTransactionStart whether every read in a transaction sees the state as it was when the
 *     transaction began (DuckDB's snapshot isolation), so reading a row again later in it tells nothing new
 */
public record StateStoreSql(String indexText, String blobText, String text, String bigint, String bool,
    String epochMillisNow, String lockRowsClause, String limitClause, boolean readsSeeTransactionStart) {

  /** An engine whose reads in a transaction see what has committed since it began (read committed). */
  public StateStoreSql(String indexText, String blobText, String text, String bigint, String bool,
      String epochMillisNow, String lockRowsClause, String limitClause) {
    this(indexText, blobText, text, bigint, bool, epochMillisNow, lockRowsClause, limitClause, false);
  }
}
