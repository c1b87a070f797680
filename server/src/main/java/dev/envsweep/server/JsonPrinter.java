package dev.envsweep.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON lines on stdout, for CI: one object per row keyed by column label (numbers as numbers, NULL as null),
 * and last {@code {"summary": {...}}}.
 */
final class JsonPrinter extends RowPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;
  private List<String> labels = List.of();

  JsonPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  void columns(List<String> labels) {
    this.labels = labels;
  }

  @Override
  void row(Object[] values) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      row.put(labels.get(i), values[i]);
    }
    write(row);
  }

  @Override
  void endResult() {
    out.flush();
  }

  @Override
  void summary(Summary summary) {
    write(summary.json());
  }

  private void write(Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
