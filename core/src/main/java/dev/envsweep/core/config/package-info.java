/**
 * The configuration: one YAML file (or the embedded default) read into immutable records for the state store,
 * the gateways, the janitor and the server, with secrets taken from environment variables. Every other package
 * reads these records; nothing here connects to anything.
 */
package dev.envsweep.core.config;
