/**
 * envsweep's core: {@link dev.envsweep.core.Envsweep} assembles one running instance (configuration, gateway
 * pools, state store, lifecycle and its {@link dev.envsweep.core.lifecycle.StatementExecutor}) shared by every
 * connection of a process. A statement goes down the packages in order, each handing its result to the next:
 * {@code sql} parses it, {@code lifecycle} executes it as units of work, {@code plan} names what each environment
 * owns, {@code render} writes the statements to send, {@code execute} sends them, and {@code state} records the
 * outcome; {@code model} holds the records they share. {@link dev.envsweep.core.SqlStates} is the one place
 * errors get their SQLSTATE.
 */
package dev.envsweep.core;
