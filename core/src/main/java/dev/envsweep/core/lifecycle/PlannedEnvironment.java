package dev.envsweep.core.lifecycle;

import dev.envsweep.core.model.Environment;
import dev.envsweep.core.plan.CleanupPlan;
import dev.envsweep.core.state.StateStore.EnvironmentRecord;

/**
 * An environment as read and planned, once per cleanup: the plan, or why it cannot be planned (reported when its
 * turn comes). Protected environments are not planned: {@code environment}, {@code plan} and {@code error} are
 * all null.
 */
record PlannedEnvironment(EnvironmentRecord record, Environment environment, CleanupPlan plan, String error) {}
