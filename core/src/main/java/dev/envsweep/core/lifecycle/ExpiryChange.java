package dev.envsweep.core.lifecycle;

/** What ALTER ENVIRONMENT sets an expiry to. */
public sealed interface ExpiryChange {

  /** Expire after this TTL, counted from the state store's now. */
  record After(Ttl ttl) implements ExpiryChange {}

  /** Never expire. */
  record Never() implements ExpiryChange {}

  /** Expire at this moment (epoch ms, UTC). */
  record At(long epochMillis) implements ExpiryChange {}
}
