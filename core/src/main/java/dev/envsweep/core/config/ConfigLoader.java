package dev.envsweep.core.config;

import dev.envsweep.core.model.EnvironmentNames;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the YAML configuration. Keys are checked, so a typo is an error naming the key and
 * the keys allowed there, never a silently ignored setting. {@code ${env:NAME}} in any string value is replaced
 * by that environment variable; an unset variable is an error.
 *
 * <p>The file is read as SnakeYAML's node tree (scalars keep the text written, so {@code password: yes} stays
 * {@code yes}), not bound to objects: that keeps Jackson's data binding, about 300 classes, out of the server's
 * start-up, and every node knows its line for messages.
 */
public final class ConfigLoader {

  /** The file looked for in the working directory when none is given. */
  public static final String DEFAULT_FILE_NAME = "envsweep.yaml";

  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

  private final Function<String, String> environment;

  public ConfigLoader() {
    this(System::getenv);
  }

  /** With another source of environment variables (tests). */
  public ConfigLoader(Function<String, String> environment) {
    this.environment = environment;
  }

  /**
   * The configuration at {@code path}; with none, {@code envsweep.yaml} in the working directory; without that,
   * the embedded default.
   */
  public EnvsweepConfig load(Path path) throws ConfigException {
    Path cwd = Path.of("").toAbsolutePath();
    if (path == null) {
      Path candidate = cwd.resolve(DEFAULT_FILE_NAME);
      if (!Files.isRegularFile(candidate)) {
        return EnvsweepConfig.embedded(cwd, EnvsweepConfig.EMBEDDED_FILE, "embedded default");
      }
      path = candidate;
    }
    if (!Files.isRegularFile(path)) {
      throw new ConfigException("configuration file " + path + " does not exist");
    }
    try {
      return parse(Files.readString(path), path.toString());
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + path + ": " + e.getMessage());
    }
  }

  /** Parses YAML text; {@code source} names it in messages. */
  public EnvsweepConfig parse(String yaml, String source) throws ConfigException {
    org.yaml.snakeyaml.nodes.Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      throw new ConfigException(source + ": not valid YAML: " + e.getProblem()
          + (mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)));
    } catch (YAMLException e) {
      throw new ConfigException(source + ": not valid YAML: " + e.getMessage());
    }
    if (root == null || isNull(root)) {
      throw new ConfigException(source + ": the file is empty; configure at least one gateway");
    }
    Node top = new Node(source, "", root);
    try {
      top.allow("state_store", "default_gateway", "gateways", "pinned_environments", "janitor", "server");

      Node gatewaysNode = top.child("gateways");
      if (gatewaysNode == null || gatewaysNode.fields.isEmpty()) {
        throw new ConfigException(source + ": 'gateways' must list at least one gateway");
      }
      Map<String, GatewayConfig> gateways = new LinkedHashMap<>();
      for (String rawName : gatewaysNode.fields.keySet()) {
        String name = rawName.toLowerCase(Locale.ROOT);
        if (gateways.containsKey(name)) {
          throw new ConfigException(source + ": gateway '" + rawName + "' is configured twice (names are case "
              + "insensitive)");
        }
        gateways.put(name, gateway(name, gatewaysNode.child(rawName)));
      }

      String defaultGateway = top.string("default_gateway");
      if (defaultGateway == null) {
        if (gateways.size() > 1) {
          throw new ConfigException(source + ": 'default_gateway' must name one of the gateways: "
              + String.join(", ", gateways.keySet()));
        }
        defaultGateway = gateways.keySet().iterator().next();
      }
      defaultGateway = defaultGateway.toLowerCase(Locale.ROOT);
      if (!gateways.containsKey(defaultGateway)) {
        throw new ConfigException(source + ": default_gateway '" + defaultGateway
            + "' is not one of the gateways: " + String.join(", ", gateways.keySet()));
      }

      StateStoreConfig stateStore = stateStore(top.child("state_store"));

      Set<String> pinned = new LinkedHashSet<>();
      for (String p : top.strings("pinned_environments")) {
        pinned.add(EnvironmentNames.sanitise(p));
      }

      JanitorConfig janitor = JanitorConfig.DEFAULT;
      Node j = top.child("janitor");
      if (j != null) {
        j.allow("warn_on_failure", "page_size", "force", "statement_timeout", "schedule");
        janitor = new JanitorConfig(j.bool("warn_on_failure", false), j.integer("page_size", 100),
            j.bool("force", false), j.seconds("statement_timeout", 0), j.seconds("schedule", 0));
      }

      ServerConfig server = ServerConfig.DEFAULT;
      Node s = top.child("server");
      if (s != null) {
        s.allow("host", "port", "serialization", "authentication", "users_file", "tls", "statement_timeout",
            "pg_port", "pg_max_connections", "metrics_port");
        Node tls = s.child("tls");
        if (tls != null) {
          tls.allow("keystore", "password");
        }
        String users = s.string("users_file");
        server = new ServerConfig(s.string("host"), s.integer("port", ServerConfig.DEFAULT.port()),
            s.string("serialization"), s.string("authentication"),
            users == null ? null : Path.of(users).toAbsolutePath().normalize(),
            tls == null ? null : Path.of(tls.required("keystore")).toAbsolutePath().normalize(),
            tls == null ? null : tls.required("password"), s.seconds("statement_timeout", 0),
            s.string("pg_port") == null ? null : s.integer("pg_port", 0),
            s.integer("pg_max_connections", ServerConfig.DEFAULT_PG_MAX_CONNECTIONS),
            s.string("metrics_port") == null ? null : s.integer("metrics_port", 0));
      }
      return new EnvsweepConfig(stateStore, defaultGateway, gateways, pinned, janitor, server, source);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
  }

  private GatewayConfig gateway(String name, Node g) throws ConfigException {
    g.allow("url", "dialect", "default_catalog", "user", "password", "max_parallel_drops", "catalog_dir",
        "properties", "options", "connection_timeout_ms");
    String url = g.required("url");
    String dir = g.string("catalog_dir");
    int parallel = g.integer("max_parallel_drops", 0); // 0: the engine's default, chosen by its dialect
    if (parallel < 1 && g.string("max_parallel_drops") != null) {
      throw new ConfigException(g.where("max_parallel_drops") + " must be at least 1");
    }
    return new GatewayConfig(name, url, g.string("dialect"), g.string("default_catalog"), g.string("user"),
        g.string("password"), parallel, dir == null ? null : Path.of(dir).toAbsolutePath().normalize(),
        g.map("properties"), g.map("options"), g.integer("connection_timeout_ms", 10_000));
  }

  private StateStoreConfig stateStore(Node s) throws ConfigException {
    if (s == null) {
      return StateStoreConfig.onDefaultGateway(false);
    }
    s.allow("url", "dialect", "user", "password", "schema", "create", "allow_newer_schema", "properties",
        "connection_timeout_ms");
    return new StateStoreConfig(s.string("url"), s.string("dialect"), s.string("user"), s.string("password"),
        s.string("schema"), s.bool("create", false), s.bool("allow_newer_schema", false), s.map("properties"),
        s.integer("connection_timeout_ms", 10_000));
  }

  private static boolean isNull(org.yaml.snakeyaml.nodes.Node node) {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  /** A YAML mapping with its path, for messages. */
  private final class Node {
    final String source;
    final String path;
    /** Its keys (as written) and values, in order. */
    final Map<String, org.yaml.snakeyaml.nodes.Node> fields = new LinkedHashMap<>();

    Node(String source, String path, org.yaml.snakeyaml.nodes.Node node) throws ConfigException {
      this.source = source;
      this.path = path;
      if (!(node instanceof MappingNode mapping)) {
        throw new ConfigException(source + ": " + (path.isEmpty() ? "the top level" : "'" + path + "'")
            + " must be a mapping of keys to values");
      }
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          throw new ConfigException(source + ": a key " + (path.isEmpty() ? "at the top level" : "in '" + path
              + "'") + " at line " + (tuple.getKeyNode().getStartMark().getLine() + 1) + " is not a plain name");
        }
        if (fields.put(key.getValue(), tuple.getValueNode()) != null) {
          throw new ConfigException(source + ": '" + (path.isEmpty() ? key.getValue() : path + "." + key.getValue())
              + "' is given twice (line " + (key.getStartMark().getLine() + 1) + ")");
        }
      }
    }

    String where(String key) {
      return source + ": '" + (path.isEmpty() ? key : path + "." + key) + "'";
    }

    void allow(String... keys) throws ConfigException {
      List<String> known = List.of(keys);
      for (String key : fields.keySet()) {
        if (!known.contains(key)) {
          throw new ConfigException(source + ": unknown key '" + (path.isEmpty() ? key : path + "." + key)
              + "'; allowed here: " + String.join(", ", known));
        }
      }
    }

    Node child(String key) throws ConfigException {
      org.yaml.snakeyaml.nodes.Node c = fields.get(key);
      return c == null || isNull(c) ? null : new Node(source, path.isEmpty() ? key : path + "." + key, c);
    }

    String string(String key) throws ConfigException {
      org.yaml.snakeyaml.nodes.Node v = fields.get(key);
      if (v == null || isNull(v)) {
        return null;
      }
      if (!(v instanceof ScalarNode scalar)) {
        throw new ConfigException(where(key) + " must be a single value");
      }
      return substitute(key, scalar.getValue());
    }

    String required(String key) throws ConfigException {
      String v = string(key);
      if (v == null || v.isBlank()) {
        throw new ConfigException(where(key) + " is required");
      }
      return v;
    }

    boolean bool(String key, boolean fallback) throws ConfigException {
      String v = string(key);
      if (v == null) {
        return fallback;
      }
      if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(v);
      }
      throw new ConfigException(where(key) + " must be true or false, got '" + v + "'");
    }

    int integer(String key, int fallback) throws ConfigException {
      String v = string(key);
      if (v == null) {
        return fallback;
      }
      try {
        return Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(where(key) + " must be a whole number, got '" + v + "'");
      }
    }

    /** A duration in whole seconds: a number of seconds, or ISO-8601 ({@code PT30S}, {@code PT2M}). */
    int seconds(String key, int fallback) throws ConfigException {
      String v = string(key);
      if (v == null) {
        return fallback;
      }
      String t = v.trim().toLowerCase(java.util.Locale.ROOT);
      try {
        if (t.matches("\\d+")) {
          return Integer.parseInt(t);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
            .compile("(\\d+)\\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)").matcher(t);
        if (m.matches()) {
          int n = Integer.parseInt(m.group(1));
          char unit = m.group(2).charAt(0);
          return Math.multiplyExact(n, unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : 86400);
        }
        return Math.toIntExact(java.time.Duration.parse(v.trim()).toSeconds());
      } catch (RuntimeException e) {
        throw new ConfigException(where(key) + " must be seconds, an amount such as '15 minutes' or '1 hour', or "
            + "an ISO-8601 duration such as PT30S, got '" + v + "'");
      }
    }

    List<String> strings(String key) throws ConfigException {
      org.yaml.snakeyaml.nodes.Node v = fields.get(key);
      List<String> out = new ArrayList<>();
      if (v == null || isNull(v)) {
        return out;
      }
      if (!(v instanceof SequenceNode list)) {
        throw new ConfigException(where(key) + " must be a list");
      }
      for (org.yaml.snakeyaml.nodes.Node item : list.getValue()) {
        if (!(item instanceof ScalarNode scalar)) {
          throw new ConfigException(where(key) + " must be a list of single values");
        }
        out.add(substitute(key, scalar.getValue()));
      }
      return out;
    }

    Map<String, String> map(String key) throws ConfigException {
      Node m = child(key);
      Map<String, String> out = new LinkedHashMap<>();
      if (m != null) {
        for (String k : m.fields.keySet()) {
          out.put(k, m.string(k));
        }
      }
      return out;
    }

    private String substitute(String key, String value) throws ConfigException {
      Matcher m = ENV_REFERENCE.matcher(value);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String v = environment.apply(m.group(1));
        if (v == null) {
          throw new ConfigException(where(key) + " uses environment variable " + m.group(1) + ", which is not set");
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(v));
      }
      m.appendTail(sb);
      return sb.toString();
    }
  }
}
