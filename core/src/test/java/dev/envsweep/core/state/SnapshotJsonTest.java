package dev.envsweep.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envsweep.core.model.SnapshotTableInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming read gives what Jackson's data binding of the record gave, on SQLMesh's JSON and its edges. */
class SnapshotJsonTest {
  private static final ObjectMapper BINDING = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Keys and layout as SQLMesh's json.dumps writes them, nested objects and arrays included. */
  private static final String SQLMESH = "[{\"name\": \"\\\"db\\\".\\\"sales\\\".\\\"orders\\\"\", \"temp_version\":"
      + " \"abc\", \"change_category\": 1, \"fingerprint\": {\"data_hash\": \"1\", \"metadata_hash\": \"2\", "
      + "\"parent_data_hash\": \"0\", \"parent_metadata_hash\": \"0\"}, \"previous_versions\": [{\"fingerprint\": "
      + "{\"data_hash\": \"0\"}, \"version\": \"v0\"}], \"version\": \"1234\", \"physical_schema\": "
      + "\"sqlmesh__sales\", \"parents\": [{\"name\": \"\\\"db\\\".\\\"raw\\\".\\\"x\\\"\", \"identifier\": \"9\"}], "
      + "\"kind_name\": \"INCREMENTAL_BY_TIME_RANGE\", \"node_type\": \"model\", \"model_gateway\": \"warehouse\"}, "
      + "{\"name\": \"\\\"db\\\".\\\"raw\\\".\\\"x\\\"\", \"kind_name\": \"EXTERNAL\", \"node_type\": null}, "
      + "null, {\"name\": \"a\", \"kind_name\": \"VIEW\", \"node_type\": \"audit\", \"model_gateway\": null, "
      + "\"unknown_in_a_newer_sqlmesh\": {\"deep\": [1, [2, {\"name\": \"not this one\"}]]}}, "
      + "{\"name\": 42, \"kind_name\": true}]";

  @Test
  void readsWhatDataBindingRead() throws JsonProcessingException {
    List<SnapshotTableInfo> bound = BINDING.readValue(SQLMESH, new TypeReference<List<SnapshotTableInfo>>() {});
    List<SnapshotTableInfo> streamed = SnapshotJson.read(SQLMESH);
    assertThat(streamed).isEqualTo(bound).hasSize(5);
    assertThat(streamed.get(0)).isEqualTo(new SnapshotTableInfo("\"db\".\"sales\".\"orders\"",
        "INCREMENTAL_BY_TIME_RANGE", "model", "warehouse"));
    assertThat(streamed.get(3).name()).isEqualTo("a");
    assertThat(streamed.get(4)).isEqualTo(new SnapshotTableInfo("42", "true", null, null));
    assertThat(SnapshotJson.read("[]")).isEmpty();
  }

  @Test
  void whatIsNotAnArrayOfSnapshotsIsAJsonError() {
    for (String bad : List.of("[{oops", "{\"name\": \"x\"}", "[1]", "[{\"name\": {\"a\": 1}}]", "[{\"name\": \"x\"}",
        "", "null")) {
      assertThatThrownBy(() -> SnapshotJson.read(bad)).as(bad).isInstanceOf(JsonProcessingException.class);
    }
  }
}
