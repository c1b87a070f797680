package dev.envsweep.server.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ByteConverter;

/** Binary values as PostgreSQL's own client decodes them (pgjdbc's ByteConverter). */
class PgTypesTest {
  @Test
  void binaryNumericDecodesToTheSameNumber() {
    for (String v : List.of("0", "1", "-1", "12.50", "0.0001", "123456789012345678901234567890.12", "-0.5", "10000",
        "9999.9999", "170141183460469231731687303715884105727", "0.00", "100.10")) {
      BigDecimal decoded = (BigDecimal) ByteConverter.numeric(PgTypes.numeric(new BigDecimal(v)));
      assertThat(decoded).as(v).isEqualByComparingTo(v);
      assertThat(decoded.scale()).as(v + " scale").isEqualTo(new BigDecimal(v).scale());
    }
  }

  @Test
  void parametersSentAsTextOrBinaryBecomeTheirJdbcValues() throws Exception {
    assertThat(PgExtended.textValue("42", PgTypes.INT4)).isEqualTo(42);
    assertThat(PgExtended.textValue("t", PgTypes.BOOL)).isEqualTo(true);
    assertThat(PgExtended.textValue("\\xaabb", PgTypes.BYTEA)).isEqualTo(new byte[] {(byte) 0xaa, (byte) 0xbb});
    assertThat(PgExtended.textValue("dev", PgTypes.VARCHAR)).isEqualTo("dev");
    byte[] int8 = java.nio.ByteBuffer.allocate(8).putLong(5_000_000_000L).array();
    assertThat(PgExtended.binaryValue(int8, 0, 8, PgTypes.INT8)).isEqualTo(5_000_000_000L);
    List<Integer> order = new java.util.ArrayList<>();
    assertThat(PgExtended.placeholders("SELECT $1, '$2', \"$3\", $2 -- $4\n, $1", order))
        .isEqualTo("SELECT ?, '$2', \"$3\", ? -- $4\n, ?");
    assertThat(order).containsExactly(1, 2, 1);
  }
}
