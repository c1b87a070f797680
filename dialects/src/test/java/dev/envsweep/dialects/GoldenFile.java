package dev.envsweep.dialects;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code golden/<engine>.txt}: blocks separated by blank lines, {@code key: value} lines, {@code #}
 * comments. Repeated keys (several statements) accumulate in order.
 */
final class GoldenFile {

  record Case(String title, Map<String, List<String>> values) {
    String one(String key) {
      List<String> v = values.getOrDefault(key, List.of());
      if (v.size() != 1) {
        throw new IllegalStateException(title + ": expected one '" + key + "' line, found " + v.size());
      }
      return v.get(0);
    }

    List<String> all(String key) {
      return values.getOrDefault(key, List.of());
    }

    boolean has(String key) {
      return values.containsKey(key);
    }

    DropObject object() {
      String[] p = one("object").split(" ", -1);
      return new DropObject(ObjectKind.valueOf(p[0]), part(p[1]), part(p[2]), part(p[3]));
    }

    DialectContext context() {
      Map<String, String> kv = new HashMap<>();
      String context = values.containsKey("context") ? one("context") : "";
      for (String pair : context.split(" ")) {
        if (!pair.isBlank()) {
          String[] p = pair.split("=", 2);
          kv.put(p[0], p[1]);
        }
      }
      String dir = kv.remove("catalog_dir");
      String defaultCatalog = kv.remove("default_catalog");
      String current = kv.remove("current_catalog");
      return new DialectContext(defaultCatalog, dir == null ? null : Path.of(dir), kv, current);
    }

    /** {@code contents: VIEW s.name} lines: what the guard listing found inside a schema. */
    java.util.List<CatalogueObject> contents() {
      java.util.List<CatalogueObject> out = new ArrayList<>();
      DropObject o = object();
      for (String line : all("contents")) {
        String[] p = line.split(" ", 2);
        String[] sn = p[1].split("\\.", 2);
        out.add(new CatalogueObject(o.catalog(), sn[0], sn[1], p[0]));
      }
      return out;
    }

    @Override
    public String toString() {
      return title;
    }

    private static String part(String s) {
      return s.equals("-") ? null : s;
    }
  }

  static List<Case> read(String engine) {
    String resource = "/golden/" + engine + ".txt";
    try (InputStream in = GoldenFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no golden file " + resource);
      }
      List<Case> cases = new ArrayList<>();
      Map<String, List<String>> current = null;
      String title = null;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        if (line.startsWith("#")) {
          continue;
        }
        if (line.isBlank()) {
          if (current != null) {
            cases.add(new Case(title, current));
            current = null;
          }
          continue;
        }
        int colon = line.indexOf(':');
        String key = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).strip();
        if (key.equals("case")) {
          current = new LinkedHashMap<>();
          title = value;
          continue;
        }
        current.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
      if (current != null) {
        cases.add(new Case(title, current));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
