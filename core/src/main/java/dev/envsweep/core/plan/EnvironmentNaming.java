package dev.envsweep.core.plan;

import dev.envsweep.core.model.Environment;
import dev.envsweep.core.model.EnvironmentNames;
import dev.envsweep.core.model.SuffixTarget;
import dev.envsweep.dialects.Dialect;

/**
 * Where an environment's view of a model lives: SQLMesh's {@code QualifiedViewName} rules (reference 4.1),
 * evaluated with the dialect of the engine that runs the drop. {@code N(s)} below is that dialect's
 * {@link Dialect#normalizeIdentifier}, applied only when the environment's {@code normalize_name} is set.
 */
final class EnvironmentNaming {
  private final String name;
  private final SuffixTarget target;
  private final String catalogOverride;
  private final boolean normalize;
  private final boolean dev;
  private final Dialect dialect;

  EnvironmentNaming(Environment env, SuffixTarget target, Dialect dialect) {
    // SQLMesh re-sanitises names when it loads an environment; so does envsweep.
    this.name = EnvironmentNames.sanitise(env.name());
    this.target = target;
    this.catalogOverride = env.catalogNameOverride();
    this.normalize = env.normalizeName();
    this.dev = !name.equals(EnvironmentNames.PROD);
    this.dialect = dialect;
  }

  private String n(String s) {
    return normalize ? dialect.normalizeIdentifier(s) : s;
  }

  /**
   * A catalog-suffix environment's catalog is {@code <catalog>__<env>} (for a model without a catalog that is
   * Python's {@code None__<env>}, a SQLMesh quirk reproduced on purpose: it is where SQLMesh put the views); else
   * the override; else the model's own catalog, not normalised.
   */
  String catalog(QualifiedName q) {
    String c;
    if (dev && target == SuffixTarget.CATALOG) {
      c = (q.catalog() == null ? "None" : q.catalog()) + "__" + name;
    } else if (catalogOverride != null) {
      c = catalogOverride;
    } else {
      return q.catalog();
    }
    return n(c);
  }

  /** The model's schema (or {@code default}), with {@code __<env>} for a schema-suffix environment. */
  String schema(QualifiedName q) {
    String s = q.schema() != null ? q.schema() : n("default");
    if (dev && target == SuffixTarget.SCHEMA) {
      s = s + "__" + n(name);
    }
    return s;
  }

  /** The model's table name, with {@code __<env>} for a table-suffix environment. */
  String table(QualifiedName q) {
    String t = q.table();
    if (dev && target == SuffixTarget.TABLE) {
      t = t + "__" + n(name);
    }
    return t;
  }
}
