package dev.envsweep.it;

/** End to end over Avatica's default wire format. */
class ProtobufEndToEndIT extends EndToEndTests {
  @Override
  String serialization() {
    return "protobuf";
  }
}
