package dev.envsweep.core.meta;

import dev.envsweep.core.SqlStates;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;

/**
 * How a failure leaves the Meta. Avatica's client turns an {@link AvaticaClientRuntimeException} into an
 * SQLException with its SQLSTATE (any other RuntimeException would reach the user without one); the HTTP
 * server finds the SQLException among its causes and sends the same message and state. Never SQLSTATE
 * {@code 00000}, which means success.
 */
final class ClientErrors {
  private ClientErrors() {}

  static RuntimeException toClient(SQLException e) {
    String state = e.getSQLState();
    if (state == null || state.length() != 5 || state.equals("00000")) {
      state = SqlStates.INTERNAL_ERROR;
      e = new SQLException(e.getMessage(), state, e.getErrorCode(), e);
    }
    AvaticaClientRuntimeException out = new AvaticaClientRuntimeException(e.getMessage(), e.getErrorCode(), state,
        AvaticaSeverity.ERROR, List.of(), null);
    out.initCause(e);
    return out;
  }

  /** A failure of envsweep's own code: the client still gets a message and a state. */
  static RuntimeException internal(RuntimeException e) {
    if (e instanceof AvaticaClientRuntimeException) {
      return e;
    }
    return toClient(new SQLException(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName(),
        SqlStates.INTERNAL_ERROR, e));
  }
}
