package dev.envsweep.core.execute;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every configured gateway by name, and which one is the default. */
public final class Gateways implements AutoCloseable {
  private final Map<String, Gateway> byName = new LinkedHashMap<>();
  private final String defaultName;

  public Gateways(Collection<Gateway> gateways, String defaultName) {
    gateways.forEach(g -> byName.put(g.name(), g));
    this.defaultName = defaultName;
  }

  public Optional<Gateway> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Gateway defaultGateway() {
    return byName.get(defaultName);
  }

  public String defaultName() {
    return defaultName;
  }

  public Collection<Gateway> all() {
    return byName.values();
  }

  @Override
  public void close() {
    byName.values().forEach(Gateway::close);
  }
}
