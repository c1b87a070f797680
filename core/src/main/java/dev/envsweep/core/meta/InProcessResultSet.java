package dev.envsweep.core.meta;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/**
 * Avatica's result set, but an error while later rows are fetched (a streamed cleanup that ends in 58000 or is
 * stopped with 57014 after its first rows) is the {@link SQLException} with its SQLSTATE that JDBC promises:
 * Avatica's own {@code next()} lets the fetch's {@link AvaticaClientRuntimeException} through as it is.
 */
final class InProcessResultSet extends AvaticaResultSet {
  InProcessResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    super(statement, state, signature, metaData, timeZone, firstFrame);
  }

  @Override
  public boolean next() throws SQLException {
    try {
      return super.next();
    } catch (AvaticaClientRuntimeException e) {
      throw new SQLException(e.getMessage(), e.getSqlState(), e.getErrorCode(), e.getCause() != null ? e.getCause()
          : e);
    }
  }
}
