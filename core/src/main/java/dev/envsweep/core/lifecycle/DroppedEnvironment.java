package dev.envsweep.core.lifecycle;

import dev.envsweep.core.model.Environment;
import dev.envsweep.core.model.Orphan;
import dev.envsweep.core.model.ResultRow;
import java.util.List;

/**
 * A claimed environment after its drops: its rows so far, and, when its state is to be deleted, the environment
 * and the objects WARN ON FAILURE leaves behind.
 *
 * @param toDelete null when its state is kept
 * @param failed how many of its drops failed
 */
record DroppedEnvironment(String name, List<ResultRow> rows, Environment toDelete, List<Orphan> leftBehind,
    long failed) {}
