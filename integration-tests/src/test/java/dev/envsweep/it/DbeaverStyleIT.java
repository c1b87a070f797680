package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What DBeaver's generic JDBC support does with a connection, in its order (its GenericDataSource, GenericMetaModel,
 * JDBCDataSource and JDBCBasicDataTypeCache): open a main and a metadata connection, read the driver's dialect and
 * type information, walk the navigator (catalogs, schemas, tables, columns, keys, indexes, procedures, functions),
 * then run editor queries with its statement settings and read every column as it does. Through the built jar's
 * server on both serializations, and in-process; every call must answer, every column must read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DbeaverStyleIT {
  record Way(String name, Callable<Connection> connect) {
    @Override
    public String toString() {
      return name;
    }
  }

  final List<ServerProcess> servers = new ArrayList<>();
  final List<Way> ways = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    for (String way : List.of("protobuf", "json", "in-process")) {
      Path dir = Files.createTempDirectory("envsweep-dbeaver-");
      Path config = ServerProcess.writeConfig(dir, """
          state_store:
            create: true
          gateways:
            local:
              url: jdbc:duckdb:%s
          """.formatted(dir.resolve("wh.duckdb")));
      if (way.equals("in-process")) {
        ways.add(new Way(way, () -> InProcess.connect(config)));
      } else {
        ServerProcess server = ServerProcess.serve(dir, way, "--config", config.toString());
        servers.add(server);
        ways.add(new Way(way, server::connect));
      }
    }
  }

  @AfterAll
  void stop() throws Exception {
    for (ServerProcess s : servers) {
      s.close();
    }
  }

  Stream<Way> ways() {
    return ways.stream();
  }

  @ParameterizedTest
  @MethodSource("ways")
  void aDbeaverSessionFromConnectToResults(Way way) throws Exception {
    try (Connection main = way.connect().call(); Connection metadata = way.connect().call()) {
      // Opening each context: autocommit, then the default catalog (or schema).
      for (Connection c : List.of(main, metadata)) {
        c.setAutoCommit(true);
        assertThat(c.getAutoCommit()).isTrue();
        String catalog = c.getCatalog();
        assertThat(catalog == null || catalog.isEmpty() ? c.getSchema() : catalog).isNotBlank();
      }
      Sql.exec(main, "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer VARCHAR, amount DECIMAL(12,2), "
          + "placed TIMESTAMP, paid BOOLEAN)", "CREATE TABLE lines (order_id INTEGER REFERENCES orders(id), sku VARCHAR)",
          "CREATE INDEX orders_customer ON orders(customer)",
          "CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 100",
          "INSERT INTO orders VALUES (1, 'ada', 250.00, TIMESTAMP '2026-11-30 09:00:00', true), "
              + "(2, 'bob', 12.50, NULL, false)");

      DatabaseMetaData md = metadata.getMetaData();
      // The dialect and the data source's description, each call on its own.
      md.getDatabaseMajorVersion();
      md.getDatabaseMinorVersion();
      assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
      md.getSQLStateType();
      md.supportsCorrelatedSubqueries();
      md.supportsSubqueriesInComparisons();
      md.supportsMixedCaseIdentifiers();
      md.supportsMixedCaseQuotedIdentifiers();
      md.storesUpperCaseIdentifiers();
      md.storesLowerCaseIdentifiers();
      md.storesUpperCaseQuotedIdentifiers();
      md.storesLowerCaseQuotedIdentifiers();
      md.getSearchStringEscape();
      md.getCatalogSeparator();
      md.supportsCatalogsInDataManipulation();
      md.supportsSchemasInDataManipulation();
      md.getExtraNameCharacters();
      md.isCatalogAtStart();
      assertThat(md.getSQLKeywords()).contains("INVALIDATE");
      md.getNumericFunctions();
      md.getStringFunctions();
      md.getSystemFunctions();
      md.getTimeDateFunctions();
      assertThat(md.getDatabaseProductName()).isNotBlank();
      assertThat(md.getDatabaseProductVersion()).isNotNull();
      assertThat(md.getDriverName()).isNotBlank();
      assertThat(md.getDriverVersion()).isNotBlank();
      md.getSchemaTerm();
      md.getProcedureTerm();
      md.getCatalogTerm();
      md.supportsBatchUpdates();
      if (md.supportsTransactions()) {
        for (int level : new int[] {0, 1, 2, 4, 8}) {
          md.supportsTransactionIsolationLevel(level);
        }
      }

      // The type cache.
      List<Map<String, Object>> types = named(md.getTypeInfo(), "TYPE_NAME:s", "DATA_TYPE:i", "LOCAL_TYPE_NAME:s",
          "UNSIGNED_ATTRIBUTE:b", "SEARCHABLE:i", "PRECISION:i", "MINIMUM_SCALE:i", "MAXIMUM_SCALE:i");
      assertThat(types).extracting(t -> t.get("DATA_TYPE")).contains(Types.INTEGER, Types.VARCHAR, Types.DECIMAL,
          Types.TIMESTAMP, Types.BOOLEAN);
      assertThat(types).extracting(t -> t.get("TYPE_NAME")).doesNotContainNull();

      // Catalogs, then each catalog's schemas.
      List<Map<String, Object>> catalogs = named(md.getCatalogs(), "TABLE_CAT:s");
      assertThat(catalogs).extracting(c -> c.get("TABLE_CAT")).contains("wh");
      List<Map<String, Object>> schemas = named(md.getSchemas("wh", "%"), "TABLE_SCHEM:s", "TABLE_CATALOG:s");
      assertThat(schemas).extracting(s -> s.get("TABLE_SCHEM")).contains("main", "sys");
      named(md.getSchemas(null, "%"), "TABLE_SCHEM:s", "TABLE_CATALOG:s");

      // Tables of a schema (the types array is always null), their columns, keys and indexes.
      List<Map<String, Object>> tables = named(md.getTables("wh", "main", "%", null), "TABLE_NAME:s",
          "TABLE_TYPE:s", "TABLE_SCHEM:s", "REMARKS:s");
      assertThat(tables).extracting(t -> t.get("TABLE_NAME") + ":" + t.get("TABLE_TYPE"))
          .contains("orders:TABLE", "lines:TABLE", "big_orders:VIEW");
      List<Map<String, Object>> sysTables = named(md.getTables("wh", "sys", "%", null), "TABLE_NAME:s",
          "TABLE_TYPE:s");
      assertThat(sysTables).extracting(t -> t.get("TABLE_TYPE")).containsOnly("SYSTEM TABLE");
      assertThat(sysTables).extracting(t -> t.get("TABLE_NAME")).contains("environments", "sessions");
      for (Map<String, Object> table : tables) {
        String name = (String) table.get("TABLE_NAME");
        List<Map<String, Object>> columns = named(md.getColumns("wh", "main", name, "%"), "COLUMN_NAME:s",
            "DATA_TYPE:i", "SOURCE_DATA_TYPE:i", "TYPE_NAME:s", "COLUMN_SIZE:l", "NULLABLE:i", "DECIMAL_DIGITS:i",
            "NUM_PREC_RADIX:i", "COLUMN_DEF:s", "REMARKS:s", "CHAR_OCTET_LENGTH:l", "ORDINAL_POSITION:i",
            "IS_AUTOINCREMENT:s", "IS_GENERATEDCOLUMN:s", "TABLE_NAME:s");
        assertThat(columns).as(name).isNotEmpty();
        assertThat(columns).extracting(c -> c.get("ORDINAL_POSITION")).as(name).doesNotContain(0);
        named(md.getPrimaryKeys("wh", "main", name), "TABLE_NAME:s", "PK_NAME:s", "COLUMN_NAME:s", "KEY_SEQ:i");
        named(md.getIndexInfo("wh", "main", name, false, true), "TABLE_NAME:s", "INDEX_NAME:s", "NON_UNIQUE:b",
            "INDEX_QUALIFIER:s", "CARDINALITY:l", "TYPE:i", "ORDINAL_POSITION:i", "COLUMN_NAME:s", "ASC_OR_DESC:s");
        named(md.getImportedKeys("wh", "main", name), "PKTABLE_CAT:s", "PKTABLE_SCHEM:s", "PKTABLE_NAME:s",
            "FKTABLE_NAME:s", "PKCOLUMN_NAME:s", "FKCOLUMN_NAME:s", "KEY_SEQ:i", "UPDATE_RULE:i", "DELETE_RULE:i",
            "FK_NAME:s", "PK_NAME:s", "DEFERRABILITY:i");
        named(md.getExportedKeys("wh", "main", name), "FKTABLE_NAME:s", "FKCOLUMN_NAME:s", "KEY_SEQ:i");
      }
      List<Map<String, Object>> orderColumns = named(md.getColumns("wh", "main", "orders", "%"), "COLUMN_NAME:s",
          "DATA_TYPE:i", "TYPE_NAME:s", "COLUMN_SIZE:l", "DECIMAL_DIGITS:i");
      assertThat(orderColumns).extracting(c -> c.get("COLUMN_NAME") + ":" + c.get("DATA_TYPE"))
          .containsExactly("id:" + Types.INTEGER, "customer:" + Types.VARCHAR, "amount:" + Types.DECIMAL,
              "placed:" + Types.TIMESTAMP, "paid:" + Types.BOOLEAN);
      List<Map<String, Object>> sysColumns = named(md.getColumns("wh", "sys", "sessions", "%"), "COLUMN_NAME:s",
          "DATA_TYPE:i", "TYPE_NAME:s", "COLUMN_SIZE:l", "NULLABLE:i", "ORDINAL_POSITION:i");
      assertThat(sysColumns).extracting(c -> c.get("COLUMN_NAME")).startsWith("session_id", "user",
          "remote_address", "statement", "started_at", "elapsed_ms");
      assertThat(sysColumns).extracting(c -> (String) c.get("TYPE_NAME")).noneMatch(t -> t.contains("NOT NULL"));

      // Procedures and functions, then the table types (lazily, as its table-type cache does).
      named(md.getFunctions("wh", "main", "%"), "FUNCTION_NAME:s", "SPECIFIC_NAME:s", "FUNCTION_TYPE:i", "REMARKS:s");
      named(md.getProcedures("wh", "sys", "%"), "PROCEDURE_CAT:s", "PROCEDURE_NAME:s", "SPECIFIC_NAME:s",
          "PROCEDURE_TYPE:i", "REMARKS:s");
      named(md.getProcedureColumns("wh", "sys", "%", "%"), "COLUMN_NAME:s", "COLUMN_TYPE:i", "DATA_TYPE:i");
      assertThat(named(md.getTableTypes(), "TABLE_TYPE:s")).extracting(t -> t.get("TABLE_TYPE"))
          .contains("TABLE", "VIEW", "SYSTEM TABLE");

      // The SQL editor: its statement settings, the result-set loop, and every column read as it reads them.
      try (Statement s = main.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        s.setMaxRows(200);
        s.setFetchSize(50);
        s.setQueryTimeout(30);
        assertThat(s.execute("SELECT * FROM orders ORDER BY id")).isTrue();
        List<List<Object>> rows = editorRows(s.getResultSet());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(1, "ada", new java.math.BigDecimal("250.00"),
            java.sql.Timestamp.valueOf("2026-11-30 09:00:00"), true);
        s.getWarnings();
        assertThat(s.execute("UPDATE orders SET paid = true WHERE id = 2")).isFalse();
        assertThat(s.getLargeUpdateCount()).isEqualTo(1);
        assertThat(s.execute("EXPLAIN CLEANUP EXPIRED ENVIRONMENTS")).isTrue();
        editorRows(s.getResultSet());
        assertThat(s.execute("SELECT name, status, expires_at FROM sys.environments")).isTrue();
        editorRows(s.getResultSet());
        s.setMaxRows(1);
        assertThat(s.execute("SELECT * FROM orders")).isTrue();
        assertThat(editorRows(s.getResultSet())).hasSize(1);
      }

      // A connection marked read-only: it reads, and is refused what would change anything.
      main.setReadOnly(true);
      try (Statement s = main.createStatement()) {
        assertThat(editorRows(s.executeQuery("SELECT count(*) FROM orders"))).containsExactly(List.of(2L));
        SQLException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> s.execute("DELETE FROM orders"), SQLException.class);
        assertThat(refused.getSQLState()).isEqualTo("25006");
        assertThat(editorRows(s.executeQuery("SELECT count(*) FROM orders"))).containsExactly(List.of(2L));
      }
      main.setReadOnly(false);
      if (!main.getAutoCommit()) {
        main.commit();
      }
      main.getWarnings();
      main.clearWarnings();
    }
  }

  /**
   * Each row's named columns read as DBeaver's JDBCUtils.safeGet* read them ({@code s} getString, {@code i}
   * getInt, {@code l} getLong, {@code b} getBoolean), plus getObject(int) of every column.
   */
  private static List<Map<String, Object>> named(ResultSet rs, String... columns) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (rs) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= n; i++) {
          rs.getObject(i);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (String c : columns) {
          String name = c.substring(0, c.indexOf(':'));
          Object v = switch (c.charAt(c.length() - 1)) {
            case 'i' -> rs.getInt(name);
            case 'l' -> rs.getLong(name);
            case 'b' -> rs.getBoolean(name);
            default -> rs.getString(name);
          };
          row.put(name, v);
        }
        out.add(row);
      }
    }
    return out;
  }

  /** The editor's reading: the metadata calls DBeaver makes per column, then getObject of every cell. */
  private static List<List<Object>> editorRows(ResultSet rs) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (rs) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        assertThat(md.getColumnLabel(i)).isNotBlank();
        md.getColumnName(i);
        md.isWritable(i);
        md.getTableName(i);
        md.getCatalogName(i);
        md.getSchemaName(i);
        md.isNullable(i);
        assertThat(md.getColumnDisplaySize(i)).isPositive();
        assertThat(md.getColumnTypeName(i)).isNotBlank();
        md.getColumnType(i);
        md.isAutoIncrement(i);
        md.getPrecision(i);
        md.getScale(i);
      }
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }
}
