package dev.envsweep.it;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4,
 * https://prometheus.io/docs/instrumenting/exposition_formats/), for checking what {@code /metrics} serves. The
 * Prometheus Java client writes this format but has no parser, and no maintained Java parser of it is on Maven
 * Central, so the rules are checked here, each failure naming its line: lines end in {@code \n}; {@code # HELP}
 * and {@code # TYPE} name a family once each, the TYPE before its samples, with a known type; metric and label
 * names match the format's patterns; label values are quoted with only {@code \\}, {@code \"} and {@code \n}
 * escapes; values are Go floats ({@code NaN}, {@code +Inf}, {@code -Inf} included); a sample belongs to the
 * family declared before it ({@code _total} for counters, {@code _count}/{@code _sum} or quantiles for summaries,
 * {@code _bucket}/{@code _count}/{@code _sum} for histograms), families are contiguous, and no series repeats.
 */
final class PrometheusText {
  private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample: its name, labels (sorted) and value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** A family's declared type and help, and its samples in order. */
  record Family(String name, String type, String help, List<Sample> samples) {}

  private final Map<String, Family> families = new LinkedHashMap<>();

  private PrometheusText() {}

  static PrometheusText parse(String text) {
    PrometheusText out = new PrometheusText();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the exposition does not end with a line feed");
    }
    String[] lines = text.split("\n", -1);
    Set<String> series = new HashSet<>();
    Set<String> closed = new HashSet<>();
    String current = null;
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      String where = "line " + (i + 1) + " '" + line + "': ";
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] p = line.split(" ", 4);
        if (p.length >= 3 && (p[1].equals("HELP") || p[1].equals("TYPE"))) {
          String name = p[2];
          require(METRIC.matcher(name).matches(), where + "bad metric name");
          require(!closed.contains(name), where + "family " + name + " is not contiguous");
          if (current != null && !current.equals(name)) {
            closed.add(current);
          }
          current = name;
          Family f = out.families.get(name);
          String rest = p.length == 4 ? p[3] : "";
          if (p[1].equals("TYPE")) {
            require(TYPES.contains(rest), where + "unknown type " + rest);
            require(f == null || f.type == null, where + "second TYPE for " + name);
            require(f == null || f.samples.isEmpty(), where + "TYPE after samples of " + name);
            out.families.put(name, new Family(name, rest, f == null ? null : f.help, new ArrayList<>()));
          } else {
            require(f == null || f.help == null, where + "second HELP for " + name);
            out.families.put(name, new Family(name, f == null ? null : f.type, unescapeHelp(rest, where),
                f == null ? new ArrayList<>() : f.samples));
          }
        }
        continue; // any other comment is allowed and ignored
      }
      Sample s = sample(line, where);
      String family = familyOf(out, s.name, current);
      require(family != null, where + "sample outside the family declared before it (" + current + ")");
      require(series.add(s.name + s.labels), where + "series repeated");
      out.families.get(family).samples.add(s);
    }
    return out;
  }

  /** The family a sample name belongs to, given the family declared last. */
  private static String familyOf(PrometheusText out, String sample, String current) {
    if (current == null) {
      return null;
    }
    Family f = out.families.get(current);
    String type = f.type == null ? "untyped" : f.type;
    List<String> allowed = switch (type) {
      case "counter" -> List.of(current + "_total", current);
      case "summary" -> List.of(current, current + "_count", current + "_sum");
      case "histogram" -> List.of(current + "_bucket", current + "_count", current + "_sum");
      default -> List.of(current);
    };
    return allowed.contains(sample) ? current : null;
  }

  private static Sample sample(String line, String where) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    require(METRIC.matcher(name).matches(), where + "bad metric name");
    Map<String, String> labels = new TreeMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        require(eq > 0, where + "label without '='");
        String label = line.substring(i, eq);
        require(LABEL.matcher(label).matches() && !label.startsWith("__"), where + "bad label name " + label);
        require(line.charAt(eq + 1) == '"', where + "label value not quoted");
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (;; j++) {
          require(j < line.length(), where + "unterminated label value");
          char ch = line.charAt(j);
          if (ch == '"') {
            break;
          }
          if (ch == '\\') {
            char e = line.charAt(++j);
            value.append(switch (e) {
              case '\\' -> '\\';
              case '"' -> '"';
              case 'n' -> '\n';
              default -> throw new IllegalArgumentException(where + "bad escape \\" + e);
            });
          } else {
            value.append(ch);
          }
        }
        require(labels.put(label, value.toString()) == null, where + "label " + label + " repeated");
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        } else {
          require(line.charAt(i) == '}', where + "expected ',' or '}' after a label");
        }
      }
      i++;
    }
    require(i < line.length() && line.charAt(i) == ' ', where + "no space before the value");
    String[] rest = line.substring(i + 1).split(" ");
    require(rest.length == 1 || rest.length == 2, where + "expected a value and at most a timestamp");
    if (rest.length == 2) {
      require(rest[1].matches("-?[0-9]+"), where + "bad timestamp");
    }
    return new Sample(name, labels, value(rest[0], where));
  }

  private static double value(String text, String where) {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        require(text.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?"), where + "bad value " + text);
        return Double.parseDouble(text);
    }
  }

  private static String unescapeHelp(String help, String where) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < help.length(); i++) {
      char ch = help.charAt(i);
      if (ch == '\\') {
        require(i + 1 < help.length(), where + "HELP ends in a lone backslash");
        char e = help.charAt(++i);
        require(e == '\\' || e == 'n', where + "bad HELP escape \\" + e);
        out.append(e == 'n' ? '\n' : '\\');
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  Family family(String name) {
    Family f = families.get(name);
    if (f == null) {
      throw new AssertionError("no family " + name + " in the scrape; families: " + families.keySet());
    }
    return f;
  }

  boolean has(String name) {
    return families.containsKey(name);
  }

  /** The value of the one sample of that name with exactly these labels. */
  double value(String sample, String... labelPairs) {
    Map<String, String> want = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      want.put(labelPairs[i], labelPairs[i + 1]);
    }
    for (Family f : families.values()) {
      for (Sample s : f.samples) {
        if (s.name.equals(sample) && s.labels.equals(want)) {
          return s.value;
        }
      }
    }
    throw new AssertionError("no sample " + sample + want + " in the scrape");
  }

  /** The samples of that name. */
  List<Sample> samples(String sample) {
    List<Sample> out = new ArrayList<>();
    for (Family f : families.values()) {
      for (Sample s : f.samples) {
        if (s.name.equals(sample)) {
          out.add(s);
        }
      }
    }
    return out;
  }
}
