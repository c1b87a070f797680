package dev.envsweep.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LargeFrameMetaTest {
  @Test
  void framesGrowToTheMinimumButNeverPastARowLimitOrWhatTheClientAskedBeyondIt() {
    assertThat(LargeFrameMeta.frameRows(100, 0)).isEqualTo(LargeFrameMeta.MIN_FRAME_ROWS);
    assertThat(LargeFrameMeta.frameRows(100, -1)).isEqualTo(LargeFrameMeta.MIN_FRAME_ROWS);
    assertThat(LargeFrameMeta.frameRows(5_000, 0)).isEqualTo(5_000);
    assertThat(LargeFrameMeta.frameRows(100, 250)).isEqualTo(250);
    assertThat(LargeFrameMeta.frameRows(10, 5)).isEqualTo(10);
    // 0 and negative sizes keep Avatica's own meaning (no rows yet / unlimited).
    assertThat(LargeFrameMeta.frameRows(0, 0)).isZero();
    assertThat(LargeFrameMeta.frameRows(-2, 0)).isEqualTo(-2);
  }
}
