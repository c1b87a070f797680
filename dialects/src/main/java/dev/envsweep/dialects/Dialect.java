package dev.envsweep.dialects;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything envsweep knows about one engine, and the only place it is known: how identifiers are quoted and
 * folded, what catalogs mean, how each kind of drop is written, how the ownership guard lists a container's
 * contents, and how the engine holds state. Core asks these questions and never switches on engine names.
 *
 * <p>A new engine is one implementation of this interface, listed in {@link Dialects}, and one golden file.
 */
public interface Dialect {

  /** Lower-case name used in configuration ({@code dialect: duckdb}). */
  String name();

  /** The keys this engine accepts under a gateway's {@code options} (ClickHouse's {@code cluster}, ...). */
  default java.util.Set<String> optionNames() {
    return java.util.Set.of();
  }

  /** Whether a JDBC URL belongs to this engine, so the dialect can be inferred when the config omits it. */
  boolean acceptsUrl(String jdbcUrl);

  /**
   * The local file a JDBC URL of this engine opens, for engines that keep a database in one file (DuckDB);
   * empty for servers and in-memory databases. It names the default {@code catalog_dir} and the file in
   * "in use by another process" messages.
   */
  default java.util.Optional<java.nio.file.Path> localDatabaseFile(String jdbcUrl) {
    return java.util.Optional.empty();
  }

  /**
   * A plain-words explanation of a failure to connect, where the engine's own text is not one (DuckDB's file
   * lock); empty to keep the driver's message.
   */
  default java.util.Optional<String> explainConnectionFailure(java.sql.SQLException e, String jdbcUrl) {
    return java.util.Optional.empty();
  }

  /**
   * The SQLSTATE for an error the engine's driver raised without one (DuckDB's driver sets none), so every
   * client sees a state; null keeps it as it is.
   */
  default String sqlStateOf(java.sql.SQLException e) {
    return null;
  }

  /**
   * A table type as the driver's {@code DatabaseMetaData} names it, in the name JDBC clients ask for: tools
   * request {@code TABLE} and {@code VIEW}, and a driver that says {@code BASE TABLE} (DuckDB's) would list
   * no tables to them.
   */
  default String standardTableType(String driverTableType) {
    return driverTableType;
  }

  /** Quotes one identifier, escaping the quote character. */
  String quoteIdentifier(String identifier);

  /** A string literal, for the rare statements that cannot take bound parameters (DuckDB's ATTACH path). */
  default String quoteString(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** How unquoted (and quoted) identifiers are folded. */
  NormalizationStrategy normalizationStrategy();

  /**
   * SQLGlot's {@code normalize_identifiers(s, dialect)}: the string is read as one identifier in this dialect
   * (a quoted identifier keeps its quotes' meaning; a string that is not one bare word counts as quoted), then
   * folded by the strategy.
   */
  default String normalizeIdentifier(String s) {
    String q = quoteIdentifier("");
    String open = q.substring(0, 1);
    String close = q.substring(1);
    if (s.length() >= 2 && s.startsWith(open) && s.endsWith(close)) {
      String inner = s.substring(1, s.length() - 1).replace(close + close, close);
      return normalizationStrategy().apply(inner, true);
    }
    return normalizationStrategy().apply(s, !WordCharacters.isWords(s));
  }

  /** Whether two stored names denote the same object on this engine. */
  default boolean sameIdentifier(String a, String b) {
    return normalizationStrategy().same(a, b);
  }

  CatalogSupport catalogSupport();

  /** Whether a catalog-suffix environment's catalog can be dropped at all (else it is reported left behind). */
  boolean canDropCatalogs();

  /**
   * Whether connections should be kept idle in a pool. False for engines that lock a local file against every
   * other process (DuckDB): envsweep then holds the file only while it works.
   */
  default boolean keepsIdleConnections() {
    return true;
  }

  /**
   * Whether a failure to open a connection passes by itself in a moment (for engines whose connections are
   * opened per unit of work, {@link #keepsIdleConnections()} false), so opening again is worth it.
   */
  default boolean isPassingOpenFailure(java.sql.SQLException e) {
    return false;
  }

  /** The object's name as it appears in a statement, quoted by this dialect. */
  String renderName(DropObject object, DialectContext context) throws UnsupportedDropException;

  /** The statements that drop the object (with {@code IF EXISTS}: cleanup is idempotent). */
  RenderedDrop renderDrop(DropObject object, DropMode mode, DialectContext context)
      throws UnsupportedDropException;

  /**
   * The statements that drop the object, knowing what the guard listing found inside it. Only engines that must
   * drop a schema's contents one by one (MSSQL has no {@code CASCADE}) need {@code contents}; they say so with
   * {@link #needsContentsToRender()}.
   */
  default RenderedDrop renderDrop(DropObject object, DropMode mode, DialectContext context,
      List<CatalogueObject> contents) throws UnsupportedDropException {
    return renderDrop(object, mode, context);
  }

  /**
   * Loads what this engine's JDBC driver needs before its first connection, where that is slow, so the server can
   * do it on a helper thread while it reads its configuration. Connects to nothing; a driver that is missing or
   * fails is left to fail, and be reported, where it is used.
   */
  default void preloadDriver() {}

  /**
   * Whether DDL on this engine is transactional, so an environment's drops can be sent as one transaction and
   * committed once (rolled back as a whole if one fails). Only engines whose transactions the tests run on say so.
   */
  default boolean transactionalDdl() {
    return false;
  }

  /** Whether a schema drop's statements depend on its listed contents, so it is listed even under FORCE. */
  default boolean needsContentsToRender() {
    return false;
  }

  /**
   * The object kinds whose drop takes {@code CASCADE} on this engine (SQLMesh's
   * {@code SUPPORTED_DROP_CASCADE_OBJECT_KINDS}, reference 6.2); empty where the engine has none.
   */
  java.util.Set<String> cascadeKinds();

  /**
   * The ownership guard's listing query for the objects one environment drops on one gateway: every object
   * inside each schema or catalog to drop, each container itself, and each view to drop, so a single query
   * answers what exists and who owns it.
   */
  GuardQuery guardQuery(List<DropObject> objects, DialectContext context);

  /**
   * How many objects one guard listing asks about at most, so its parameter lists stay a reasonable size. Engines
   * whose catalogue functions cost the same whatever they are asked about override it with more.
   */
  default int listingChunk() {
    return 200;
  }

  /**
   * Runs the guard listing. Engines whose containers must be opened before they can be listed (DuckDB catalog
   * files) override this; everyone else runs {@link #guardQuery} once.
   */
  default List<CatalogueObject> listCatalogue(CatalogueReader reader, List<DropObject> objects,
      DialectContext context) throws SQLException {
    if (objects.isEmpty()) {
      return List.of();
    }
    GuardQuery query = guardQuery(objects, context);
    List<CatalogueObject> listed = new ArrayList<>();
    for (List<Object> row : reader.query(query.sql(), query.parameters())) {
      listed.add(new CatalogueObject(str(row.get(0)), str(row.get(1)), str(row.get(2)), str(row.get(3)),
          row.size() > 5 ? str(row.get(4)) : null, row.size() > 5 ? str(row.get(5)) : null));
    }
    return listed;
  }

  /**
   * A query answering the connection's current catalog, which is SQLMesh's default catalog of a gateway when the
   * configuration does not name one; empty where the engine has no catalogs.
   */
  default java.util.Optional<String> currentCatalogQuery() {
    return java.util.Optional.empty();
  }

  /** Types, clock and locking when this engine holds the state store. */
  StateStoreSql stateStoreSql();

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
