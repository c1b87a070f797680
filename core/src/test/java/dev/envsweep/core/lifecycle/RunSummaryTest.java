package dev.envsweep.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run counts as its rows are numbered, for log lines and summaries. */
class RunSummaryTest {
  @Test
  void aRunWithNoRowsSaysNone() {
    Run run = new Run("test");
    assertThat(run.summary().statuses()).isEqualTo("none");
    assertThat(run.summary().environments()).isZero();
  }

  @Test
  void environmentsObjectsAndStatusesAreCountedInStatusOrder() {
    Run run = new Run("test");
    run.number(List.of(row("a", "SCHEMA", Status.DROPPED), row("a", "SCHEMA", Status.DROPPED),
        row("a", "ENVIRONMENT", Status.DELETED)));
    run.number(List.of(row("b", "VIEW", Status.FAILED), row("c", "ENVIRONMENT", Status.WARNING)));
    RunSummary s = run.summary();
    assertThat(s.environments()).isEqualTo(3);
    assertThat(s.objects()).isEqualTo(3);
    assertThat(s.count(Status.DROPPED)).isEqualTo(2);
    assertThat(s.statuses()).isEqualTo("DROPPED=2 FAILED=1 WARNING=1 DELETED=1");
  }

  private static ResultRow row(String env, String kind, Status status) {
    return new ResultRow(env, "wh", kind, env, "sql", status, "m", 0);
  }
}
