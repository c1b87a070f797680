package dev.envsweep.core.sys;

import dev.envsweep.core.sql.Procedures;
import dev.envsweep.core.sql.Procedures.Procedure;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.procedures}: the CALL forms with their signatures. {@code DatabaseMetaData.getProcedures} lists
 * them too, but only in-process: Avatica's wire protocol has no request for procedures, so a client of the
 * server (DBeaver, sqlline) sees them here.
 */
final class ProceduresTable extends AbstractTable implements ScannableTable {

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("name", SqlTypeName.VARCHAR)
        .add("signature", SqlTypeName.VARCHAR)
        .add("remarks", SqlTypeName.VARCHAR)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (Procedure p : Procedures.all()) {
      rows.add(new Object[] {p.qualifiedName(), p.signature(), p.remarks()});
    }
    return Linq4j.asEnumerable(rows);
  }
}
