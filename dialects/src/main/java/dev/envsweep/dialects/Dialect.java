package dev.envsweep.dialects;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything envsweep knows about one engine's SQL, and the only place it is known: how identifiers are quoted
 * and folded, what catalogs mean, how each kind of drop is written, how the ownership guard lists a container's
 * contents, and how the engine holds state. How its JDBC driver behaves is {@link #driver()}'s business. Core
 * asks these questions and never switches on engine names.
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

  /** How this engine's JDBC driver and its connections behave; the defaults suit a database server. */
  default EngineDriver driver() {
    return EngineDriver.DEFAULT;
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
   * Whether DDL on this engine is transactional, so an environment's drops can be sent as one transaction and
   * committed once (rolled back as a whole if one fails). Only engines whose transactions the tests run on say so.
   */
  default boolean transactionalDdl() {
    return false;
  }

  /**
   * How many environments' drops are sent to one gateway of this engine at once when {@code max_parallel_drops}
   * is not configured. A database server runs several DDL statements at once, each mostly waiting on its own
   * catalog locks and WAL; the figure is measured (benchmarks/RESULTS.md, "Parallel drops"). Engines that keep
   * one local file (DuckDB) serialise writers anyway and override this with 1.
   */
  default int defaultParallelDrops() {
    return 4;
  }

  /** Whether a schema drop's statements depend on its listed contents, so it is listed even under FORCE. */
  default boolean needsContentsToRender() {
    return false;
  }

  /**
   * The object kinds whose drop takes {@code CASCADE} on this engine (SQLMesh's
   * {@code SUPPORTED_DROP_CASCADE_OBJECT_KINDS}); empty where the engine has none.
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
