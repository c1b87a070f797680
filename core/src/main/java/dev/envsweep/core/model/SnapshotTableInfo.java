package dev.envsweep.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/**
 * The fields of SQLMesh's {@code SnapshotTableInfo} JSON that cleanup needs. Every other field,
 * known or not, is ignored, so state written by newer SQLMesh versions still reads.
 *
 * @param name fully-qualified model name, each part double-quoted ({@code "db"."schema"."model"})
 * @param kindName model kind; EMBEDDED and EXTERNAL have no view
 * @param nodeType {@code model} or {@code audit}; audits have no view
 * @param modelGateway lower-cased gateway of the model, or null for the default gateway
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotTableInfo(@JsonProperty("name") String name, @JsonProperty("kind_name") String kindName,
    @JsonProperty("node_type") String nodeType, @JsonProperty("model_gateway") String modelGateway) {

  private static final Set<String> SYMBOLIC_KINDS = Set.of("EMBEDDED", "EXTERNAL");

  /** {@code node_type == "model"}, the default when absent. */
  public boolean isModel() {
    return nodeType == null || nodeType.equals("model");
  }

  /** EMBEDDED and EXTERNAL models: nothing in the virtual layer. */
  public boolean isSymbolic() {
    return kindName != null && SYMBOLIC_KINDS.contains(kindName);
  }

  /** Whether the janitor touches this snapshot's view: a model that is not symbolic. */
  public boolean hasView() {
    return isModel() && !isSymbolic();
  }
}
