package dev.envsweep.core.lifecycle;

import dev.envsweep.core.render.CatalogueSnapshot;
import java.util.Map;

/** A page of environments about to be cleaned: their plans by name, and one catalogue listing per gateway. */
record CleanupPage(Map<String, PlannedEnvironment> plans, CatalogueSnapshot snapshot) {
  /** Nothing read before (INVALIDATE ... SYNC): each environment is read, planned and listed when claimed. */
  static final CleanupPage NONE = new CleanupPage(Map.of(), CatalogueSnapshot.NONE);
}
