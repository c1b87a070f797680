package dev.envsweep.core.execute;

import dev.envsweep.core.model.ResultRow;
import dev.envsweep.dialects.DropObject;
import java.util.List;
import java.util.Map;

/**
 * What one environment's drops on one gateway came to.
 *
 * @param rows one per statement (or refusal), in order
 * @param failed the objects whose drop failed, each once, with the first failure's message: what WARN ON
 *     FAILURE records as orphans
 */
public record GatewayOutcome(List<ResultRow> rows, Map<DropObject, String> failed) {}
