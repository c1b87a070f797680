package dev.envsweep.it;

/** End to end over Avatica's JSON wire format. */
class JsonEndToEndIT extends EndToEndTests {
  @Override
  String serialization() {
    return "json";
  }
}
