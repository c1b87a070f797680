package dev.envsweep.core.jdbc;

import dev.envsweep.core.sql.Procedures;
import dev.envsweep.core.sql.Procedures.Parameter;
import dev.envsweep.core.sql.Procedures.Procedure;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The default gateway's metadata, introduced as envsweep's, with envsweep's own objects added: the {@code sys}
 * schema, its tables (type {@code SYSTEM TABLE}) and their columns, and the {@code sys} procedures, so that a
 * JDBC tool's navigator (DBeaver's) lists them next to the warehouse's. {@code sys} has no catalog (TABLE_CAT
 * is NULL): it is listed when the catalog asked for is null (any), empty (none) or the current one.
 */
final class EnvsweepDatabaseMetaData extends ForwardingDatabaseMetaData {
  private final EnvsweepConnection connection;
  private final DatabaseMetaData target;

  EnvsweepDatabaseMetaData(EnvsweepConnection connection, DatabaseMetaData target) {
    this.connection = connection;
    this.target = target;
  }

  @Override
  protected DatabaseMetaData delegate() {
    return target;
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public String getURL() {
    return connection.url();
  }

  @Override
  public String getDriverName() {
    return "envsweep";
  }

  @Override
  public String getDriverVersion() {
    return "0.1";
  }

  @Override
  public int getDriverMajorVersion() {
    return 0;
  }

  @Override
  public int getDriverMinorVersion() {
    return 1;
  }

  private static final String SYS = "sys";
  private static final String SYSTEM_TABLE = "SYSTEM TABLE";

  /**
   * Whether a request for {@code catalog} covers {@code sys}: any (null), none (empty), or the connection's
   * current catalog, which is what tools such as sqlline's {@code !tables} pass.
   */
  private boolean sysCatalog(String catalog) throws SQLException {
    return catalog == null || catalog.isEmpty() || catalog.equals(target.getConnection().getCatalog());
  }

  private boolean sysSchema(String catalog, String schemaPattern) throws SQLException {
    return sysCatalog(catalog) && MetaDataRows.matches(schemaPattern, SYS);
  }

  @Override
  public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
      throws SQLException {
    ResultSet gateway = target.getTables(catalog, schemaPattern, tableNamePattern, types);
    MetaDataRows rows = MetaDataRows.shapedLike(gateway);
    if (sysSchema(catalog, schemaPattern) && (types == null || Arrays.asList(types).contains(SYSTEM_TABLE))) {
      try (ResultSet sys = connection.calcite().getMetaData().getTables(null, SYS, tableNamePattern, null)) {
        while (sys.next()) {
          rows.add(Map.of("TABLE_SCHEM", SYS, "TABLE_NAME", sys.getString("TABLE_NAME"), "TABLE_TYPE", SYSTEM_TABLE,
              "REMARKS", "envsweep system table"));
        }
      }
    }
    return rows.addAll(gateway).toResultSet();
  }

  @Override
  public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern,
      String columnNamePattern) throws SQLException {
    ResultSet gateway = target.getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern);
    MetaDataRows rows = MetaDataRows.shapedLike(gateway);
    if (sysSchema(catalog, schemaPattern)) {
      rows.addAll(connection.calcite().getMetaData().getColumns(null, SYS, tableNamePattern, columnNamePattern));
    }
    return rows.addAll(gateway).toResultSet();
  }

  @Override
  public ResultSet getTableTypes() throws SQLException {
    ResultSet gateway = target.getTableTypes();
    MetaDataRows rows = MetaDataRows.shapedLike(gateway);
    rows.add(Map.of("TABLE_TYPE", SYSTEM_TABLE));
    try (gateway) {
      while (gateway.next()) {
        if (!SYSTEM_TABLE.equals(gateway.getString("TABLE_TYPE"))) {
          rows.add(Map.of("TABLE_TYPE", gateway.getString("TABLE_TYPE")));
        }
      }
    }
    return rows.toResultSet();
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    return getSchemas(null, null);
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    ResultSet gateway = target.getSchemas(catalog, schemaPattern);
    MetaDataRows rows = MetaDataRows.shapedLike(gateway);
    if (sysSchema(catalog, schemaPattern)) {
      rows.add(Map.of("TABLE_SCHEM", SYS));
    }
    return rows.addAll(gateway).toResultSet();
  }

  /** Only envsweep's procedures: CALL runs nothing else. */
  @Override
  public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
      throws SQLException {
    MetaDataRows rows = new MetaDataRows(List.of(MetaDataRows.varchar("PROCEDURE_CAT"),
        MetaDataRows.varchar("PROCEDURE_SCHEM"), MetaDataRows.varchar("PROCEDURE_NAME"),
        MetaDataRows.varchar("RESERVED1"), MetaDataRows.varchar("RESERVED2"), MetaDataRows.varchar("RESERVED3"),
        Column.varchar("REMARKS", 80), MetaDataRows.smallint("PROCEDURE_TYPE"),
        MetaDataRows.varchar("SPECIFIC_NAME")));
    for (Procedure p : procedures(catalog, schemaPattern, procedureNamePattern)) {
      rows.add(Map.of("PROCEDURE_SCHEM", SYS, "PROCEDURE_NAME", p.name(), "REMARKS", p.remarks(),
          "PROCEDURE_TYPE", (short) procedureReturnsResult, "SPECIFIC_NAME", p.name()));
    }
    return rows.toResultSet();
  }

  @Override
  public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
      String columnNamePattern) throws SQLException {
    MetaDataRows rows = new MetaDataRows(List.of(MetaDataRows.varchar("PROCEDURE_CAT"),
        MetaDataRows.varchar("PROCEDURE_SCHEM"), MetaDataRows.varchar("PROCEDURE_NAME"),
        MetaDataRows.varchar("COLUMN_NAME"), MetaDataRows.smallint("COLUMN_TYPE"), MetaDataRows.integer("DATA_TYPE"),
        MetaDataRows.varchar("TYPE_NAME"), MetaDataRows.integer("PRECISION"), MetaDataRows.integer("LENGTH"),
        MetaDataRows.smallint("SCALE"), MetaDataRows.smallint("RADIX"), MetaDataRows.smallint("NULLABLE"),
        MetaDataRows.varchar("REMARKS"), MetaDataRows.varchar("COLUMN_DEF"), MetaDataRows.integer("SQL_DATA_TYPE"),
        MetaDataRows.integer("SQL_DATETIME_SUB"), MetaDataRows.integer("CHAR_OCTET_LENGTH"),
        MetaDataRows.integer("ORDINAL_POSITION"), MetaDataRows.varchar("IS_NULLABLE"),
        MetaDataRows.varchar("SPECIFIC_NAME")));
    for (Procedure p : procedures(catalog, schemaPattern, procedureNamePattern)) {
      int position = 0;
      for (Parameter parameter : p.parameters()) {
        position++;
        if (!MetaDataRows.matches(columnNamePattern, parameter.name())) {
          continue;
        }
        Map<String, Object> row = new HashMap<>();
        row.put("PROCEDURE_SCHEM", SYS);
        row.put("PROCEDURE_NAME", p.name());
        row.put("COLUMN_NAME", parameter.name());
        row.put("COLUMN_TYPE", (short) procedureColumnIn);
        row.put("DATA_TYPE", parameter.type().jdbcType);
        row.put("TYPE_NAME", parameter.type().name());
        row.put("NULLABLE", (short) (parameter.omittable() ? procedureNullable : procedureNoNulls));
        row.put("COLUMN_DEF", parameter.defaultValue() == null ? null : String.valueOf(parameter.defaultValue()));
        row.put("ORDINAL_POSITION", position);
        row.put("IS_NULLABLE", parameter.omittable() ? "YES" : "NO");
        row.put("SPECIFIC_NAME", p.name());
        rows.add(row);
      }
    }
    return rows.toResultSet();
  }

  private List<Procedure> procedures(String catalog, String schemaPattern, String namePattern)
      throws SQLException {
    if (!sysSchema(catalog, schemaPattern)) {
      return List.of();
    }
    return Procedures.all().stream().filter(p -> MetaDataRows.matches(namePattern, p.name())).toList();
  }
}
